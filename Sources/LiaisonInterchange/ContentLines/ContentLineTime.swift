import Foundation
import LiaisonCore

/// Dates and times as iCalendar and vCard write them (DATE, and DATE-TIME or TIMESTAMP in UTC).
enum ContentLineTime {
    /// A DATE value: `20270831`.
    static func date(_ day: Day) -> String {
        day.description.replacingOccurrences(of: "-", with: "")
    }

    /// A UTC DATE-TIME value: `20261124T200541Z`.
    static func utc(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil, let day = Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) else {
            return "19700101T000000Z"
        }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(self.date(day))T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }

    /// A record's `updatedAt` (RFC 3339 in UTC, `2026-11-24T20:05:41Z`, fractions allowed) as a
    /// UTC DATE-TIME; nil for any other form, which is then left out rather than guessed.
    static func utc(updatedAt text: String) -> String? {
        let characters = Array(text.utf8)
        guard characters.count >= 20, characters.last == UInt8(ascii: "Z"),
              let day = Day(String(decoding: characters[0..<10], as: UTF8.self)), characters[10] == UInt8(ascii: "T") else { return nil }
        let clock = String(decoding: characters[11..<19], as: UTF8.self).split(separator: ":")
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return nil }
        let rest = characters[19..<(characters.count - 1)]
        guard rest.isEmpty || (rest.first == UInt8(ascii: ".") && rest.count > 1 && rest.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return "\(date(day))T\(clock.joined())Z"
    }
}
