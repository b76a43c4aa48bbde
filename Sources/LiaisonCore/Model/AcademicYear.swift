/// An academic year as EWP names it, `2026/2027` (or `2026/2026` where it is a calendar year),
/// ordered by the year it starts in.
public struct AcademicYear: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The calendar year it starts in.
    public let startYear: Int
    public let endYear: Int

    public init(startYear: Int) {
        self.startYear = startYear
        self.endYear = startYear + 1
    }

    /// nil for anything but `YYYY/YYYY` (the rule is `Validation.isAcademicYear`).
    public init?(_ text: String) {
        guard Validation.isAcademicYear(text), let start = Int(text.prefix(4)), let end = Int(text.suffix(4)) else { return nil }
        startYear = start
        endYear = end
    }

    /// The academic year a day falls in, taking 1 September as its start, as in most of Europe.
    public init(containing day: Day) {
        self.init(startYear: day.month >= 9 ? day.year : day.year - 1)
    }

    public var description: String { "\(startYear)/\(endYear)" }

    public static func < (a: AcademicYear, b: AcademicYear) -> Bool { (a.startYear, a.endYear) < (b.startYear, b.endYear) }
}
