import ArgumentParser
import Foundation
import LiaisonCore
import TerminalUI

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write partners, agreements, objectives, events or contacts as CSV (RFC 4180, UTF-8), JSON, iCalendar or vCard to stdout.",
        discussion: """
        CSV has one column per field of the record's table; agreements have every field of theirs \
        (quota.incoming, quota.outgoing, subjectAreas, signingDate, ...) after their partner's id and name. \
        Lists (tags, linked ids, subject areas) are joined with ", ".
        A cell that starts with =, +, -, @, a tab or a carriage return is written with a leading ' \
        so that a spreadsheet shows it as text instead of running it as a formula \
        (=HYPERLINK(...) in a note stays text). A signed number (-3, +1.5) is a number, not a formula, \
        and is left alone. --raw-cells writes every cell as stored; so does --format json.
        --excel writes what Excel opens directly, also in a German locale: a UTF-8 byte-order mark, \
        ";" between cells, CRLF line ends; cells holding ";", a quote or a line break are quoted.
        \(contentLinesHelp)
        """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case csv, json, ics, vcard }
    enum Table: String, ExpressibleByArgument, CaseIterable { case partners, agreements, objectives, events, contacts }

    @Option(name: .long, help: "csv, json, ics (events, agreements) or vcard (contacts).")
    var format: OutputFormat

    @Flag(name: .long, help: "CSV for Excel: UTF-8 byte-order mark, \";\" between cells, CRLF.")
    var excel = false

    @Flag(name: .long, help: "CSV cells exactly as stored, formulas included (no leading ' before =, +, -, @).")
    var rawCells = false

    @Option(name: .long, help: "With --format ics agreements: an alarm this long before each end (90d, 12w, 6m, 1y; none). Default: 90d.")
    var remind: String?

    @Argument(help: "What to export: partners, agreements, objectives, events or contacts.")
    var table: Table = .partners

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if format != .csv, excel { throw ValidationError("--excel is for --format csv") }
        if format != .csv, rawCells { throw ValidationError("--raw-cells is for --format csv (JSON is always raw)") }
        try validateContentLines()
    }

    func run() throws {
        let network = try dataOptions.load().network
        // JSON as every JSON the CLI prints: the records' strings exactly, the characters a
        // terminal acts on escaped. CSV into a pipe or a file is byte-exact; where it ends on a
        // terminal (here or over SSH) it is for reading: its cells sanitised and one line per
        // record, ended by a line feed alone (a CR is a control).
        switch format {
        case .json:
            JSONOutput.print(.array(jsonRows(network)))
        case .csv:
            let forReading = Console.endsOnTerminal
            var rows = csvRows(network)
            if !rawCells { rows = rows.map { $0.map(SpreadsheetCell.neutralised) } }
            if forReading { rows = rows.map { $0.map { Sanitizer.safe($0) } } }
            let dialect: CSVDialect = excel ? .excel : .rfc4180
            Console.writeBytes(try (forReading ? dialect.forReading : dialect).bytes(of: rows))
        case .ics, .vcard:
            try writeContentLines(network)
        }
    }

    private func jsonRows(_ network: Network) -> [JSONValue] {
        switch table {
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

    /// Columns and cells from the record kinds' tables: one column per field, in the table's
    /// order and by its JSON key, lists as `RecordText` writes them; a partner's agreements as
    /// their count (the agreements table has them in full).
    private func csvRows(_ network: Network) -> [[String]] {
        func rows(_ kind: RecordKind, _ records: [Record]) -> [[String]] {
            let fields = Schema.fields(of: kind).filter { $0.type != .object }
            return [fields.map(\.key)] + records.map { record in
                fields.map { field in
                    guard field.type == .records else { return RecordText.text(of: record, key: field.key) }
                    if case .partner(let partner) = record { return String(partner.agreements.count) }
                    return ""
                }
            }
        }
        switch table {
        case .partners: return rows(.partner, network.partners.map(Record.partner))
        case .objectives: return rows(.objective, network.objectives.map(Record.objective))
        case .events: return rows(.event, network.events.map(Record.event))
        case .contacts: return rows(.contact, network.contacts.map(Record.contact))
        case .agreements:
            let keys = ["id"] + AgreementRows.keys
            return [["partnerId", "partner"] + keys] + network.partners.flatMap { partner in
                partner.agreements.map { agreement in
                    [partner.id, partner.name] + keys.map { RecordText.text(of: agreement, key: $0) }
                }
            }
        }
    }
}
