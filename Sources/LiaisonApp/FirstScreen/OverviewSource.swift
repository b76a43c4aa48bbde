import LiaisonCore

/// What the first screen shows of the network: the overview, the tab bar's name, the status
/// line's counts. The loaded data answer it (`DataSnapshot`), and so does what the cache kept of
/// the last start on the same bytes (`OverviewFacts`), which is drawn while the file loads: the
/// views read the first screen's data through this alone, so that both draw it the same.
public protocol OverviewSource {
    var institutionName: String { get }
    var institutionShortName: String? { get }
    /// What the status line counts on every screen: cheap to ask.
    var counts: NetworkCounts { get }
    var activePartners: Int { get }
    var agreements: Int { get }
    var byRegion: PartnerSummary.Counts { get }
    var byType: PartnerSummary.Counts { get }
    /// Agreements ending within `DataSnapshot.endingSoonDays`, soonest first.
    var endingSoonCount: Int { get }
    /// Those of `range` that there are.
    func endingSoonRows(_ range: Range<Int>) -> [EndingAgreementRow]
    /// Events as the events list orders them: upcoming ones (soonest first), then past ones.
    var eventCount: Int { get }
    var upcomingEventCount: Int { get }
    /// The first `count` of them, or all there are.
    func eventRows(first count: Int) -> [OverviewEventRow]
    /// By their order in the strategy, with the partners and events serving each.
    var objectiveRows: [ObjectiveRow] { get }
    /// The file's `schemaVersion`: a newer one than this program knows opens read-only, which
    /// the status line says.
    var schemaVersion: Int { get }
}

public struct NetworkCounts: Codable, Equatable, Sendable {
    public var partners = 0
    public var objectives = 0
    public var events = 0
    public var contacts = 0
    /// The file's warnings (`liaison validate` lists them).
    public var warnings = 0
}

public struct EndingAgreementRow: Codable, Equatable, Sendable {
    public var end: Day
    public var partnerName: String
    public var kind: String
}

public struct OverviewEventRow: Codable, Equatable, Sendable {
    public var start: Day?
    public var title: String
    public var isUpcoming: Bool
}

public struct ObjectiveRow: Codable, Equatable, Sendable {
    public var order: Int?
    public var title: String
    public var partners: Int
    public var events: Int
}

extension DataSnapshot: OverviewSource {
    public var institutionName: String { network.institution.name }
    public var schemaVersion: Int { network.schemaVersion }
    public var institutionShortName: String? { network.institution.shortName }

    public var counts: NetworkCounts {
        NetworkCounts(partners: network.partners.count, objectives: network.objectives.count, events: network.events.count,
                      contacts: network.contacts.count, warnings: warningCount)
    }

    public var activePartners: Int { summary.active }
    public var agreements: Int { summary.agreements }

    public var byRegion: PartnerSummary.Counts { summary.byRegion }
    public var byType: PartnerSummary.Counts { summary.byType }

    public var endingSoonCount: Int { endingSoon.items.count }

    public func endingSoonRows(_ range: Range<Int>) -> [EndingAgreementRow] {
        let items = endingSoon.items
        let network = network
        return items[range.clamped(to: items.indices)].map {
            EndingAgreementRow(end: $0.end, partnerName: $0.partnerName, kind: $0.agreement(in: network).kind)
        }
    }

    public var eventCount: Int { network.events.count }

    public var upcomingEventCount: Int { network.events.count { $0.isUpcoming(today: today) } }

    public func eventRows(first count: Int) -> [OverviewEventRow] {
        store.order(of: .event, today: today).prefix(count).map { index in
            let event = network.events[index]
            return OverviewEventRow(start: event.start, title: event.title, isUpcoming: event.isUpcoming(today: today))
        }
    }

    public var objectiveRows: [ObjectiveRow] {
        network.objectives.sorted { ($0.order ?? Int.max) < ($1.order ?? Int.max) }.map { objective in
            let counts = objectiveCounts(objective.id)
            return ObjectiveRow(order: objective.order, title: objective.title, partners: counts.partners, events: counts.events)
        }
    }
}
