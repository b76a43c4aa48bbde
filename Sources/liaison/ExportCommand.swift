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
        // Into a pipe or a file the export is byte-exact. On a terminal it is for reading: JSON
        // as `--json` writes it (unsafe characters escaped, the same strings), CSV with its
        // cells sanitised and one line per record, ended by a line feed alone (a CR is a control).
        switch format {
        case .json:
            let bytes = JSONOutput.bytes(.array(jsonRows(network)))
            Console.writeBytes(Console.isTerminal ? JSONOutput.escapingUnsafe(bytes) : bytes)
        case .csv:
            var rows = csvRows(network)
            if Console.isTerminal { rows = rows.map { $0.map { Sanitizer.safe($0) } } }
            Console.writeBytes(try csv(rows: rows, newline: Console.isTerminal ? .lf : .crlf))
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

    private func csvRows(_ network: Network) -> [[String]] {
        func list(_ values: [String]) -> String { values.joined(separator: "; ") }
        switch table {
        case .partners:
            return [["id", "name", "localName", "shortName", "country", "city", "website", "erasmusCode", "schacCode",
                     "partnershipType", "status", "since", "agreements", "contactIds", "objectiveIds", "tags", "notes", "updatedAt", "updatedBy"]]
                + network.partners.map { p in
                    [p.id, p.name, p.localName ?? "", p.shortName ?? "", p.country, p.city ?? "", p.website ?? "", p.erasmusCode ?? "",
                     p.schacCode ?? "", p.partnershipType, p.status, p.since?.description ?? "", String(p.agreements.count),
                     list(p.contactIds), list(p.objectiveIds), list(p.tags), p.notes ?? "", p.updatedAt ?? "", p.updatedBy ?? ""]
                }
        case .agreements:
            return [["partnerId", "partner", "id", "kind", "start", "end", "quotaIncoming", "quotaOutgoing", "subjectAreas", "notes"]]
                + network.partners.flatMap { p in
                    p.agreements.map { a in
                        [p.id, p.name, a.id, a.kind, a.start?.description ?? "", a.end?.description ?? "",
                         a.quota?.incoming.map(String.init) ?? "", a.quota?.outgoing.map(String.init) ?? "", list(a.subjectAreas), a.notes ?? ""]
                    }
                }
        case .events:
            return [["id", "title", "kind", "start", "end", "location", "description", "partnerIds", "contactIds", "objectiveIds"]]
                + network.events.map { e in
                    [e.id, e.title, e.kind ?? "", e.start?.description ?? "", e.end?.description ?? "", e.location ?? "",
                     e.description ?? "", list(e.partnerIds), list(e.contactIds), list(e.objectiveIds)]
                }
        case .contacts:
            return [["id", "name", "role", "unit", "email", "phone", "partnerId", "notes"]]
                + network.contacts.map { c in
                    [c.id, c.name, c.role ?? "", c.unit ?? "", c.email ?? "", c.phone ?? "", c.partnerId ?? "", c.notes ?? ""]
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
