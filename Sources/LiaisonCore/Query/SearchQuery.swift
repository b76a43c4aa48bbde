/// A parsed search: words that must all occur (folded, anywhere in a record's text) and field
/// filters, all combined with AND. `country:JP type:research-led expires:<180d kraków`.
public struct SearchQuery: Equatable, Sendable {
    public var words: [String] = []
    public var filters: [Filter] = []

    public enum Comparison: String, Equatable, Sendable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "="

        func holds<T: Comparable>(_ value: T, _ reference: T) -> Bool {
            switch self {
            case .less: value < reference
            case .lessOrEqual: value <= reference
            case .greater: value > reference
            case .greaterOrEqual: value >= reference
            case .equal: value == reference
            }
        }
    }

    public enum Filter: Equatable, Sendable {
        case country(String)
        case type(String)
        case status(String)
        case tag(String)
        /// An agreement kind (partners) or an event kind.
        case kind(String)
        /// An agreement ends after today and compares so with the day.
        case expires(Comparison, Day)
        /// The partnership began (`since`) in a range; `year` compares by year only.
        case since(Comparison, Day, byYear: Bool)

        /// Filters other than `kind` are about partners only.
        var appliesOnlyToPartners: Bool {
            if case .kind = self { return false }
            return true
        }
    }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var term: String
        public var problem: String
        public var description: String { "\(term): \(problem)" }
    }

    public static let filterNames = ["country", "type", "status", "tag", "kind", "expires", "since"]

    public var isEmpty: Bool { words.isEmpty && filters.isEmpty }

    public init(words: [String] = [], filters: [Filter] = []) {
        self.words = words
        self.filters = filters
    }

    /// Parses what a user typed; a malformed filter is an error that names it, never an empty result.
    public init(parsing text: String, today: Day = .today()) throws(ParseError) {
        for term in Self.terms(of: text) {
            if let filter = try Self.filter(from: term, today: today) {
                filters.append(filter)
            } else {
                let folded = TextFolding.fold(term)
                if !folded.isEmpty { words.append(folded) }
            }
        }
    }

    /// Splits on white space, keeping "quoted phrases" together.
    public static func terms(of text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character.isWhitespace && !quoted {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }

    static func filter(from term: String, today: Day) throws(ParseError) -> Filter? {
        guard let colon = term.firstIndex(of: ":") else { return nil }
        let name = term[..<colon].lowercased()
        let value = String(term[term.index(after: colon)...])
        // Only letters before the colon make a filter: "10:30" and URLs are words.
        guard !name.isEmpty, name.allSatisfy(\.isLetter), !value.hasPrefix("//") else { return nil }
        func fail(_ problem: String) -> ParseError { ParseError(term: term, problem: problem) }
        guard Self.filterNames.contains(name) else {
            throw fail("unknown filter \"\(name):\" (filters: \(filterNames.map { $0 + ":" }.joined(separator: " ")))")
        }
        guard !value.isEmpty else { throw fail("a value is missing after \"\(name):\"") }
        switch name {
        case "country":
            if let country = Country.named(code: value.uppercased()) ?? Country.suggestion(for: value) {
                return .country(country.code)
            }
            throw fail("\"\(value)\" is not a country code or name")
        case "type":
            guard Partner.partnershipTypes.contains(value) else {
                throw fail("unknown partnership type (types: \(Partner.partnershipTypes.joined(separator: ", ")))")
            }
            return .type(value)
        case "status":
            guard Partner.statuses.contains(value) else {
                throw fail("unknown status (statuses: \(Partner.statuses.joined(separator: ", ")))")
            }
            return .status(value)
        case "tag":
            return .tag(TextFolding.fold(value))
        case "kind":
            let kinds = Agreement.kinds + Event.kinds.filter { !Agreement.kinds.contains($0) }
            guard kinds.contains(value) else { throw fail("unknown kind (kinds: \(kinds.joined(separator: ", ")))") }
            return .kind(value)
        case "expires":
            let (comparison, rest) = splitComparison(value, default: .lessOrEqual)
            if let day = relativeDay(rest, today: today) ?? Day(rest) { return .expires(comparison, day) }
            throw fail("expected a time from today or a date: <180d, <6m, <2027-06-30")
        default: // since
            let (comparison, rest) = splitComparison(value, default: .equal)
            if rest.count == 4, let year = Int(rest), let day = Day(year: year, month: 1, day: 1) {
                return .since(comparison, day, byYear: true)
            }
            if let day = Day(rest) { return .since(comparison, day, byYear: false) }
            throw fail("expected a year or a date, as in since:>2015 or since:<=2010-06-30")
        }
    }

    static func splitComparison(_ value: String, default fallback: Comparison) -> (Comparison, String) {
        for comparison in [Comparison.lessOrEqual, .greaterOrEqual, .less, .greater, .equal] where value.hasPrefix(comparison.rawValue) {
            return (comparison, String(value.dropFirst(comparison.rawValue.count)))
        }
        return (fallback, value)
    }

    /// `180d`, `6w`, `6m`, `1y` from today; with `ago`, before today (`history --since 30d`).
    public static func relativeDay(_ text: String, today: Day, ago: Bool = false) -> Day? {
        guard let unit = text.last, let count = Int(text.dropLast()), count >= 0 else { return nil }
        let amount = ago ? -count : count
        switch unit {
        case "d": return today.adding(days: amount)
        case "w": return today.adding(days: amount * 7)
        case "m": return addingMonths(amount, to: today)
        case "y": return addingMonths(amount * 12, to: today)
        default: return nil
        }
    }

    static func addingMonths(_ months: Int, to day: Day) -> Day {
        let total = day.year * 12 + (day.month - 1) + months
        let year = total / 12
        let month = total % 12 + 1
        return Day(year: year, month: month, day: min(day.day, Day.daysIn(month: month, year: year)))!
    }
}
