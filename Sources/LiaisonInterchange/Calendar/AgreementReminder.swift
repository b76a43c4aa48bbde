import LiaisonCore

/// How long before an agreement's end its calendar entry reminds: `90d`, `12w`, `6m`, `1y`, read
/// as `liaison expiring --within` reads them (`SearchQuery.relativeDay`). A month or a year is
/// counted back from each end date, so "6m" before 2027-08-31 is 2027-02-28, written as the
/// days between them, since an iCalendar alarm's duration has days and weeks but no months.
public struct AgreementReminder: Sendable, Equatable {
    public let lead: String

    /// What `--remind` means when it is not given.
    public static let defaultLead = "90d"

    /// The reminder `text` asks for: nil for `none` or `0` (no alarm).
    public static func parse(_ text: String) throws(ReminderError) -> AgreementReminder? {
        if text == "0" || text.lowercased() == "none" { return nil }
        guard let anyDay = Day(year: 2000, month: 1, day: 31),
              SearchQuery.relativeDay(text, today: anyDay, ago: true) != nil else {
            throw ReminderError(text: text)
        }
        return AgreementReminder(lead: text)
    }

    private init(lead: String) { self.lead = lead }

    /// The alarm's trigger for an entry on `end`: `-P90D`, the whole days before the start.
    public func trigger(forEndOn end: Day) -> String {
        let reminderDay = SearchQuery.relativeDay(lead, today: end, ago: true) ?? end
        return "-P\(max(0, reminderDay.days(until: end)))D"
    }
}

public struct ReminderError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "--remind \(text): expected a number of days, weeks, months or years before the end, as in 90d, 12w, 6m, 1y, or none"
    }
}
