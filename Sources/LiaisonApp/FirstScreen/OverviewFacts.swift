import LiaisonCore

/// What the first screen shows of a network, kept as values: written to the cache after a start
/// or a save (`FirstScreenCache`), and drawn from it at the next start while the file loads.
/// The rows of the lists are the first `rowLimit`: a terminal has no more rows than that.
public struct OverviewFacts: OverviewSource, Codable, Equatable, Sendable {
    public static let rowLimit = 200

    public var institutionName: String
    public var institutionShortName: String?
    public var counts: NetworkCounts
    public var activePartners: Int
    public var agreements: Int
    var regions: [Tally]
    var types: [Tally]
    public var endingSoonCount: Int
    var endingSoon: [EndingAgreementRow]
    public var eventCount: Int
    public var upcomingEventCount: Int
    var events: [OverviewEventRow]
    public var objectiveRows: [ObjectiveRow]
    public var schemaVersion: Int

    struct Tally: Codable, Equatable, Sendable {
        var value: String
        var count: Int
    }

    /// What `source` shows now.
    public init(_ source: some OverviewSource) {
        institutionName = source.institutionName
        institutionShortName = source.institutionShortName
        counts = source.counts
        activePartners = source.activePartners
        agreements = source.agreements
        regions = source.byRegion.map { Tally(value: $0.value, count: $0.count) }
        types = source.byType.map { Tally(value: $0.value, count: $0.count) }
        endingSoonCount = source.endingSoonCount
        endingSoon = source.endingSoonRows(0..<Self.rowLimit)
        eventCount = source.eventCount
        upcomingEventCount = source.upcomingEventCount
        events = source.eventRows(first: Self.rowLimit)
        objectiveRows = source.objectiveRows
        schemaVersion = source.schemaVersion
    }

    public var byRegion: PartnerSummary.Counts { regions.map { ($0.value, $0.count) } }
    public var byType: PartnerSummary.Counts { types.map { ($0.value, $0.count) } }

    public func endingSoonRows(_ range: Range<Int>) -> [EndingAgreementRow] {
        Array(endingSoon[range.clamped(to: endingSoon.indices)])
    }

    public func eventRows(first count: Int) -> [OverviewEventRow] { Array(events.prefix(count)) }
}
