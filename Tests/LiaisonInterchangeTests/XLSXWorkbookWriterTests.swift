import Foundation
import LiaisonCore
import Testing
@testable import LiaisonInterchange

/// Workbooks as other programs open them: openpyxl reads the sheets, a date as a date, a count
/// as a number, a formula-like note as plain text, and a control character back as it was.
@Suite struct XLSXWorkbookWriterTests {
    static let network: Network = {
        var partner = Partner()
        partner.id = "ethz"
        partner.name = "ETH Zürich\u{01}"
        partner.country = "CH"
        partner.partnershipType = "research-led"
        partner.status = "active"
        partner.since = Day("2001-05-02")
        partner.notes = "=HYPERLINK(\"http://evil.example\";\"click\")"
        var agreement = Agreement()
        agreement.id = "ethz-erasmus"
        agreement.kind = "erasmus"
        agreement.end = Day("2027-05-31")
        agreement.quota = Quota(incoming: 3)
        partner.agreements = [agreement]
        var network = Network()
        network.partners = [partner]
        return network
    }()

    @Test("openpyxl opens the export: sheets, headers, dates, numbers, formulas as text, control characters",
          .enabled(if: Python.openpyxl, "needs python3 with openpyxl (.ci/run installs it)"))
    func openpyxlReadsTheExport() throws {
        let path = Python.temporaryPath(".xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sheets = ExportSheet.Kind.allCases.map { ExportSheet($0, of: Self.network) }
        try Data(try XLSXWorkbookWriter.bytes(of: sheets)).write(to: URL(fileURLWithPath: path))
        // The header and first row of each sheet, each value's Python type beside it. openpyxl
        // hands strings over with their `_xHHHH_` escapes as stored; Excel decodes them, and
        // openpyxl's own `unescape` does so here.
        let script = """
        import json, sys, openpyxl
        from openpyxl.utils.escape import unescape
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {}
        for ws in wb:
            count = ws.max_row  # before iter_rows, which makes the cells it visits
            rows = list(ws.iter_rows(min_row=1, max_row=2))
            header = [c.value for c in rows[0]]
            show = lambda v: unescape(v) if isinstance(v, str) else str(v)
            first = {header[i]: [type(c.value).__name__, show(c.value), c.number_format] for i, c in enumerate(rows[1])} if count > 1 else {}
            out[ws.title] = {"header": header, "first": first, "frozen": ws.freeze_panes, "bold": rows[0][0].font.b}
        print(json.dumps(out))
        """
        let run = try Python.run(script, arguments: [path])
        try #require(run.status == 0, "\(run.errors)")
        let workbook = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: [String: Any]])
        #expect(workbook.keys.sorted() == ["agreements", "contacts", "events", "objectives", "partners"])

        let partners = try #require(workbook["partners"])
        #expect((partners["header"] as? [String]) == Schema.fields(of: .partner).filter { $0.type != .object }.map(\.key))
        #expect(partners["frozen"] as? String == "A2")
        #expect(partners["bold"] as? Bool == true)
        let partner = try #require(partners["first"] as? [String: [String]])
        #expect(partner["name"] == ["str", "ETH Zürich\u{01}", "General"])
        #expect(partner["notes"] == ["str", "=HYPERLINK(\"http://evil.example\";\"click\")", "General"])
        #expect(partner["since"] == ["datetime", "2001-05-02 00:00:00", "yyyy\\-mm\\-dd"])
        #expect(partner["agreements"] == ["int", "1", "General"])
        #expect(partner["website"] == ["NoneType", "None", "General"])

        let agreement = try #require(workbook["agreements"]?["first"] as? [String: [String]])
        #expect(agreement["partnerId"] == ["str", "ethz", "General"])
        #expect(agreement["end"] == ["datetime", "2027-05-31 00:00:00", "yyyy\\-mm\\-dd"])
        #expect(agreement["quota.incoming"] == ["int", "3", "General"])
        #expect(agreement["quota.outgoing"] == ["NoneType", "None", "General"])
        #expect((workbook["events"]?["first"] as? [String: Any])?.isEmpty == true)
    }

    @Test func daysBeforeMarch1900AndTextInNumberColumnsAreWrittenAsText() throws {
        let sheet = ExportSheet(kind: .events, columns: [.init(header: "start", type: .day), .init(header: "order", type: .number)],
                                rows: [["1900-02-28", "12a"], ["1900-03-01", "-7"], ["", "1234567890123456"]])
        let table = try XLSXTableReader.read(bytes: try XLSXWorkbookWriter.bytes(of: [sheet]), source: "e.xlsx", sheet: nil)
        // Serial 61 is 1900-03-01; a 16-digit number would lose its last digit as a double.
        #expect(table.rows.map(\.cells) == [["1900-02-28", "12a"], ["61", "-7"], ["", "1234567890123456"]])
    }

    @Test func columnsAreAsWideAsTheirLongestLineWithinLimits() {
        let sheet = ExportSheet(kind: .contacts, columns: [.init(header: "id", type: .text), .init(header: "notes", type: .text), .init(header: "day", type: .day)],
                                rows: [["a", String(repeating: "x", count: 30) + "\nshort", ""], ["b", String(repeating: "y", count: 500), ""]])
        #expect(XLSXWorkbookWriter.columnWidths(sheet) == [8, 60, 12])
    }
}
