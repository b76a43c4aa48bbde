/// An academic year as EWP names it, `2026/2027`: from the first calendar year into the next.
public struct AcademicYear: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The calendar year it starts in.
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// `2026/2027`; nil for anything else (the rule is `Validation.isAcademicYear`).
    public init?(_ text: String) {
        guard Validation.isAcademicYear(text), let year = Int(text.prefix(4)) else { return nil }
        startYear = year
    }

    /// The academic year a day falls in, taking 1 September as its start, as in most of Europe.
    public init(containing day: Day) {
        startYear = day.month >= 9 ? day.year : day.year - 1
    }

    public var description: String { "\(startYear)/\(startYear + 1)" }

    public static func < (a: AcademicYear, b: AcademicYear) -> Bool { a.startYear < b.startYear }
}
