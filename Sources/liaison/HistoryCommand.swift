import ArgumentParser
import LiaisonCore
import TerminalUI

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the audit trail: which saved change to which field, by whom, and when.",
        discussion: """
        Every save (the dashboard, set, add, delete) adds a line for each field it changed to \
        NAME.history.jsonl beside the data file: the account that saved, the record, the field, \
        its old and new value; a record added or deleted is one line.
        Changes are listed oldest first, newest last, times in the local time zone (TZ); --json \
        gives them as stored (UTC). Exit 1 when no change fits, and "no record" when the id is \
        in neither the file nor its history.
        """
    )

    @Argument(help: "Only the changes of the record with this id.", completion: Completions.recordIds)
    var id: String?

    @Option(name: .long, help: ArgumentHelp("Only changes saved since then: 30d, 6w, 6m, 1y ago, or a date YYYY-MM-DD.", valueName: "when"))
    var since: String?

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pager: PagerOptions

    func run() throws {
        pager.start()
        let from = try since.map(Self.day(since:))
        let path = try dataOptions.resolvedPath()
        let storage = FileStorage(path: path)
        let trail: AuditTrail
        do {
            trail = try storage.history()
        } catch {
            throw CLIFailure.usage(error.description)
        }
        if trail.unreadableLines > 0 {
            let count = trail.unreadableLines
            Console.note("\(storage.historyPath): \(Counted.text(count, "line")) could not be read (cut short by a crash?) and \(count == 1 ? "is" : "are") left out")
        }
        let entries = trail.entries.filter { entry in
            if let id, entry.recordId != id { return false }
            if let from, (entry.localDay ?? from) < from { return false }
            return true
        }
        if output.json {
            JSONOutput.print(.array(entries.map(\.json)))
        } else if !entries.isEmpty {
            var table = Table([.key("TIME"), .key("ACCOUNT"), .key("RECORD"), .text("CHANGE", minimum: 30)])
            for entry in entries {
                table.add([entry.localTime, entry.account, "\(entry.recordKind.rawValue) \(entry.recordId)", entry.wholeSummary])
            }
            Console.print(table.render(width: Console.width))
        }
        if entries.isEmpty {
            if let id, !trail.entries.contains(where: { $0.recordId == id }), !Self.network(at: path, holds: id) {
                throw CLIFailure.notFound("no record \(id) in \(path) or its history")
            }
            let what = [id.map { "to \($0)" }, since.map { "since \($0)" }].compactMap { $0 }.joined(separator: " ")
            throw CLIFailure.notFound("no saved changes\(what.isEmpty ? "" : " " + what) in the history of \(path)")
        }
    }

    /// Whether the file holds a record with the id now (one deleted since is in the history only).
    /// A file that cannot be read holds none that can be named.
    private static func network(at path: String, holds id: String) -> Bool {
        guard let file = try? NetworkFile.load(path: path) else { return false }
        return Store(network: file.network).record(id: id) != nil
    }

    /// `30d` (days ago, as `--within` counts ahead) or a date.
    static func day(since text: String) throws -> Day {
        if let day = SearchQuery.relativeDay(text, today: try today(), ago: true) ?? Day(text) { return day }
        throw CLIFailure.usage("--since \(text): expected a time ago or a date, as in 30d, 6w, 6m, 1y or 2026-11-01")
    }
}
