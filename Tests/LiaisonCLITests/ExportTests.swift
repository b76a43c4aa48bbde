import Foundation
import LiaisonCore
import Testing

/// `liaison export --format csv` as a spreadsheet opens it: formulas neutralised, Excel's
/// dialect with --excel, every field of an agreement, objectives.
@Suite("CSV export for spreadsheets")
struct ExportTests {
    /// A network whose cells a spreadsheet would run: a formula in a note, a name starting with
    /// `@`, a city `-2+3`, a phone `+49 …`, a tab and a CR first; cells holding `;`, a quote and a
    /// line break; a signed number that is only a number.
    static let network = """
    {
      "schemaVersion": 1,
      "institution": { "name": "RUB", "country": "DE" },
      "partners": [
        {
          "id": "formula", "name": "@SUM(1+1)", "country": "CH", "city": "-2+3",
          "partnershipType": "research-led", "status": "active", "since": "2001-05-02",
          "tags": ["=cmd|' /C calc'!A0", "plain"],
          "notes": "=HYPERLINK(\\"http://evil.example\\";\\"click\\")",
          "agreements": [
            {
              "id": "formula-erasmus", "kind": "erasmus", "start": "2021-06-01", "end": "2027-05-31",
              "signingDate": "2021-05-20", "quota": { "incoming": 3, "outgoing": 5 },
              "subjectAreas": ["0533", "0713"],
              "notes": "ETH Zürich; \\"Physik\\"\\nzweite Zeile"
            }
          ]
        },
        {
          "id": "plain", "name": "Plain University", "country": "DE", "city": "\\tTabbed",
          "partnershipType": "research-led", "status": "active", "notes": "\\rreturn", "shortName": "-3"
        }
      ],
      "objectives": [
        { "id": "obj", "title": "+Growth; more", "description": "First line\\nsecond", "order": 1 }
      ],
      "contacts": [
        { "id": "desk", "name": "Desk", "phone": "+49 234 32-22222" }
      ]
    }
    """

    static func networkFile() throws -> String {
        let path = NSTemporaryDirectory() + "liaison-export-\(UUID().uuidString).json"
        try network.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func export(_ arguments: [String], data: String) throws -> (status: Int32, bytes: [UInt8], text: String) {
        let result = try CLI.run(["export", "--format", "csv"] + arguments, data: data)
        #expect(result.status == 0, "\(result.stderr)")
        return (result.status, Array(result.stdout.utf8), result.stdout)
    }

    @Test("cells a spreadsheet would run as formulas get a leading '; --raw-cells and JSON keep them")
    func formulasNeutralised() throws {
        let path = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let partners = try Self.export(["partners"], data: path).text
        #expect(partners.contains("formula,'@SUM(1+1),"))
        #expect(partners.contains(",'-2+3,"))
        #expect(partners.contains(#""'=HYPERLINK(""http://evil.example"";""click"")""#))
        #expect(partners.contains(#""'=cmd|' /C calc'!A0, plain""#))
        #expect(partners.contains("plain,Plain University,,-3,DE,'\tTabbed,"))
        // A carriage return would act on a terminal at the pipe's end: its placeholder.
        #expect(partners.contains(",'␍return,"))
        let contacts = try Self.export(["contacts"], data: path).text
        #expect(contacts.contains(",'+49 234 32-22222,"))

        let raw = try Self.export(["partners", "--raw-cells"], data: path).text
        #expect(raw.contains("formula,@SUM(1+1),"))
        #expect(raw.contains(#""=HYPERLINK(""http://evil.example"";""click"")""#))
        let json = try CLI.run(["export", "--format", "json", "partners"], data: path)
        let rows = try #require(try CLI.json(json.stdout) as? [[String: Any]])
        #expect(rows.first?["name"] as? String == "@SUM(1+1)")

        let refused = try CLI.run(["export", "--format", "json", "--excel"], data: path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--excel is for --format csv"))
    }

    @Test("--excel: a UTF-8 byte-order mark, ';' between cells, CRLF, cells with ';', quotes or line breaks quoted")
    func excelBytes() throws {
        let path = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let excel = try Self.export(["agreements", "--excel"], data: path).bytes
        #expect(Array(excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: excel.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("partnerId;partner;id;kind;start;end;signingDate;quota.incoming;quota.outgoing;subjectAreas;notes\r\n"))
        #expect(text.hasSuffix("\r\n"))
        #expect(text.contains("formula;'@SUM(1+1);formula-erasmus;erasmus;2021-06-01;2027-05-31;2021-05-20;3;5;0533, 0713;"
                              + "\"ETH Zürich; \"\"Physik\"\"\nzweite Zeile\"\r\n"))
        // Without --excel: RFC 4180 as before, no byte-order mark, ',' between cells.
        let plain = try Self.export(["agreements"], data: path).bytes
        #expect(plain.first == UInt8(ascii: "p"))
        #expect(String(decoding: plain, as: UTF8.self).contains("2021-05-20,3,5,\"0533, 0713\",\"ETH Zürich; "))
    }

    @Test("agreements have a column for every field of the agreement table, the quota's spelled out (the EWP IIA goes out with `ewp export`)")
    func everyAgreementField() throws {
        let header = try #require(try Self.export(["agreements"], data: CLI.sample).text.split(separator: "\r\n").first)
        let columns = header.split(separator: ",").map(String.init)
        for field in Schema.agreementFields where field.key != "iia" {
            if field.key == "quota" {
                for quota in Schema.quotaFields { #expect(columns.contains("\(field.key).\(quota.key)")) }
            } else {
                #expect(columns.contains(field.key), "no column for \(field.key)")
            }
        }
        #expect(columns.prefix(2) == ["partnerId", "partner"])
    }

    @Test("objectives export: one column per field of the objective table")
    func objectives() throws {
        let path = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let csv = try Self.export(["objectives"], data: path).text
        #expect(csv == "id,title,description,order\r\nobj,'+Growth; more,\"First line\nsecond\",1\r\n")
        let json = try CLI.run(["export", "--format", "json", "objectives"], data: path)
        let rows = try #require(try CLI.json(json.stdout) as? [[String: Any]])
        #expect(rows.first?["title"] as? String == "+Growth; more")
    }

    @Test("Python's csv module reads both dialects back cell for cell: quoting, ';', line breaks, the byte-order mark",
          .enabled(if: Tools.python, "needs python3 (.ci/run installs it)"))
    func pythonRoundTrip() throws {
        let path = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Reads the export from a file as Excel would be given it, and prints the cells as JSON.
        let script = """
        import csv, json, sys
        delimiter = sys.argv[2]
        with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
            print(json.dumps(list(csv.reader(f, delimiter=delimiter))))
        """
        for (arguments, delimiter) in [(["agreements", "--excel"], ";"), (["agreements"], ","), (["partners", "--excel"], ";")] {
            let csvPath = path + ".csv"
            defer { try? FileManager.default.removeItem(atPath: csvPath) }
            let out = FileManager.default.createFile(atPath: csvPath, contents: nil)
            #expect(out)
            let file = try #require(FileHandle(forWritingAtPath: csvPath))
            let run = try CLI.run(["export", "--format", "csv"] + arguments, data: path, output: file)
            try file.close()
            #expect(run.status == 0, "\(run.stderr)")
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", "-c", script, csvPath, delimiter]
            let pipe = Pipe()
            python.standardOutput = pipe
            try python.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            python.waitUntilExit()
            let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
            let header = try #require(rows.first)
            let first = Dictionary(uniqueKeysWithValues: zip(header, rows[1]))
            if arguments.first == "agreements" {
                #expect(first["notes"] == "ETH Zürich; \"Physik\"\nzweite Zeile")
                #expect(first["partner"] == "'@SUM(1+1)")
                #expect(first["subjectAreas"] == "0533, 0713")
                #expect(first["signingDate"] == "2021-05-20")
                #expect(rows.count == 2)
            } else {
                #expect(first["notes"] == "'=HYPERLINK(\"http://evil.example\";\"click\")")
                #expect(rows.count == 3)
                #expect(rows.allSatisfy { $0.count == header.count })
            }
        }
    }
}
