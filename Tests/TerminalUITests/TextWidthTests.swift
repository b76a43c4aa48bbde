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

    /// C.UTF-8 for this thread alone (other tests run in parallel in the same process), or nil
    /// where the C library has no such locale.
    static func utf8Locale() -> locale_t? {
        newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
    }

    @Test("agrees with libc wcwidth under C.UTF-8 for the scripts the data uses",
          .enabled(if: utf8Locale().map { freelocale($0); return true } ?? false, "the C library has no C.UTF-8 locale"))
    func matchesLibc() throws {
        let utf8 = try #require(Self.utf8Locale())
        let previous = uselocale(utf8)
        defer {
            uselocale(previous)
            freelocale(utf8)
        }
        let samples = "Universität Kraków Łódź 東京大学 同济大学 서울대학교 Москва Αθήνα Trường Đại học Việt Đức الجامعة ・（）"
        for scalar in samples.unicodeScalars {
            let libc = Int(wcwidth(wchar_t(scalar.value)))
            #expect(TextWidth.of(scalar) == libc, "U+\(String(scalar.value, radix: 16)) \(scalar)")
        }
    }
}
