import Testing
@testable import TerminalUI

@Suite("Text wrapped to a width")
struct TextWrapTests {
    @Test("words fill lines; the spaces between words on a line stay as they are")
    func words() {
        #expect(TextWrap.lines("the ECHE list pads D  BOCHUM01 so", width: 20) == ["the ECHE list pads D", "BOCHUM01 so"])
        #expect(TextWrap.lines("code D  BOCHUM01", width: 20) == ["code D  BOCHUM01"])
        #expect(TextWrap.lines("one\ntwo three", width: 20) == ["one", "two three"])
    }

    @Test("a word wider than the width breaks after a hyphen, else between characters, and nothing is lost")
    func longWords() {
        #expect(TextWrap.lines("research-cooperation", width: 12) == ["research-", "cooperation"])
        #expect(TextWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        // A wide character takes two columns and is never split.
        #expect(TextWrap.lines("東京大学東京", width: 5) == ["東京", "大学", "東京"])
        let text = "Provision of early and continuous international and intercultural experiences"
        #expect(TextWrap.lines(text, width: 17).joined(separator: " ") == text)
        #expect(TextWrap.lines(text, width: 17).allSatisfy { TextWidth.of($0) <= 17 })
    }
}
