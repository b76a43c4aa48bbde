import Testing
import TerminalUI

/// What a character read from the terminal (one scalar per get_wch) stands for.
@Suite("Typed characters")
struct InputTests {
    @Test("every scalar of a combining sequence, a skin tone, a flag and a ZWJ sequence is a key that types it",
          arguments: ["e\u{301}", "Universite\u{301}", "👍🏽", "🇯🇵", "👩\u{200D}💻", "東京大学", "جامعة", "\u{2764}\u{FE0F}"])
    func scalarsAreKeys(text: String) {
        for scalar in text.unicodeScalars {
            #expect(InputEvent.typed(scalar.value) == .key(.character(Character(scalar))), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("controls: Esc, Tab, Enter, Backspace (^H and DEL), Ctrl-letters; NUL, Ctrl-\\ to Ctrl-_ and C1 are no key")
    func controls() {
        #expect(InputEvent.typed(27) == .key(.escape))
        #expect(InputEvent.typed(9) == .key(.tab))
        #expect(InputEvent.typed(10) == .key(.enter))
        #expect(InputEvent.typed(13) == .key(.enter))
        #expect(InputEvent.typed(8) == .key(.backspace))
        #expect(InputEvent.typed(127) == .key(.backspace))
        #expect(InputEvent.typed(23) == .key(.control("w")))
        #expect(InputEvent.typed(21) == .key(.control("u")))
        #expect(InputEvent.typed(11) == .key(.control("k")))
        for value: UInt32 in [0, 28, 29, 30, 31, 0x80, 0x85, 0x9B, 0x9F, 0xD800, 0x110000] {
            #expect(InputEvent.typed(value) == nil, "\(value)")
        }
    }
}
