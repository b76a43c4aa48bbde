import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonInterchange
import TerminalUI

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write partners, agreements, objectives, events or contacts as CSV (RFC 4180, UTF-8), JSON, an XLSX workbook, iCalendar or vCard.",
        discussion: """
        CSV has one column per field of the record's table; agreements have every field of theirs \
        (quota.incoming, quota.outgoing, subjectAreas, signingDate, ...) after their partner's id and name. \
        Lists (tags, linked ids, subject areas) are joined with ", ".
        A cell that starts with =, +, -, @, a tab or a carriage return is written with a leading ' \
        so that a spreadsheet shows it as text instead of running it as a formula \
        (=HYPERLINK(...) in a note stays text). A signed number (-3, +1.5) is a number, not a formula, \
        and is left alone. A character a terminal would act on (ESC, other controls, bidirectional \
        overrides) is written as a visible placeholder symbol, so a CSV piped into grep, head or \
        less cannot clear the screen or retitle the window; line breaks (LF, CRLF) and tabs in a cell stay. \
        --raw-cells writes every cell as stored (into a file or a pipe; on a terminal it is still \
        shown safely); --format json keeps them too, escaped.
        --excel writes what Excel opens directly, also in a German locale: a UTF-8 byte-order mark, \
        ";" between cells, CRLF line ends; cells holding ";", a quote or a line break are quoted.
        --format xlsx writes a workbook with one sheet per kind (partners, agreements, objectives, events, \
        contacts), or only the one named; the header row is bold and frozen. Text cells are stored as text, \
        which a spreadsheet never runs as a formula, so no ' is added; counts are numbers and days are \
        dates shown yyyy-mm-dd. A workbook is binary: it goes into -o FILE or a redirection, never to a terminal.
        -o FILE writes any format into FILE instead of standard output (replaced whole or left as it was).
        \(contentLinesHelp)
        """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case csv, json, xlsx, ics, vcard }
    enum Table: String, ExpressibleByArgument, CaseIterable { case partners, agreements, objectives, events, contacts }

    @Option(name: .long, help: "csv, json, xlsx, ics (events, agreements) or vcard (contacts).")
    var format: OutputFormat

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write into this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "CSV for Excel: UTF-8 byte-order mark, \";\" between cells, CRLF.")
    var excel = false

    @Flag(name: .long, help: "CSV cells exactly as stored: formulas without a leading ', control characters as they are.")
    var rawCells = false

    @Option(name: .long, help: "With --format ics agreements: an alarm this long before each end (90d, 12w, 6m, 1y; none). Default: 90d.")
    var remind: String?

    @Argument(help: "What to export: partners (the default), agreements, objectives, events or contacts; for xlsx every kind unless one is named, for vcard contacts.")
    var table: Table?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if format != .csv, excel { throw ValidationError("--excel is for --format csv") }
        if format != .csv, rawCells { throw ValidationError("--raw-cells is for --format csv (JSON is always raw)") }
        try validateContentLines()
    }

    func run() throws {
        let destination = OutputDestination(path: output)
        if format == .xlsx { try destination.requireBinaryAllowed("an XLSX workbook") }
        let network = try dataOptions.load().network
        // JSON as every JSON the CLI prints: the records' strings exactly, the characters a
        // terminal acts on escaped. CSV cells are made safe wherever they go, since a pipe's far
        // end is often a terminal (`| grep`, `| less`): a formula gets its ', a control its
        // placeholder, a line break (LF, CRLF) or a tab in a cell stays. --raw-cells keeps them as stored. Where the
        // CSV ends on a terminal (here or over SSH) it is for reading: one line per record,
        // ended by a line feed alone (a CR is a control).
        switch format {
        case .json:
            try destination.write(JSONOutput.escapingUnsafe(JSONOutput.bytes(.array(jsonRows(network)))))
        case .csv:
            let forReading = destination.endsOnTerminal
            var rows = ExportSheet((table ?? .partners).sheet, of: network).textRows
            if !rawCells { rows = rows.map { $0.map { Sanitizer.safeCell(SpreadsheetCell.neutralised($0)) } } }
            if forReading { rows = rows.map { $0.map { Sanitizer.safe($0) } } }
            let dialect: CSVDialect = excel ? .excel : .rfc4180
            try destination.write(try (forReading ? dialect.forReading : dialect).bytes(of: rows))
        case .xlsx:
            let kinds = table.map { [$0.sheet] } ?? ExportSheet.Kind.allCases
            do {
                try destination.write(try XLSXWorkbookWriter.bytes(of: kinds.map { ExportSheet($0, of: network) }))
            } catch let failure as XLSXWorkbookWriter.Failure {
                throw CLIFailure.usage("cannot write the workbook: \(failure)")
            }
        case .ics, .vcard:
            try writeContentLines(network, to: destination)
        }
    }

    private func jsonRows(_ network: Network) -> [JSONValue] {
        switch table ?? .partners {
        case .partners: return network.partners.map { JSONOutput.record(.partner($0)) }
        case .objectives: return network.objectives.map { JSONOutput.record(.objective($0)) }
        case .events: return network.events.map { JSONOutput.record(.event($0)) }
        case .contacts: return network.contacts.map { JSONOutput.record(.contact($0)) }
        case .agreements:
            return network.partners.flatMap { partner in
                partner.agreements.map { agreement in
                    var wrapper = Partner()
                    wrapper.agreements = [agreement]
                    // An agreement's JSON is the one its partner's record writes.
                    guard case .object(let record) = JSONOutput.record(.partner(wrapper)),
                          case .array(let agreements)? = record["agreements"], case .object(var object)? = agreements.first
                    else { return JSONValue.null }
                    object.members.insert(JSONObject.Member("partnerId", .string(partner.id)), at: 0)
                    return .object(object)
                }
            }
        }
    }
}

extension Export.Table {
    var sheet: ExportSheet.Kind {
        switch self {
        case .partners: .partners
        case .agreements: .agreements
        case .objectives: .objectives
        case .events: .events
        case .contacts: .contacts
        }
    }
}
