/// Counts of a network's partners, for `liaison stats` and the dashboard's overview: one pass,
/// reading fields by index (iterating over the partners would copy each one).
public struct PartnerSummary: Sendable {
    public typealias Counts = [(value: String, count: Int)]

    public var partners = 0
    public var active = 0
    public var agreements = 0
    /// Each list most first, then alphabetical.
    public var byRegion: Counts = []
    public var byCountry: Counts = []
    public var byType: Counts = []
    public var byStatus: Counts = []

    /// The counts the lists are ordered from, kept so that an edit changes them by one partner.
    private var countries: [String: Int] = [:], types: [String: Int] = [:], statuses: [String: Int] = [:]

    public init(network: Network) {
        // Through the buffer, each partner lent in place: handing `list[index]` to `count` copied
        // it (a retain and release of every field of 100,000 partners).
        network.partners.withUnsafeBufferPointer { list in
            for index in list.indices { count(list[index], by: 1) }
        }
        order()
    }

    /// Catches up with the store's edits: each partner edited, added or deleted counted out and in.
    public mutating func follow(_ edits: [ListEdit]) {
        for edit in edits {
            switch edit {
            case .replaced(.partner(let before), .partner(let after), _):
                count(before, by: -1)
                count(after, by: 1)
            case .inserted(.partner(let partner), _): count(partner, by: 1)
            case .removed(.partner(let partner), _): count(partner, by: -1)
            default: break
            }
        }
        order()
    }

    private mutating func count(_ partner: borrowing Partner, by delta: Int) {
        func add(_ key: String, _ counts: inout [String: Int]) {
            let count = counts[key, default: 0] + delta
            counts[key] = count == 0 ? nil : count
        }
        partners += delta
        agreements += delta * partner.agreements.count
        if partner.status == "active" { active += delta }
        add(partner.country, &countries)
        add(partner.partnershipType, &types)
        add(partner.status, &statuses)
    }

    private mutating func order() {
        // Regions from the countries' counts: a few hundred countries, not a lookup per partner.
        var regions: [String: Int] = [:]
        for (country, count) in countries { regions[Self.region(ofCountry: country), default: 0] += count }
        byRegion = Self.ordered(regions)
        byCountry = Self.ordered(countries)
        byType = Self.ordered(types)
        byStatus = Self.ordered(statuses)
    }

    /// The world region partners are counted under: their country's, else "unknown".
    public static func region(ofCountry code: String) -> String {
        Country.named(code: code)?.region ?? "unknown"
    }

    /// Most first, then alphabetical.
    static func ordered(_ counts: [String: Int]) -> Counts {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
