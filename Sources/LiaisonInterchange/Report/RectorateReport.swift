import LiaisonCore

/// The report for the rectorate (`liaison report`): the network's numbers as `liaison stats`
/// works them out (`NetworkStatistics`), the agreements ending within a year with whom to call,
/// the events of a year, and what serves each strategy objective.
public struct RectorateReport: Sendable {
    /// How far ahead agreements count as ending: the rectorate plans a year ahead.
    public static let endingWithin = "12m"

    public var network: Network
    public var today: Day
    public var year: Int
    /// The data file, named in the title block.
    public var source: String
    public var statistics: NetworkStatistics
    /// The last day counted as "ending in the next 12 months".
    public var endingUntil: Day
    private let links: Links
    private let partnerNames: [String: String]
    private let contactsByID: [String: Contact]
    private let eventsByID: [String: Event]

    /// `year` is the year whose events are listed; `today` decides what "ending" means.
    public init(network: Network, today: Day, year: Int, source: String) {
        self.network = network
        self.today = today
        self.year = year
        self.source = source
        endingUntil = SearchQuery.relativeDay(Self.endingWithin, today: today) ?? today
        statistics = NetworkStatistics(network: network, today: today, expiringUntil: endingUntil)
        links = Links(network: network)
        // Ids are unique in a file that loads; should one not be, its first record is named.
        partnerNames = Dictionary(network.partners.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        contactsByID = Dictionary(network.contacts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        eventsByID = Dictionary(network.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var document: ReportDocument {
        let name = network.institution.shortName.map { "\(network.institution.name) (\($0))" } ?? network.institution.name
        return ReportDocument(
            title: "International partnerships",
            byline: [name, "Report of \(today) · events of \(year)", "Data: \(source)"],
            sections: [overview, partnersSection, agreementsSection, placesSection, endingSection, eventsSection, objectivesSection])
    }

    // MARK: Sections

    private var overview: ReportSection {
        let labels = ["partners": "Partners", "agreements": "Agreements", "objectives": "Strategy objectives", "events": "Events",
                      "contacts": "Contacts", "expiring": "Agreements ending in the next 12 months"]
        let summary = statistics.partners
        return ReportSection(id: "overview", title: "At a glance", startsPage: false, blocks: [
            .counts(CountTable(stat: "totals", title: "Key figures", keyHeader: "Key", labelHeader: "Figure", valueHeaders: ["Number"],
                               rows: statistics.totals.map { .init(key: $0.key, label: labels[$0.key], values: [$0.count]) }, presentation: .keyFigures)),
            .paragraph("\(Counted.text(summary.active, "partner")) of \(summary.partners) active, in "
                + "\(Counted.text(summary.byCountry.count, "country", plural: "countries")) and \(Counted.text(summary.byRegion.count, "world region"))."),
        ])
    }

    private var partnersSection: ReportSection {
        let summary = statistics.partners
        // Most partners first, as stats lists them; a tie in the order its readers look for a
        // country, by name (France, Croatia, United Kingdom), not by code.
        let countries = summary.byCountry
            .map { CountTable.Row(key: $0.value, label: Self.countryName($0.value), values: [$0.count]) }
            .sorted { left, right in
                let (leftCount, rightCount) = (left.values.first ?? 0, right.values.first ?? 0)
                return leftCount != rightCount ? leftCount > rightCount : (left.label ?? "") < (right.label ?? "")
            }
        return ReportSection(id: "partners", title: "Partners", startsPage: false, blocks: [
            .counts(Self.counts("byRegion", "Partners by world region", "Region", summary.byRegion, unit: "Partners")),
            .counts(Self.counts("byType", "Partners by partnership type", "Partnership type", summary.byType, unit: "Partners")),
            .counts(Self.counts("byStatus", "Partners by status", "Status", summary.byStatus, unit: "Partners")),
            .counts(CountTable(stat: "byCountry", title: "Partners by country", keyHeader: "Code", labelHeader: "Country", valueHeaders: ["Partners"],
                               rows: countries, presentation: .barChart, chartLimit: 15)),
        ])
    }

    private var agreementsSection: ReportSection {
        ReportSection(id: "agreements", title: "Agreements", startsPage: false, blocks: [
            .counts(Self.counts("byAgreementKind", "Agreements by kind", "Kind", statistics.agreementsByKind, unit: "Agreements")),
            .counts(Self.counts("byEndYear", "Agreements by the year they end", "Ends in", statistics.agreementsByEndYear, unit: "Agreements", chartLimit: 30)),
        ])
    }

    private var placesSection: ReportSection {
        let rows = statistics.quotasByRegion.map { CountTable.Row(key: $0.region, values: [$0.incoming, $0.outgoing]) }
        return ReportSection(id: "places", title: "Exchange places per region", startsPage: false, blocks: [
            .paragraph("Places per year for students coming to us (in) and going out (out), summed over the agreements in force on \(today)."),
            .counts(CountTable(stat: "quotasByRegion", title: "Places per year, in and out, by world region", keyHeader: "Region",
                               valueHeaders: ["In", "Out"], rows: rows, presentation: .barChart)),
        ])
    }

    private var endingSection: ReportSection {
        let rows: [[RecordTable.Cell]] = statistics.expiring.items.map { item in
            let partner = item.partner(in: network)
            return [[item.end.description], [partner.name], [Self.countryName(partner.country)], [item.agreement(in: network).kind],
                    links.contacts(ofPartner: partner.id).compactMap(contactLine)]
        }
        return ReportSection(id: "ending", title: "Agreements ending in the next 12 months", startsPage: true, blocks: [
            .paragraph("Between \(today) and \(endingUntil), soonest first, with the partner's contacts."),
            .table(RecordTable(stat: "expiring", headers: ["Ends", "Partner", "Country", "Kind", "Contacts"], rows: rows,
                               emptyText: "No agreement ends in the next 12 months.")),
        ])
    }

    private var eventsSection: ReportSection {
        let rows: [[RecordTable.Cell]] = eventsOfYear.map { event in
            [[event.start.map { Self.period($0, event.end) } ?? ""], [event.title], [event.kind ?? ""], [event.location ?? ""],
             [event.partnerIds.map(partnerName).joined(separator: "; ")]]
        }
        return ReportSection(id: "events", title: "Events of \(year)", startsPage: false, blocks: [
            .table(RecordTable(stat: "eventsOfYear", headers: ["When", "Event", "Kind", "Where", "Partners"], rows: rows,
                               emptyText: "No event starts in \(year).")),
        ])
    }

    private var objectivesSection: ReportSection {
        var blocks: [ReportBlock] = []
        let ordered = network.objectives.enumerated().sorted { ($0.element.order ?? Int.max, $0.offset) < ($1.element.order ?? Int.max, $1.offset) }
        for objective in ordered.map(\.element) {
            let partners = links.partners(servingObjective: objective.id).map(partnerName)
            let events = Self.chronological(links.events(servingObjective: objective.id).compactMap(event))
            blocks.append(.subheading(objective.title))
            if let description = objective.description { blocks.append(.paragraph(description)) }
            blocks.append(.facts([
                ("Partners (\(partners.count))", partners.isEmpty ? "none" : partners.joined(separator: "; ")),
                ("Events (\(events.count))", events.isEmpty ? "none" : events.map { "\($0.title)" + ($0.start.map { " (\($0))" } ?? "") }.joined(separator: "; ")),
            ]))
        }
        if blocks.isEmpty { blocks.append(.paragraph("The network has no strategy objectives.")) }
        return ReportSection(id: "objectives", title: "Strategy objectives", startsPage: true, blocks: blocks)
    }

    // MARK: Parts

    /// Events that start in the report's year, in order.
    public var eventsOfYear: [Event] {
        Self.chronological(network.events.filter { $0.start?.year == year })
    }

    private static func counts(_ stat: String, _ title: String, _ header: String, _ values: NetworkStatistics.Counts, unit: String,
                               chartLimit: Int = 12) -> CountTable {
        CountTable(stat: stat, title: title, keyHeader: header, valueHeaders: [unit], rows: values.map { .init(key: $0.value, values: [$0.count]) },
                   presentation: .barChart, chartLimit: chartLimit)
    }

    private static func countryName(_ code: String) -> String { Country.named(code: code)?.name ?? code }

    private static func period(_ start: Day, _ end: Day?) -> String {
        guard let end, end != start else { return start.description }
        return "\(start) – \(end)"
    }

    private func partnerName(_ id: String) -> String { partnerNames[id] ?? id }

    private func event(_ id: String) -> Event? { eventsByID[id] }

    /// Earliest first; undated last; then by title.
    private static func chronological(_ events: [Event]) -> [Event] {
        events.sorted { ($0.start?.daysSinceEpoch ?? Int.max, $0.title) < ($1.start?.daysSinceEpoch ?? Int.max, $1.title) }
    }

    /// "Name, role, e-mail, phone": whom to call about an agreement.
    private func contactLine(_ id: String) -> String? {
        guard let contact = contactsByID[id] else { return nil }
        return [contact.name, contact.role, contact.email, contact.phone].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
