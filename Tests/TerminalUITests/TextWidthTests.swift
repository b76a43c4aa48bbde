import CNcursesw
import Foundation
import Testing
@testable import TerminalUI

@Suite("Display width")
struct TextWidthTests {
    @Test func widths() {
        #expect(TextWidth.of("Kraków") == 6)
        #expect(TextWidth.of("東京大学") == 8)
        #expect(TextWidth.of("서울대학교") == 10)
        #expect(TextWidth.of("Zu\u{308}rich") == 6)
        #expect(TextWidth.of("Trường") == 6)
        #expect(TextWidth.of("الجامعة") == 7)
    }

    @Test("truncation ends in … and never splits a wide character")
    func truncation() {
        #expect(TextWidth.truncate("Jagiellonian University", to: 10) == "Jagiellon…")
        #expect(TextWidth.truncate("東京大学", to: 6) == "東京…")
        #expect(TextWidth.truncate("東京大学", to: 5) == "東京…")
        #expect(TextWidth.truncate("東京大学", to: 8) == "東京大学")
        #expect(TextWidth.fit("東京", to: 6) == "東京  ")
        #expect(TextWidth.fit("東京大学", to: 6) == "東京… ", "a wide character that does not fit leaves a space")
    }

    @Test("agrees with libc wcwidth under C.UTF-8 for the scripts the data uses")
    func matchesLibc() throws {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { return }
        let samples = "Universität Kraków Łódź 東京大学 同济大学 서울대학교 Москва Αθήνα Trường Đại học Việt Đức الجامعة ・（）"
        for scalar in samples.unicodeScalars {
            let libc = Int(wcwidth(wchar_t(scalar.value)))
            #expect(TextWidth.of(scalar) == libc, "U+\(String(scalar.value, radix: 16)) \(scalar)")
        }
    }
}
