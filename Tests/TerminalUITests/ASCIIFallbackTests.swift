import Testing
import TerminalUI

/// Where no UTF-8 locale exists (or LIAISON_ASCII=1), each cell is drawn as one ASCII character.
@Suite("ASCII drawing without a UTF-8 locale")
struct ASCIIFallbackTests {
    @Test("letters keep their base, precomposed or with combining marks", arguments: [
        ("ü", "u"), ("u\u{308}", "u"), ("Ł", "L"), ("ł", "l"), ("ó", "o"), ("ź", "z"), ("İ", "I"), ("ç", "c"),
        ("ß", "s"), ("Æ", "A"), ("ÿ", "y"), ("ſ", "s"), ("Ø", "O"),
    ])
    func latinLetters(cell: String, expected: Character) {
        #expect(ASCIIFallback.character(for: cell) == expected)
    }

    @Test("the views' drawing characters have ASCII stand-ins; other scripts and controls are ?")
    func drawingAndOthers() {
        let drawn = ["│", "─", "…", "·", "▲", "▼", "█", "▌", "↓", "→", "–"].map { ASCIIFallback.character(for: $0) }
        #expect(drawn == ["|", "-", ".", ".", "^", "v", "#", "#", "v", ">", "-"])
        for other in ["大", "ج", "б", "👍🏽", "\u{1B}", "\u{7F}"] { #expect(ASCIIFallback.character(for: other) == "?") }
        #expect(ASCIIFallback.character(for: "a") == "a")
        #expect(ASCIIFallback.character(for: "") == " ")
    }

    @Test("every character of a whole rendered line comes out ASCII")
    func wholeLine() {
        var buffer = Buffer(width: 40, height: 1)
        _ = buffer.write("ETH Zürich · 大阪大学 · Łódź → Kraków", x: 0, y: 0, style: .plain)
        let line = (0..<40).map { x in
            buffer[x, 0].isContinuation ? " " : ASCIIFallback.character(for: buffer[x, 0].text)
        }
        #expect(line.allSatisfy { $0.isASCII })
        #expect(String(line).hasPrefix("ETH Zurich . ? ? ? ?  . Lodz > Krakow"))
    }
}
