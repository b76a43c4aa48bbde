import ArgumentParser
import LiaisonCore

struct Find: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search partners, contacts, events and objectives.",
        discussion: """
        Words match names (also local and short names), city, country code and name, tags, notes, \
        and the text of contacts, events and objectives, ignoring case and diacritics. \
        Exact and prefix name matches come first. Exit 1 when nothing matches.
        Filters combine with the words (all must hold):
          country:JP  type:research-led  status:active  tag:japan  kind:erasmus
          expires:<180d (an agreement ends within 180 days; 6w, 6m, 1y, a date)
          since:>2015 (partner since; a year or a date, with < <= > >= =)
        """
    )

    @Argument(help: "Words and filters.")
    var query: [String]

    @Option(name: .long, help: "Show at most this many results.")
    var limit: Int?

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pager: PagerOptions

    func run() throws {
        pager.start()
        let day = try today()
        let parsed: SearchQuery
        do {
            parsed = try SearchQuery(parsing: query.joined(separator: " "), today: day)
        } catch {
            throw CLIFailure.usage("invalid filter \(error)")
        }
        guard !parsed.isEmpty else { throw CLIFailure.usage("the search is empty; give a word or a filter") }
        let file = try dataOptions.load()
        let network = file.network
        let index = SearchIndex(network: network)
        var hits = index.search(parsed, in: network, today: day)
        if let limit { hits = Array(hits.prefix(max(0, limit))) }

        if output.json {
            // Each hit as `show --json` gives its record, with what matched; links are resolved
            // through a store built only for this, and only for the hits shown.
            let store = Store(network: network)
            let links = Links(network: network)
            JSONOutput.print(.array(hits.map { hit in
                let found = record(for: hit, in: network)
                return JSONOutput.object([("kind", .string(hit.kind.rawValue)), ("id", .string(hit.id)), ("name", .string(hit.name)),
                                          ("matched", .array(index.matchedFields(of: hit, query: parsed, in: network).map(JSONValue.string))),
                                          ("record", JSONOutput.record(found)),
                                          ("links", JSONOutput.links(LinkedRecords(of: found, store: store, links: links)))])
            }))
        } else if !hits.isEmpty {
            // The detail is a summary `show` gives in full: it goes first, then names are cut.
            var table = Table([.key("KIND"), .key("ID"), .name("NAME"), Table.Column.text("DETAIL", minimum: 20).leftOut(rank: 1)])
            for hit in hits {
                table.add([hit.kind.rawValue, hit.id, hit.name, Describe.detail(of: record(for: hit, in: network))])
            }
            Console.print(table.render(width: Console.width))
        }
        if hits.isEmpty {
            throw CLIFailure.notFound("nothing matches \"\(query.joined(separator: " "))\"")
        }
    }

    private func record(for hit: SearchIndex.Hit, in network: Network) -> Record {
        switch hit.kind {
        case .partner: .partner(network.partners[hit.position])
        case .contact: .contact(network.contacts[hit.position])
        case .event: .event(network.events[hit.position])
        case .objective: .objective(network.objectives[hit.position])
        }
    }
}
