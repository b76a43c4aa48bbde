import ArgumentParser
import LiaisonCore
import LiaisonInterchange
import TerminalUI

/// `liaison ewp`: Erasmus Without Paper IIA files in, out, and compared.
struct EWPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ewp",
        abstract: "Erasmus Without Paper: IIAs (IIA API v7 get-responses) in and out of the network, compared with a partner's copy.",
        subcommands: [EWPImport.self, EWPExport.self, EWPDiff.self]
    )
}

struct EWPImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import IIAs from IIA get-responses (v7), with Institutions responses (v2) for new partners.",
        discussion: """
        Each file is checked against its XSD first (IIA get-response v7, Institutions response v2): \
        a file that breaks it is listed with FILE:LINE, the element's path and the rule, and then \
        nothing is imported (exit 1). A file that cannot be read is named with why (exit 2).
        The home institution's side of an IIA is the party whose hei-id is the institution's \
        SCHAC code, else its website's domain; an IIA with neither party (or both) ours is refused.
        An IIA whose iia-id (ours, or the partner's) an agreement already has updates that \
        agreement; one whose iia-id of ours is that of an agreement with another partner is \
        refused (our iia-ids name one agreement each). Any other adds an agreement of kind erasmus to the partner whose hei-id \
        (SCHAC code, else website domain) is the other party's. The new agreement starts on \
        1 September of the earliest first academic year of its mobility specifications and ends \
        on 31 August of the latest last one; its subject areas are the specifications' ISCED-F \
        codes and its signing date the later of the two signatures. On an update these fields \
        follow the IIA unless someone changed them since.
        A partner no one has is made from an Institutions response given in the same call, else \
        from the directory (liaison directory import), else named by its hei-id with the country \
        its domain names (uw.edu.pl: PL); a hei-id such as x.com that names no country is refused. \
        A partner that looks like one already there (Erasmus code, SCHAC code, name and country) \
        is never added twice: that partner is taken, and given the hei-id as SCHAC code.
        An iia-hash that is not the hash of the IIA's content (as EWP's v7 kit computes it) is \
        reported; the IIA is still imported, as the partner's system sent it.
        Any refused IIA means nothing is written (exit 1). The import is one change, saved as \
        `set` saves (lock, merge, an audit entry per changed field).
        Examples:
          liaison ewp import partner-iias.xml --dry-run
          liaison ewp import iias.xml institutions.xml
        """
    )

    @Argument(help: "IIA get-responses and Institutions responses (XML).", completion: .file(extensions: ["xml"]))
    var files: [String]

    @Flag(name: .long, help: "Show what would be added, changed and refused, and write nothing.")
    var dryRun = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        var read: [EWPFile] = []
        for path in files {
            do {
                read.append(try EWPFile.read(path: path))
            } catch {
                throw CLIFailure(message: "liaison: nothing was imported: " + Sanitizer.safe(error.description), code: error.isUnreadableFile ? 2 : 1)
            }
        }
        let problems = read.flatMap(\.problems)
        if !problems.isEmpty {
            let lines = problems.map { "  " + Sanitizer.safe($0.description) }.joined(separator: "\n")
            throw CLIFailure(message: "liaison: nothing was imported: the files do not follow their XSD (\(Counted.text(problems.count, "problem"))):\n" + lines, code: 1)
        }
        let session = try EditSession(dataOptions: dataOptions)
        let ourHeiID = session.document.network.institution.heiID
        var items: [EWPImportPlanner.Item] = []
        var institutions: [EWPInstitution] = []
        for file in read {
            switch file.contents {
            case .iias(let iias): items += iias.map { $0.importItem(file: file.path, ourHeiID: ourHeiID) }
            case .institutions(let found): institutions += found
            }
        }
        let directory = DirectoryBySCHAC()
        let plan = EWPImportPlanner.plan(items, institutions: institutions, directoryEntry: directory.entry, in: session.document)
        let writes = !dryRun && plan.refused.isEmpty && !plan.records.isEmpty
        if output.json {
            JSONOutput.print(EWPImportReport.json(files: read, plan: plan, written: writes))
        } else {
            EWPImportReport.print(files: read, plan: plan)
        }
        if !plan.refused.isEmpty {
            throw CLIFailure(message: "liaison: \(session.path) was not changed: \(Counted.text(plan.refused.count, "IIA")) refused", code: 1)
        }
        let sources = files.map { Sanitizer.safe($0) }.joined(separator: ", ")
        try session.finishImport(plan.records, dryRun: dryRun, writes: writes, summary: "ewp import from \(sources)",
                                 done: "imported \(plan.summary) into \(session.path)")
    }
}

/// The reference directory by SCHAC code, loaded the first time a new partner is looked up (most
/// imports make none). A directory that cannot be read is no source: the import says so.
private final class DirectoryBySCHAC {
    private var entries: [String: DirectoryEntry]?

    func entry(_ heiID: String) -> DirectoryEntry? {
        if entries == nil {
            var found: [String: DirectoryEntry] = [:]
            do {
                for entry in try DirectoryStorage.user?.load() ?? [] {
                    guard let schac = entry.schac.map(SCHACCode.normalized), found[schac] == nil else { continue }
                    found[schac] = entry
                }
            } catch {
                Console.note("warning: the directory is not used: \(error)")
            }
            entries = found
        }
        return entries?[SCHACCode.normalized(heiID)]
    }
}

/// What `ewp import` prints: the files, the records added and changed, the IIAs refused, the
/// notes and the summary; every value from a file made one safe line (`Sanitizer`).
enum EWPImportReport {
    static func print(files: [EWPFile], plan: EWPImportPlan) {
        func safe(_ text: String) -> String { Sanitizer.safe(text) }
        var lines = files.map { safe($0.path) + ": " + $0.summary }
        lines += ImportReport.sections(added: plan.added.map { ($0.location, $0.description) },
                                       changed: plan.changed.map { ($0.location, $0.what, $0.changes) },
                                       refused: plan.refused.map(\.description))
        if !plan.notes.isEmpty {
            lines.append("notes:")
            lines += plan.notes.map { "  " + safe($0) }
        }
        lines.append(plan.summary)
        Console.print(lines.joined(separator: "\n"))
    }

    static func json(files: [EWPFile], plan: EWPImportPlan, written: Bool) -> JSONValue {
        func entries(_ list: [EWPImportPlan.Entry]) -> JSONValue {
            .array(list.map { entry in
                .object(JSONObject([
                    ("location", .string(entry.location)), ("record", .string(entry.what)),
                    ("defaults", .array(entry.defaults.map { .object(JSONObject([("field", .string($0.label)), ("value", .string($0.value))])) })),
                    ("changes", .array(entry.changes.map { .object(JSONObject([("field", .string($0.label)), ("old", .string($0.old)), ("new", .string($0.new))])) })),
                ]))
            })
        }
        return .object(JSONObject([
            ("files", .array(files.map { .object(JSONObject([("file", .string($0.path)), ("contents", .string($0.summary))])) })),
            ("added", entries(plan.added)),
            ("changed", entries(plan.changed)),
            ("unchanged", .number(String(plan.unchanged))),
            ("refused", .array(plan.refused.map { .object(JSONObject([("location", .string($0.location)), ("rule", .string($0.rule))])) })),
            ("notes", .array(plan.notes.map(JSONValue.string))),
            ("summary", .string(plan.summary)),
            ("written", .bool(written)),
        ]))
    }
}

struct EWPExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write agreements with EWP IIA data as an IIA get-response (v7).",
        discussion: """
        Without an id: every agreement with EWP IIA data; agreements without it are left out, and \
        how many is said on standard error. With a partner's id: its agreements with IIA data \
        (none is an error). With an agreement's id: that agreement (without IIA data, an error).
        The home institution is the first party of each IIA (the one that serves a response), \
        named by its SCHAC code, else its website's domain; each IIA has the iia-hash EWP's v7 \
        kit computes. The document follows the official XSD.
        Without -o the XML goes to standard output; on a terminal, characters a terminal would \
        act on are shown as placeholders (the file keeps them).
        Examples:
          liaison ewp export -o iias.xml
          liaison ewp export uw-warsaw -o uw-iias.xml
        """
    )

    @Argument(help: "A partner's or an agreement's id (default: every agreement with EWP IIA data).")
    var id: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"), completion: .file(extensions: ["xml"]))
    var output: String?

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let destination = OutputDestination(path: output)
        let network = try dataOptions.load().network
        let selection: EWPExportSelection
        do {
            selection = try EWPExportSelection.select(id, in: network)
        } catch {
            throw CLIFailure(message: "liaison: " + Sanitizer.safe(error.message), code: 1)
        }
        for note in selection.notes { Console.note(Sanitizer.safe(note)) }
        let xml: String
        do {
            xml = try IIAResponseWriter.document(selection.items.map {
                IIAResponseWriter.Item(iia: $0.iia, ourHeiID: selection.ourHeiID, partnerHeiID: $0.partnerHeiID)
            })
        } catch {
            throw CLIFailure(message: "liaison: nothing was exported: " + Sanitizer.safe(error.description), code: 1)
        }
        try destination.write(Array((destination.endsOnTerminal ? Sanitizer.safe(xml, keepingLineFeeds: true) : xml).utf8))
    }
}
