import ArgumentParser
import LiaisonCore
import TerminalUI

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one record with all its fields and its links resolved to names.",
        discussion: "Give an id (utokyo) or a name (\"University of Tokyo\", tokyo). A name that fits several records lists them (exit 1)."
    )

    @Argument(help: "An id or a name.", completion: Completions.recordIds)
    var record: [String]

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pager: PagerOptions

    func run() throws {
        pager.start()
        let wanted = record.joined(separator: " ")
        let file = try dataOptions.load()
        let store = Store(network: file.network)
        let found = try Self.resolve(wanted, in: store)
        // The links of this record alone: one pass, no map of every link in the network.
        let linked = LinkedRecords(of: found, store: store, links: Links(network: store.network, around: found))
        if output.json {
            JSONOutput.print(JSONOutput.object([
                ("kind", .string(found.kind.rawValue)),
                ("record", JSONOutput.record(found)),
                ("links", JSONOutput.links(linked)),
            ]))
        } else {
            let parties: IIAParties? = if case .partner(let partner) = found { store.network.iiaParties(of: partner) } else { nil }
            Console.print(DetailText(record: found, linked: linked, today: try today(), iiaParties: parties).render(width: Console.width))
        }
    }

    /// The record an id or a name given on the command line means; exit 1 when none or several.
    static func resolve(_ wanted: String, in store: Store) throws -> Record {
        if let record = store.record(id: wanted) { return record }
        let query = SearchQuery(words: SearchQuery.terms(of: wanted).map(TextFolding.fold))
        let hits = SearchIndex(network: store.network).search(query, in: store.network)
        guard let best = hits.first else { throw CLIFailure.notFound("no record has the id or name \"\(wanted)\"") }
        // One exact name match wins; otherwise the name must single one record out.
        let exact = hits.filter { $0.rank == 0 }
        if exact.count == 1 || hits.count == 1 { return store.record(id: (exact.first ?? best).id)! }
        // Names are made one line each: the message's own line breaks separate the candidates.
        let candidates = hits.prefix(10).map { "  \($0.id)  \(Sanitizer.safe($0.name))" }.joined(separator: "\n")
        throw CLIFailure.notFound("\"\(wanted)\" fits \(hits.count) records; give one of these ids:\n\(candidates)")
    }
}
