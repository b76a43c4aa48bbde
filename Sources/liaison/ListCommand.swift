import ArgumentParser
import LiaisonCore

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List partners, events, objectives or contacts as a table.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case partners, events, objectives, contacts
    }

    @Argument(help: "What to list.")
    var kind: Kind

    @Option(name: .long, help: "Only partners in this country (ISO code, e.g. JP).")
    var country: String?

    @Option(name: .long, help: "Only partners of this partnership type (research-led, global-engagement, exchange, network).")
    var type: String?

    @Option(name: .long, help: "Only partners with this status (active, planned, suspended, ended).")
    var status: String?

    @Option(name: .long, help: "Sort partners by name, country, type, status or next-end.")
    var sort: Store.PartnerSort = .name

    @Flag(name: .long, help: "Reverse the order.")
    var reverse = false

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pager: PagerOptions

    func validate() throws {
        if kind != .partners && (country != nil || type != nil || status != nil || sort != .name) {
            throw ValidationError("--country, --type, --status and --sort apply to partners only")
        }
        if let country, Country.named(code: country.uppercased()) == nil {
            throw ValidationError("--country \(country) is not an ISO 3166-1 alpha-2 code" + (Country.suggestion(for: country).map { " (did you mean \($0.code)?)" } ?? ""))
        }
        if let type, !Partner.partnershipTypes.contains(type) {
            throw ValidationError("--type \(type) is not one of \(Partner.partnershipTypes.joined(separator: ", "))")
        }
        if let status, !Partner.statuses.contains(status) {
            throw ValidationError("--status \(status) is not one of \(Partner.statuses.joined(separator: ", "))")
        }
    }

    func run() throws {
        pager.start()
        let file = try dataOptions.load()
        let store = Store(network: file.network)
        let day = try today()
        var records: [Record]
        switch kind {
        case .partners:
            records = store.partnerOrder(by: sort, ascending: !reverse, today: day)
                .map { store.partners[$0] }
                .filter { partner in
                    (country.map { partner.country == $0.uppercased() } ?? true)
                        && (type.map { partner.partnershipType == $0 } ?? true)
                        && (status.map { partner.status == $0 } ?? true)
                }
                .map(Record.partner)
        case .events:
            records = store.order(of: .event, today: day).map { .event(store.events[$0]) }
        case .objectives:
            records = store.order(of: .objective, today: day).map { .objective(store.objectives[$0]) }
        case .contacts:
            records = store.order(of: .contact, today: day).map { .contact(store.contacts[$0]) }
        }
        if reverse && kind != .partners { records.reverse() }

        if output.json {
            JSONOutput.print(.array(records.map(JSONOutput.record)))
        } else {
            Console.print(table(records, store: store, today: day).render(width: Console.width))
        }
        if records.isEmpty { throw CLIFailure.notFound("no \(kind.rawValue) match") }
    }

    private func table(_ records: [Record], store: Store, today: Day) -> Table {
        let links = Links(network: store.network)
        switch kind {
        case .partners:
            // What a partner is called and its state stay; the local name, the city and the type give way.
            var table = Table([.key("ID"), .name("NAME"), Table.Column.name("LOCAL NAME").leftOut(rank: 1), .key("COUNTRY"),
                               Table.Column.name("CITY").leftOut(rank: 2), Table.Column.key("TYPE").leftOut(rank: 3), .key("STATUS"), .key("NEXT END")])
            for case .partner(let partner) in records {
                table.add([partner.id, partner.name, partner.localName ?? "", partner.country, partner.city ?? "",
                           partner.partnershipType, partner.status, partner.nextAgreementEnd(after: today)?.description ?? ""])
            }
            return table
        case .events:
            // An event's id and start stay; its place, its partners' number and its end give way.
            var table = Table([.key("ID"), .key("START"), Table.Column.key("END").leftOut(rank: 3), .name("TITLE"),
                               Table.Column.text("LOCATION", minimum: 16).leftOut(rank: 1), Table.Column.key("PARTNERS", alignRight: true).leftOut(rank: 2)])
            for case .event(let event) in records {
                table.add([event.id, event.start?.description ?? "", event.end?.description ?? "", event.title,
                           event.location ?? "", String(event.partnerIds.count)])
            }
            return table
        case .objectives:
            // An objective's title is a sentence of the strategy: it wraps, never cut.
            var table = Table([.key("#", alignRight: true), .key("ID"), .key("PARTNERS", alignRight: true), .key("EVENTS", alignRight: true),
                               .text("TITLE", minimum: 30)])
            for case .objective(let objective) in records {
                table.add([objective.order.map(String.init) ?? "", objective.id, String(links.partners(servingObjective: objective.id).count),
                           String(links.events(servingObjective: objective.id).count), objective.title])
            }
            return table
        case .contacts:
            // The e-mail address is copied: it stays whole; the unit, the role and the partner give way.
            var table = Table([.key("ID"), .name("NAME"), Table.Column.text("ROLE", minimum: 20).leftOut(rank: 2),
                               Table.Column.text("UNIT", minimum: 20).leftOut(rank: 1), .key("E-MAIL"), Table.Column.name("PARTNER").leftOut(rank: 3)])
            for case .contact(let contact) in records {
                table.add([contact.id, contact.name, contact.role ?? "", contact.unit ?? "", contact.email ?? "",
                           contact.partnerId.flatMap { store.partner(id: $0)?.name } ?? contact.partnerId ?? ""])
            }
            return table
        }
    }
}

extension Store.PartnerSort: ExpressibleByArgument {}
