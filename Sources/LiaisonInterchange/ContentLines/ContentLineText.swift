import TerminalUI

/// The text rules iCalendar (RFC 5545 §3.3.11) and vCard (RFC 6350 §3.4) share: in a text value
/// a backslash, `;` and `,` are escaped with a backslash and a line break is written `\n`. Control
/// characters other than a tab cannot be written in either format (a CR or an ESC would end or
/// break the line for a reader), so they are left out, the C1 controls too (readers that split
/// lines as Unicode does end a line at NEL); the line and paragraph separators are line breaks,
/// and the bidirectional controls are shown by the terminal's placeholder (`Sanitizer`), as
/// everywhere Liaison writes text for people.
/// The file stays readable whatever a note holds.
public enum ContentLineText {
    /// `text` as a text value: escaped, line breaks (LF, CRLF, CR, U+2028, U+2029) as `\n`,
    /// other controls left out.
    public static func escaped(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": result.append(contentsOf: #"\\"#.unicodeScalars)
            case ";": result.append(contentsOf: #"\;"#.unicodeScalars)
            case ",": result.append(contentsOf: #"\,"#.unicodeScalars)
            case "\r", "\u{2028}", "\u{2029}": result.append(contentsOf: #"\n"#.unicodeScalars)
            case "\n": if !afterCR { result.append(contentsOf: #"\n"#.unicodeScalars) }
            case "\t": result.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                // Bidirectional overrides, isolates and marks reorder what a reader shows (and
                // a terminal the file is printed on): their visible placeholder instead.
                if let placeholder = Sanitizer.placeholder(for: scalar) {
                    result.append(contentsOf: placeholder.unicodeScalars)
                    continue
                }
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A compound value (a vCard's N or ORG): each component escaped, joined by `;`.
    public static func escaped(components: [String]) -> String {
        components.map(escaped).joined(separator: ";")
    }

    /// A text value as written: `\n` and `\N` as a line feed, `\\`, `\;`, `\,` as the character;
    /// a backslash before anything else is kept (older writers leave some unescaped).
    public static func unescaped(_ value: some StringProtocol) -> String {
        guard value.contains("\\") else { return String(value) }
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case "n", "N": result.append("\n")
                case "\\", ";", ",", ":": result.append(character)
                default: result.append("\\"); result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { result.append("\\") }
        return result
    }

    /// The components of a compound value, split at each `;` that is not escaped, each unescaped.
    public static func components(_ value: some StringProtocol) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaping = false
        for character in value {
            if escaping {
                current.append("\\")
                current.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == ";" {
                parts.append(unescaped(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaping { current.append("\\") }
        parts.append(unescaped(current))
        return parts
    }
}
