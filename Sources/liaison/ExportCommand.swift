import ArgumentParser
import CSV
import Foundation
import LiaisonCore
import TerminalUI

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write partners, agreements, events or contacts as CSV (RFC 4180, UTF-8) or JSON to stdout.",
        discussion: "In CSV, lists (tags, linked ids, subject areas) are joined with \"; \"."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }
    enum Table: String, ExpressibleByArgument, CaseIterable { case partners, agreements, events, contacts }

    @Option(name: .long, help: "csv or json.")
    var format: OutputFormat

    @Argument(help: "What to export: partners, agreements, events or contacts.")
    var table: Table = .partners

    @OptionGroup var dataOptions: DataOptions

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
            if forReading { rows = rows.map { $0.map { Sanitizer.safe($0) } } }
            Console.writeBytes(try csv(rows: rows, newline: forReading ? .lf : .crlf))
        }
    }

    private func jsonRows(_ network: Network) -> [JSONValue] {
        switch table {
        case .partners: return network.partners.map { JSONOutput.record(.partner($0)) }
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

    /// RFC 4180: CRLF after every record, fields quoted where they hold a comma, quote or line break.
    private func csv(rows: [[String]], newline: CSVWriter.Newline) throws -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, newline: newline)
            for row in rows { try writer.write(row: row) }
            stream.close()
        } catch {
            throw CLIFailure.usage("cannot write CSV: \(error)")
        }
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return [] }
        return [UInt8](data) + (newline == .crlf ? [0x0D, 0x0A] : [0x0A])
    }
}
