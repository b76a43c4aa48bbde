import Testing
@testable import LiaisonApp
import TerminalUI

/// The text field edits by character (extended grapheme cluster) while typing arrives one
/// Unicode scalar at a time, and places its cursor by display width.
@Suite("Text fields: graphemes, scalars and columns")
struct TextFieldTests {
    /// A field typed into one scalar at a time, as a terminal delivers keys.
    private func typed(_ text: String, into start: TextField = TextField()) -> TextField {
        var field = start
        for scalar in text.unicodeScalars { field.insert(Character(scalar)) }
        return field
    }

    /// Its characters, the cursor among them, and the cursor's column.
    private func counts(_ field: TextField) -> (Int, Int, Int) { (field.text.count, field.cursor, field.cursorColumn) }

    /// The scalars of a text, so that NFC and NFD spellings are told apart.
    private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test("e then a combining acute makes é with the cursor after it; Backspace removes both scalars")
    func combiningMark() {
        var field = typed("e\u{301}")
        #expect(scalars(field.text) == [0x65, 0x301])
        #expect(counts(field) == (1, 1, 1))
        field = typed("x", into: field)
        #expect(field.text == "éx")
        #expect(field.cursor == 2)
        // A second mark typed after é joins it too, wherever the cursor is.
        field.moveLeft()
        field.insert("\u{302}")
        #expect(scalars(field.text) == [0x65, 0x301, 0x302, 0x78])
        #expect(counts(field) == (2, 1, 1))
        field.deleteBackward()
        #expect(field.text == "x")
        #expect(field.cursor == 0)
        // A mark typed first, with nothing to join, is a character of its own; a letter typed
        // before it joins with it.
        field.moveHome()
        field.insert("\u{301}")
        #expect(field.text.count == 2)
        #expect(field.cursor == 1)
        field.moveHome()
        field.insert("a")
        #expect(scalars(field.text) == [0x61, 0x301, 0x78])
        #expect(field.cursor == 1, "the cursor after á, not inside it")
    }

    @Test("a pasted Université in NFD: ten characters, ten columns; Backspace and Delete take é whole")
    func decomposedText() {
        let nfd = "Universite\u{301}"
        var field = typed(nfd)
        #expect(scalars(field.text) == scalars(nfd))
        #expect(counts(field) == (10, 10, 10))
        field.deleteBackward()
        #expect(field.text == "Universit")
        field = typed("e\u{301} de Lille", into: field)
        #expect(field.cursorColumn == 19)
        for _ in 0..<9 { field.moveLeft() }
        #expect(field.cursor == 10)
        #expect(field.cursorColumn == 10)
        field.moveLeft()
        field.deleteForward()
        #expect(field.text == "Universit de Lille")
        #expect(field.cursor == 9)
        field.moveEnd()
        field.deleteWordBackward()
        #expect(field.text == "Universit de ")
    }

    @Test("skin tones: 👍 then U+1F3FD is one character; the cursor steps over it whole")
    func skinTone() {
        var field = typed("a👍🏽b")
        // Drawn as the terminal counts each scalar: two wide cells.
        #expect(counts(field) == (3, 3, 1 + 4 + 1))
        field.moveLeft()
        field.moveLeft()
        #expect(counts(field) == (3, 1, 1))
        field.deleteForward()
        #expect(field.text == "ab")
        field = typed("👍🏽", into: field)
        #expect(field.text == "a👍🏽b")
        #expect(field.cursor == 2)
        field.deleteBackward()
        #expect(field.text == "ab")
        #expect(field.cursor == 1)
    }

    @Test("flags: two regional indicators make 🇯🇵; a third starts the next flag")
    func flags() {
        var field = typed("🇯")
        #expect(field.text.count == 1)
        field = typed("🇵", into: field)
        #expect(field.text == "🇯🇵")
        #expect(counts(field) == (1, 1, 2))
        field = typed("🇩🇪", into: field)
        #expect(field.text.count == 2)
        field.moveLeft()
        #expect(field.cursorColumn == 2)
        field.deleteBackward()
        #expect(field.text == "🇩🇪")
        #expect(field.cursor == 0)
        // An indicator typed before a flag pairs with the flag's first half: the cursor goes
        // after the pair it made, never between the halves of a flag.
        field.insert("🇫")
        #expect(scalars(field.text) == [0x1F1EB, 0x1F1E9, 0x1F1EA])
        #expect(field.text.count == 2)
        #expect(field.cursor == 1)
        field.deleteBackward()
        #expect(field.text == "🇪")
    }

    @Test("ZWJ sequences: 👩, ZWJ, 💻 typed one by one are one character")
    func zwjSequence() {
        var field = typed("👩\u{200D}")
        #expect(field.text.count == 1)
        #expect(field.cursor == 1)
        field = typed("💻", into: field)
        #expect(field.text == "👩‍💻")
        #expect(counts(field) == (1, 1, 4))
        field = typed(" dev", into: field)
        field.moveHome()
        field.moveRight()
        #expect(field.cursorColumn == 4)
        field.killToStart()
        #expect(field.text == " dev")
        field.moveEnd()
        field.moveLeft()
        field.killToEnd()
        #expect(field.text == " de")
        // A variation selector joins the character before it.
        field = typed("\u{2764}\u{FE0F}", into: field)
        #expect(field.text.count == 4)
        field.deleteBackward()
        #expect(field.text == " de")
    }

    @Test("Japanese: wide characters take two columns each; a voicing mark joins its kana")
    func japanese() {
        var field = typed("東京大学")
        #expect(counts(field) == (4, 4, 8))
        field.moveLeft()
        field.moveLeft()
        #expect(field.cursorColumn == 4)
        field.killToEnd()
        #expect(field.text == "東京")
        // か + U+3099 (combining voiced sound mark) is が.
        field = typed("か\u{3099}", into: field)
        #expect(counts(field) == (3, 3, 6))
        field.deleteBackward()
        #expect(field.text == "東京")
    }

    @Test("Arabic: letters and their vowel marks; Ctrl-W deletes a word")
    func arabic() {
        var field = typed("جامعة القاهرة")
        #expect(counts(field) == (13, 13, 13))
        field.deleteWordBackward()
        #expect(field.text == "جامعة ")
        // Meem with a damma is one character, one column.
        field = typed("م\u{64F}", into: field)
        #expect(counts(field) == (7, 7, 7))
        field.deleteBackward()
        field.deleteWordBackward()
        #expect(field.text.isEmpty)
        #expect(field.cursor == 0)
    }

    @Test("Home, End, Left and Right stop at the ends; Backspace at the start and Delete at the end do nothing")
    func ends() {
        var field = TextField("ab")
        field.moveRight()
        #expect(field.cursor == 2)
        field.deleteForward()
        #expect(field.text == "ab")
        field.moveHome()
        field.moveLeft()
        #expect(field.cursor == 0)
        field.deleteBackward()
        #expect(field.text == "ab")
        field.killToStart()
        #expect(field.text == "ab")
        field.moveEnd()
        field.killToEnd()
        #expect(field.text == "ab")
        #expect(field.cursor == 2)
    }

    @Test("a text wider than its box scrolls so the cursor and the character under it are inside")
    func scrolling() {
        var field = TextField("東京大学東京大学")
        var shown = field.visible(width: 10)
        #expect(shown.text == "東京大学")
        #expect(shown.cursorColumn == 8)
        field.moveHome()
        shown = field.visible(width: 10)
        #expect(shown.text == "東京大学東京大学")
        #expect(shown.cursorColumn == 0)
        // Before the second 大: it and the "…" after it must fit beside the cursor.
        for _ in 0..<6 { field.moveRight() }
        shown = field.visible(width: 10)
        #expect(shown.text == "学東京大学")
        #expect(shown.cursorColumn == 6)
        // A text that fits does not scroll, the cursor at its end included.
        field = TextField("abc")
        #expect(field.visible(width: 4) == ("abc", 3))
        #expect(field.visible(width: 3) == ("bc", 2))
        // No room at all: nothing shown, the cursor at the box's start.
        #expect(field.visible(width: 0).cursorColumn == 0)
        #expect(TextField("👍🏽").visible(width: 1).cursorColumn == 0)
    }

    @Test("any mix of scalars and edits keeps the cursor on the text and inside any box")
    func invariant() {
        var random = SeededRandom(seed: 7)
        let pieces: [String] = ["e", "\u{301}", "\u{308}", "\u{200D}", "\u{FE0F}", "\u{1F3FD}", "🇯", "🇵", "👩", "💻", "東", "か", "\u{3099}",
                                "ج", "\u{64F}", " ", "\n", "\u{1100}", "\u{1161}"]
        var field = TextField()
        for _ in 0..<20_000 {
            switch random.next(below: 12) {
            case 0: field.deleteBackward()
            case 1: field.deleteForward()
            case 2: field.moveLeft()
            case 3: field.moveRight()
            case 4: random.next(below: 4) == 0 ? field.killToStart() : field.moveHome()
            case 5: random.next(below: 4) == 0 ? field.killToEnd() : field.moveEnd()
            case 6: field.deleteWordBackward()
            default: field.insert(pieces[random.next(below: pieces.count)])
            }
            #expect(field.cursor >= 0 && field.cursor <= field.text.count)
            #expect(field.cursorColumn == Sanitizer.width(of: field.text.prefix(field.cursor)))
            let width = 1 + random.next(below: 12)
            let shown = field.visible(width: width)
            #expect(shown.cursorColumn >= 0 && shown.cursorColumn < width)
            #expect(field.text.hasSuffix(shown.text))
            if field.text.count > 40 { field.set("") }
        }
    }
}

/// SplitMix64: the same numbers for the same seed on every run and machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
