import Foundation

/// The one definition of "the same text" for search, sorting and name matching: case and
/// diacritics are ignored, so "universitat bochum" matches "Universität Bochum" and
/// "lodz" matches "Łódź". Letters without a decomposition (ł, ø, đ, ß, æ) are folded by hand,
/// because users type them as their base letters.
public enum TextFolding {
    /// Folds text to lower-case base letters. Scripts without case or diacritics (CJK, Hangul,
    /// Arabic) pass through unchanged.
    public static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text folded, with only its letters and digits: how a column header or a country name
    /// is recognised whatever its case, accents, spaces and punctuation ("E-Mail" is "email",
    /// "Korea, Republik" is "korearepublik").
    public static func matchKey(_ text: String) -> String {
        String(fold(text).filter { $0.isLetter || $0.isNumber })
    }

    /// The text with its German umlauts written out as German does without them: "Zürich" is
    /// "Zuerich", "Universität" "Universitaet" (ß folds to "ss" anyway). Folding drops the dots
    /// ("Zurich"), so both spellings are compared by `Lookalike`; text without umlauts is returned
    /// as it is.
    public static func writingOutUmlauts(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        let composed = text.precomposedStringWithCanonicalMapping // "u" and U+0308 become "ü"
        guard composed.unicodeScalars.contains(where: { umlauts[$0] != nil }) else { return text }
        var written = String.UnicodeScalarView()
        for scalar in composed.unicodeScalars {
            if let letters = umlauts[scalar] { written.append(contentsOf: letters.unicodeScalars) } else { written.append(scalar) }
        }
        return String(written)
    }

    private static let umlauts: [Unicode.Scalar: String] = ["ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"]

    /// Appends the folded UTF-8 of `text`; the search index builds its haystack with this.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            } else if (0x0300...0x036F).contains(value) {
                continue // combining diacritical marks of decomposed input
            } else if let folded = table[value] {
                bytes.append(contentsOf: folded)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    private static let handFolded: [Unicode.Scalar: String] = [
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i",
        "þ": "th", "Þ": "th", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t",
    ]

    /// Folded forms of the Latin, Greek and Cyrillic letters, computed once with Foundation's
    /// folding; looking them up is what keeps building the search index fast.
    private static let table: [UInt32: [UInt8]] = {
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x0370...0x03FF, 0x0400...0x052F, 0x1E00...0x1EFF]
        var table: [UInt32: [UInt8]] = [:]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let folded = handFolded[scalar]
                    ?? String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
                if folded != String(scalar) { table[value] = Array(folded.utf8) }
            }
        }
        return table
    }()
}
