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

    public init(network: Network) {
        let list = network.partners
        var regions: [String: Int] = [:], countries: [String: Int] = [:], types: [String: Int] = [:], statuses: [String: Int] = [:]
        for index in list.indices {
            agreements += list[index].agreements.count
            if list[index].status == "active" { active += 1 }
            regions[Self.region(ofCountry: list[index].country), default: 0] += 1
            countries[list[index].country, default: 0] += 1
            types[list[index].partnershipType, default: 0] += 1
            statuses[list[index].status, default: 0] += 1
        }
        partners = list.count
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
