/// The numbers `liaison stats` prints and `liaison report` shows, worked out in one place so
/// that the two can never disagree: the partners' counts (`PartnerSummary`), the agreements by
/// kind and by end year, the events by year, the exchange places per region, and the agreements
/// ending between today and a day.
public struct NetworkStatistics: Sendable {
    public typealias Counts = PartnerSummary.Counts

    /// Exchange places per year (an agreement's quota) of one world region's partners.
    public struct QuotaTotals: Equatable, Sendable {
        public var region: String
        public var incoming = 0
        public var outgoing = 0

        public init(region: String, incoming: Int = 0, outgoing: Int = 0) {
            self.region = region
            self.incoming = incoming
            self.outgoing = outgoing
        }
    }

    /// The key of agreements without an end date in `agreementsByEndYear`, and of events
    /// without a start in `eventsByYear`.
    public static let openEnded = "open-ended"
    public static let undated = "undated"

    public var partners: PartnerSummary
    public var objectives: Int
    public var events: Int
    public var contacts: Int
    /// Most first, then alphabetical.
    public var agreementsByKind: Counts = []
    /// By year, earliest first; `openEnded` last.
    public var agreementsByEndYear: Counts = []
    /// By the year an event starts, earliest first; `undated` last.
    public var eventsByYear: Counts = []
    /// The quotas of the agreements in force on `today`, summed per region of their partner, in
    /// the order of `partners.byRegion` (every region with partners, places or not).
    public var quotasByRegion: [QuotaTotals] = []
    public var expiring: ExpiringAgreements

    public init(network: Network, today: Day, expiringUntil limit: Day) {
        partners = PartnerSummary(network: network)
        objectives = network.objectives.count
        events = network.events.count
        contacts = network.contacts.count
        expiring = ExpiringAgreements(network: network, today: today, until: limit)

        var kinds: [String: Int] = [:], endYears: [String: Int] = [:], eventYears: [String: Int] = [:]
        var quotas: [String: QuotaTotals] = [:]
        let list = network.partners
        for index in list.indices {
            let region = PartnerSummary.region(ofCountry: list[index].country)
            for agreement in list[index].agreements {
                kinds[agreement.kind, default: 0] += 1
                endYears[agreement.end.map { String($0.year) } ?? Self.openEnded, default: 0] += 1
                if let quota = agreement.quota, Self.isInForce(agreement, on: today) {
                    quotas[region, default: QuotaTotals(region: region)].incoming += quota.incoming ?? 0
                    quotas[region, default: QuotaTotals(region: region)].outgoing += quota.outgoing ?? 0
                }
            }
        }
        for event in network.events {
            eventYears[event.start.map { String($0.year) } ?? Self.undated, default: 0] += 1
        }
        agreementsByKind = PartnerSummary.ordered(kinds)
        agreementsByEndYear = Self.chronological(endYears, last: Self.openEnded)
        eventsByYear = Self.chronological(eventYears, last: Self.undated)
        quotasByRegion = partners.byRegion.map { quotas[$0.value] ?? QuotaTotals(region: $0.value) }
    }

    /// The headline numbers, keyed as `stats --json` names them.
    public var totals: [(key: String, count: Int)] {
        [("partners", partners.partners), ("agreements", partners.agreements), ("objectives", objectives),
         ("events", events), ("contacts", contacts), ("expiring", expiring.items.count)]
    }

    /// Started (or no start given) and not yet ended on `day`: the places it offers count now.
    static func isInForce(_ agreement: Agreement, on day: Day) -> Bool {
        (agreement.start.map { $0 <= day } ?? true) && (agreement.end.map { $0 >= day } ?? true)
    }

    /// Years in order (they are all four digits), the key without a year last.
    private static func chronological(_ counts: [String: Int], last: String) -> Counts {
        counts.sorted { ($0.key == last ? 1 : 0, $0.key) < ($1.key == last ? 1 : 0, $1.key) }.map { ($0.key, $0.value) }
    }
}
