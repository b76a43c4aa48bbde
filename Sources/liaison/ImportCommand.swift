import ArgumentParser
import LiaisonCore
import LiaisonInterchange
import TerminalUI

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import partners, agreements, contacts or events from a spreadsheet (CSV or XLSX), or contacts from an address book (vCard).",
        discussion: """
        Columns are found by their headers, in English or German, case and accents ignored \
        (Name/Hochschule, Country/Land, City/Stadt/Ort, Erasmus code, Start/Beginn/Laufzeit von, \
        End/Ende/Laufzeit bis, ...); the headers `liaison export` writes always work, so an exported \
        table imports as it is. --map FILE names the field of other headers: a JSON object such as \
        {"Partnerhochschule": "name", "Bemerkung": null} (null ignores a column). The mapping used is \
        printed first.
        Countries may be ISO codes or names in English or German (Schweiz, USA); dates \
        YYYY-MM-DD, DD.MM.YYYY or Excel day numbers; lists are separated by , or ;.
        Each row is matched to a record already there: by id, Erasmus code, SCHAC code, or name and \
        country (case and accents ignored, umlauts dotted or written out); an agreement by its id, else \
        its partner's of its kind and start (a new end extends it), else, when the row has no start, \
        the partner's only one of its kind; a contact by id, e-mail address, or name and partner; an event by id, or title \
        and start. A matched record changes only in the fields the sheet has a value for (an empty \
        cell changes nothing); a row that matches nothing adds a record.
        A link (a contact's organisation; an event's partners, contacts and objectives) is a record's \
        id or its name: a partner's name, short name (UTokyo), or name with or without a leading \
        "The"; a contact's name; an objective's title. The home institution's own name means no partner.
        Every value is checked by the rules of `set` and the forms. A row that breaks one is listed \
        with its row number, column and rule, and then nothing is written (exit 1) unless \
        --skip-invalid, which imports the other rows. The import is one change, saved as `set` saves \
        (lock, merge with what others saved meanwhile, an audit entry per changed field).
        The file's kind is found from its bytes, whatever its name: a CSV file may be UTF-8 (with or \
        without a byte-order mark) or Windows-1252, with any of , ; tab | between cells; an XLSX \
        workbook is read from the sheet --sheet names, else one named as what is imported (agreements, \
        Vertraege, ...), else its first (Excel's dates are read as \
        days); a vCard file (2.1, 3.0 or 4.0, as address books export them) gives contacts, one per \
        card, its organisation naming the partner. What was found is said.
        Titles above the header row are skipped: the header row is the first of the first 10 rows \
        whose cells name at least two fields (one in a sheet of one column), said as "headers in \
        row 4"; --header-row N gives it. Rows keep the spreadsheet's numbers.
        Examples:
          liaison import partners partner.csv --dry-run
          liaison import agreements vertraege.csv --skip-invalid
          liaison import partners list.csv --map columns.json
          liaison import agreements partner.xlsx --sheet Vertraege
          liaison import contacts kontakte.vcf
        """
    )

    @Argument(help: "What the rows are: partners, agreements, contacts or events.")
    var kind: ImportKind

    @Argument(help: "The file to import (CSV, XLSX, or vCard for contacts).", completion: .file())
    var file: String

    @Option(name: .long, help: "The sheet of a workbook to import (default: one named as what is imported, else the first).")
    var sheet: String?

    @Option(name: .long, help: ArgumentHelp("The row of the column headers (default: the first of the first 10 rows that names two fields).", valueName: "n"))
    var headerRow: Int?

    @Option(name: .long, help: ArgumentHelp("A JSON object of column headers to field keys; null ignores a column.", valueName: "file"),
            completion: .file(extensions: ["json"]))
    var map: String?

    @Flag(name: .long, help: "Show what would be added, changed and refused, and write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Import the valid rows even when others are refused.")
    var skipInvalid = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row counts rows as the spreadsheet does, from 1") }
    }

    func run() throws {
        let explicit: [String: String?]
        do {
            explicit = try map.map { path throws -> [String: String?] in
                let bytes: [UInt8]
                do { bytes = try FileContents.read(path) } catch { throw CLIFailure.usage("--map \(path) cannot be read: \(error)") }
                return try ColumnMapping.explicitMap(fromJSON: bytes, file: path)
            } ?? [:]
        } catch let failure as ColumnMapping.Failure {
            throw CLIFailure.usage(failure.message)
        }
        let table: SheetTable
        do {
            let header = HeaderRowChoice(kind: kind, mappedHeaders: Array(explicit.keys), forced: headerRow)
            table = try SheetFile.read(path: file, sheet: sheet, preferredSheets: kind.sheetNames, addressBookAllowed: kind == .contacts, header: header)
        } catch {
            throw CLIFailure.usage(error.message)
        }
        let mapping: ColumnMapping
        do {
            mapping = try ColumnMapping(headers: table.headers, kind: kind, explicit: explicit)
        } catch {
            throw CLIFailure.usage("\(file): \(error.message)")
        }
        let session = try EditSession(dataOptions: dataOptions)
        // A row naming a partner as a directory entry does (its native name, another source's
        // name) is matched to the partner with that entry's code.
        if kind.recordKind == .partner { session.document.directory = try DirectoryCommand.loadIndex() }
        let plan = ImportPlanner.plan(table, mapping: mapping, in: session.document)
        let refusedAll = !plan.refused.isEmpty && !skipInvalid
        let writes = !dryRun && !refusedAll && !plan.records.isEmpty
        if output.json {
            JSONOutput.print(ImportReport.json(table: table, plan: plan, written: writes))
        } else {
            ImportReport.print(table: table, plan: plan)
        }
        if refusedAll {
            throw CLIFailure(message: "liaison: \(session.path) was not changed: \(Counted.text(plan.refusedRows, table.rowName)) refused (--skip-invalid imports the other rows)", code: 1)
        }
        if plan.everyRowRefused {
            throw CLIFailure(message: "liaison: \(session.path) was not changed: every \(table.rowName) was refused (\(Counted.text(plan.refusedRows, table.rowName)))", code: 1)
        }
        try session.finishImport(plan.records, dryRun: dryRun, writes: writes, summary: "import \(kind.rawValue) from \(Sanitizer.safe(file))",
                                 done: "imported \(plan.summary) into \(session.path)")
    }
}

extension EditSession {
    /// How every import ends: a dry run or nothing to write said, else the records put as one
    /// change (its summary in the history) and saved as any edit is.
    func finishImport(_ records: [Record], dryRun: Bool, writes: Bool, summary: String, done: String) throws {
        if dryRun {
            Console.note("dry run: \(path) was not changed")
            return
        }
        guard writes else {
            Console.note("nothing to import: \(path) was not changed")
            return
        }
        let outcome = document.put(records, summary: summary)
        if case .refused(let problems) = outcome {
            // The plan judged each record by the same rules; this is a bug's safety net, not a message users see.
            throw CLIFailure(message: "liaison: \(path) was not changed; the import breaks these rules:\n" + problems.map { "  \($0)" }.joined(separator: "\n"), code: 1)
        }
        try check(outcome, id: "the import")
        try save(done: done, nothingToSave: "nothing to import: \(path) was not changed")
    }
}

/// The plural forms are listed in the help; the singular ones (`import partner`, as `add partner`)
/// are taken too.
extension ImportKind: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(named: argument)
    }
}

/// What an import prints: the reader's notes, the mapping, the rows added, changed and refused,
/// and the summary. Every value from the file or the data is made one safe line (`Sanitizer`).
enum ImportReport {
    static func print(table: SheetTable, plan: ImportPlan) {
        func safe(_ text: String) -> String { Sanitizer.safe(text) }
        var lines: [String] = []
        lines.append(safe(table.source) + (table.notes.isEmpty ? "" : ": " + table.notes.map(safe).joined(separator: "; ")))
        lines.append("columns:")
        lines += plan.mapping.lines.map { "  " + safe($0) }
        lines += sections(added: plan.added.map { ("\(table.rowName) \($0.row)", $0.description) },
                          changed: plan.changed.map { ("\(table.rowName) \($0.row)", $0.what, $0.changes) },
                          refused: plan.refused.map(\.description))
        lines.append(plan.summary)
        Console.print(lines.joined(separator: "\n"))
    }

    /// The added, changed and refused sections of an import's report (a sheet's, an EWP file's):
    /// each entry's place ("row 3", "get.xml:12") and words, a change's fields old → new.
    static func sections(added: [(place: String, text: String)], changed: [(place: String, what: String, changes: [ImportPlan.FieldChange])],
                         refused: [String]) -> [String] {
        func safe(_ text: String) -> String { Sanitizer.safe(text) }
        var lines: [String] = []
        if !added.isEmpty {
            lines.append("added:")
            lines += added.map { "  \(safe($0.place)): \(safe($0.text))" }
        }
        if !changed.isEmpty {
            lines.append("changed:")
            for change in changed {
                lines.append("  \(safe(change.place)): \(safe(change.what))")
                lines += change.changes.map { "    \(safe($0.label)): \(shown($0.old)) → \(shown($0.new))" }
            }
        }
        if !refused.isEmpty {
            lines.append("refused:")
            lines += refused.map { "  " + safe($0) }
        }
        return lines
    }

    /// A value in a change: quoted when it has spaces at its ends, "(none)" when absent.
    private static func shown(_ value: String) -> String {
        if value.isEmpty { return "(none)" }
        return Sanitizer.safe(value)
    }

    static func json(table: SheetTable, plan: ImportPlan, written: Bool) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object(JSONObject([
            ("file", .string(table.source)),
            ("notes", .array(table.notes.map(JSONValue.string))),
            ("columns", .array(plan.mapping.columns.map { .object(JSONObject([("header", .string($0.header)), ("field", .string($0.field.key))])) })),
            ("ignored", .array((plan.mapping.ignored + plan.mapping.ignoredByMap + plan.mapping.ignoredWithReason.map(\.header)).map(JSONValue.string))),
            ("added", .array(plan.added.map { added in
                .object(JSONObject([("row", .number(String(added.row))), ("record", .string(added.what)),
                                    ("defaults", .array(added.defaults.map { .object(JSONObject([("field", .string($0.label)), ("value", .string($0.value))])) }))]))
            })),
            ("changed", .array(plan.changed.map { change in
                .object(JSONObject([("row", .number(String(change.row))), ("record", .string(change.what)),
                                    ("changes", .array(change.changes.map { .object(JSONObject([("field", .string($0.label)), ("old", .string($0.old)), ("new", .string($0.new))])) }))]))
            })),
            ("unchanged", .number(String(plan.unchanged))),
            ("refused", .array(plan.refused.map { .object(JSONObject([("row", .number(String($0.row))), ("column", text($0.column)), ("rule", .string($0.rule))])) })),
            ("summary", .string(plan.summary)),
            ("written", .bool(written)),
        ]))
    }
}
