import Testing
@testable import TerminalUI

@Suite("The sanitiser's rule, for the dashboard and the CLI alike")
struct SanitizerRuleTests {
    /// What the rule is meant to be, written out independently of the code: the C0 controls,
    /// DEL, the C1 controls, the bidirectional embeddings, overrides, isolates and marks, and
    /// the line and paragraph separators.
    static func expectedUnsafe(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || [0x200E, 0x200F, 0x061C, 0x2028, 0x2029].contains(value)
    }

    @Test("exactly the intended scalars are unsafe, over the whole Basic Multilingual Plane and beyond")
    func theRule() {
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(Sanitizer.isUnsafe(scalar) == Self.expectedUnsafe(value), "U+\(String(value, radix: 16))")
        }
    }

    @Test("each unsafe scalar has a visible placeholder one column wide")
    func placeholders() {
        #expect(Sanitizer.safe("a\u{1B}b\u{07}c\rd\ne\tf\u{0}") == "a␛b␇c␍d␊e␉f␀")
        #expect(Sanitizer.safe("\u{7F}") == "␡")
        for value: UInt32 in [0x9B, 0x85, 0x202E, 0x2066, 0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029] {
            #expect(Sanitizer.safe(String(Unicode.Scalar(value)!)) == "�", "U+\(String(value, radix: 16))")
        }
        for value in UInt32(0)...0x2FFFF where Self.expectedUnsafe(value) {
            let placeholder = Sanitizer.placeholder(for: Unicode.Scalar(value)!)!
            #expect(TextWidth.of(placeholder) == 1)
            #expect(!placeholder.unicodeScalars.contains { Self.expectedUnsafe($0.value) })
        }
    }

    @Test("safe text comes back unchanged: scripts, combining marks, wide characters, emoji")
    func safeTextUnchanged() {
        for text in ["Kraków", "東京大学", "جامعة القاهرة", "Zu\u{308}rich", "भारतीय", "Trường Đại học", "👩‍🔬 lab", ""] {
            #expect(Sanitizer.safe(text) == text)
            #expect(Sanitizer.safe(text, keepingLineFeeds: true) == text)
        }
    }

    @Test("keeping line feeds keeps only the line feed: CR, CRLF's CR and the separators are shown")
    func lineFeeds() {
        #expect(Sanitizer.safe("one\ntwo\r\nthree\rfour\u{2028}five", keepingLineFeeds: true) == "one\ntwo␍\nthree␍four�five")
        #expect(Sanitizer.safe("one\ntwo") == "one␊two")
    }

    @Test("the CLI's text and the dashboard's cells show the same placeholders at the same widths")
    func sameForBoth() {
        let hostile = "Evil\u{1B}]0;PWNED\u{07}\u{1B}[2J\r\u{9B}2J\u{7F}\u{202E}abc\u{2066}東京\u{200F}\u{2028}x"
        let pieces = Sanitizer.pieces(of: hostile)
        let safe = Sanitizer.safe(hostile)
        #expect(pieces.map(\.text).joined() == safe)
        #expect(pieces.reduce(0) { $0 + $1.width } == TextWidth.of(safe))
        var buffer = Buffer(width: 60, height: 1)
        buffer.write(hostile, x: 0, y: 0, style: .plain)
        #expect(buffer.lines[0].hasPrefix(safe))
    }
}
