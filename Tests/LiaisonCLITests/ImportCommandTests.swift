import Foundation
import LiaisonCore
import Testing

/// `liaison import` on the real binary: a German sheet saved by Excel on Windows, the dry run,
/// --skip-invalid, --map, the round trip with export, unsafe cells, and saving beside others.
@Suite("liaison import", .serialized)
struct ImportCommandTests {
    /// What an office's sheet looks like: German headers, a DD.MM.YYYY date, "Schweiz", ETH
    /// Zürich typed without its umlaut, a new partner, a row with a country that is none, a
    /// column Liaison has no field for. Saved as Windows-1252 with ";", as Excel saves "CSV".
    static let germanSheet = """
    Hochschule;Land;Stadt;Partner seit;Typ;Interne Nr.\r
    ETH Zurich;Schweiz;Zürich;01.03.2001;;17\r
    Universität Basel;Schweiz;Basel;5.4.2010;Exchange;18\r
    Atlantis University;Atlantis;;;;19\r

    """

    static func write(_ text: String, windows1252: Bool = false, in directory: String, name: String = "sheet.csv") throws -> String {
        let path = directory + "/" + name
        let data = windows1252 ? text.data(using: .windowsCP1252)! : Data(text.utf8)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a German Windows-1252 sheet: the dry run says the encoding, the mapping, what changes and what is refused, and writes nothing")
    func dryRun() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write(Self.germanSheet, windows1252: true, in: directory)
        let before = FileManager.default.contents(atPath: path)
        let result = try CLI.run(["import", "partners", sheet, "--dry-run"], data: path)
        #expect(result.status == 1, "a refused row without --skip-invalid")
        #expect(result.stdout.contains("read as Windows-1252; cells separated by \";\""))
        #expect(result.stdout.contains("  Hochschule → name (Name)\n  Land → country (Country)\n  Stadt → city (City)\n  Partner seit → since (Since)\n  Typ → partnershipType (Type)\n  Interne Nr. → ignored"))
        #expect(result.stdout.contains("added:\n  row 3: partner Universität Basel (universitat-basel); not in the sheet, so set to: status planned\n"))
        #expect(result.stdout.contains("changed:\n  row 2: partner ETH Zürich (ethz)\n    Since: (none) → 2001-03-01\n"))
        #expect(result.stdout.contains("refused:\n  row 4, column \"Land\": \"Atlantis\" is not an ISO 3166-1 alpha-2 code\n"))
        #expect(result.stdout.hasSuffix("1 added, 1 changed, 0 unchanged, 1 refused\n"))
        #expect(result.stderr.contains("was not changed: 1 row refused (--skip-invalid imports the other rows)"))
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["network.json", "sheet.csv"])
    }

    @Test("--skip-invalid imports the valid rows as one save, with the audit trail; a second run changes nothing")
    func skipInvalid() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write(Self.germanSheet, windows1252: true, in: directory)
        let result = try CLI.run(["import", "partners", sheet, "--skip-invalid"], data: path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("imported 1 added, 1 changed, 0 unchanged, 1 refused into \(path)"))
        let network = try NetworkFile.load(path: path).network
        let basel = try #require(network.partners.first { $0.id == "universitat-basel" })
        #expect(basel.country == "CH" && basel.since == Day("2010-04-05") && basel.updatedBy?.isEmpty == false)
        #expect(network.partners.first { $0.id == "ethz" }?.name == "ETH Zürich")
        #expect(!network.partners.contains { $0.name == "Atlantis University" })
        let history = try CLI.run(["history", "--json"], data: path)
        let entries = try #require(try CLI.json(history.stdout) as? [[String: Any]])
        #expect(entries.map { "\($0["id"]!) \($0["change"]!) \($0["field"] ?? "")" }.sorted() == ["ethz changed since", "universitat-basel added <null>"])

        let saved = FileManager.default.contents(atPath: path)
        let again = try CLI.run(["import", "partners", sheet, "--skip-invalid"], data: path)
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 added, 0 changed, 2 unchanged, 1 refused"))
        #expect(again.stderr.contains("nothing to import"))
        #expect(FileManager.default.contents(atPath: path) == saved)
    }

    @Test("an added record's values the sheet did not give are shown, in the text and in --json")
    func defaultsShown() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write("Name;Land;Status\nUniversität Basel;CH;\nUniversity of Oslo;NO;active\n", in: directory)
        let text = try CLI.run(["import", "partners", sheet, "--dry-run"], data: path)
        #expect(text.stdout.contains("  row 2: partner Universität Basel (universitat-basel); not in the sheet, so set to: type exchange, status planned\n"), "\(text.stdout)")
        #expect(text.stdout.contains("  row 3: partner University of Oslo (university-of-oslo); not in the sheet, so set to: type exchange\n"))
        let json = try CLI.run(["import", "partners", sheet, "--dry-run", "--json"], data: path)
        let report = try #require(try CLI.json(json.stdout) as? [String: Any])
        let added = try #require(report["added"] as? [[String: Any]])
        let defaults = added.map { ($0["defaults"] as? [[String: String]] ?? []).map { "\($0["field"]!)=\($0["value"]!)" } }
        #expect(defaults == [["Type=exchange", "Status=planned"], ["Type=exchange"]])
    }

    @Test("the kind may be singular, as in add partner; the help lists the plurals")
    func singularKind() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write("Name;Land\nUniversity of Oslo;NO\n", in: directory)
        for kind in ["partner", "partners"] {
            let result = try CLI.run(["import", kind, sheet, "--dry-run"], data: path)
            #expect(result.status == 0, "\(kind): \(result.stderr)")
            #expect(result.stdout.contains("row 2: partner University of Oslo"))
        }
        let help = try CLI.run(["import", "--help"], data: path)
        #expect(help.stdout.contains("partners, agreements, contacts or events"))
        #expect(try CLI.run(["import", "partnr", sheet], data: path).status != 0)
    }

    @Test("--skip-invalid when every row is refused: exit 1, saying so, nothing written")
    func everyRowRefused() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write("Name;Land\nAtlantis University;Atlantis\nLemuria College;Lemuria\n", in: directory)
        let before = FileManager.default.contents(atPath: path)
        for extra in [[], ["--dry-run"]] {
            let result = try CLI.run(["import", "partners", sheet, "--skip-invalid"] + extra, data: path)
            #expect(result.status == 1)
            #expect(result.stderr.contains("was not changed: every row was refused (2 rows)"), "\(result.stderr)")
            #expect(!result.stderr.contains("nothing to import"))
        }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("--map names the fields of unusual headers and ignores columns; an unknown field lists the valid ones")
    func map() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write("Partneruni,Staatskürzel,Kommentar\nUniversity of Oslo,NO,intern\n", in: directory)
        let map = try Self.write(#"{"Partneruni": "name", "Staatskürzel": "country", "Kommentar": null}"#, in: directory, name: "map.json")
        let result = try CLI.run(["import", "partners", sheet, "--map", map], data: path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Partneruni → name (Name)\n  Staatskürzel → country (Country)\n"))
        #expect(result.stdout.contains("  Kommentar → ignored (by the map)\n"))
        #expect(try NetworkFile.load(path: path).network.partners.contains { $0.name == "University of Oslo" && $0.country == "NO" })

        let wrong = try Self.write(#"{"Partneruni": "title"}"#, in: directory, name: "wrong.json")
        let refused = try CLI.run(["import", "partners", sheet, "--map", wrong], data: path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the map gives \"Partneruni\" the field \"title\", which partners do not have; the fields are: id, name, localName"))
    }

    @Test("export then import, each kind, plain and --excel: 0 added, 0 changed, and the file's bytes unchanged",
          arguments: ["partners", "agreements", "contacts", "events"])
    func roundTrip(kind: String) throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = FileManager.default.contents(atPath: path)
        for excel in [false, true] {
            let export = try CLI.run(["export", "--format", "csv", kind] + (excel ? ["--excel"] : []), data: path)
            #expect(export.status == 0)
            let sheet = directory + "/\(kind).csv"
            try Data(export.stdout.utf8).write(to: URL(fileURLWithPath: sheet))
            let result = try CLI.run(["import", kind, sheet], data: path)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("0 added, 0 changed, "))
            #expect(!result.stdout.contains("ignored"))
            #expect(FileManager.default.contents(atPath: path) == before)
        }
    }

    @Test("the export of a network with formula-like cells imports as it was stored, but for a lone carriage return shown as ␍")
    func roundTripFormulas() throws {
        let path = try ExportTests.networkFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let before = FileManager.default.contents(atPath: path)
        let raw = try CLI.run(["export", "--format", "csv", "partners", "--raw-cells"], data: path)
        #expect(raw.stdout.contains("\rreturn"), "--raw-cells writes the cell as stored")
        let export = try CLI.run(["export", "--format", "csv", "partners", "--excel"], data: path)
        #expect(export.stdout.contains("'=HYPERLINK"))
        let sheet = path + ".csv"
        defer { try? FileManager.default.removeItem(atPath: sheet) }
        try Data(export.stdout.utf8).write(to: URL(fileURLWithPath: sheet))
        let result = try CLI.run(["import", "partners", sheet], data: path)
        #expect(result.status == 0, "\(result.stderr)")
        // A lone CR would move a terminal's cursor at the end of `export | grep`: the export
        // writes its placeholder, which comes back as text (--raw-cells keeps it exactly).
        // (The stored CR is shown by its placeholder too: both sides read ␍.)
        #expect(result.stdout.contains("changed:\n  row 3: partner Plain University (plain)\n    Notes: ␍return → '␍return\n"), "\(result.stdout)")
        #expect(result.stdout.contains("0 added, 1 changed, 1 unchanged, 0 refused"), "\(result.stdout)")
        #expect(FileManager.default.contents(atPath: path) != before)
    }

    @Test("agreements attach to their partner by Erasmus code")
    func agreementsByErasmusCode() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write("Erasmus-Code;Art;Laufzeit von;Laufzeit bis;Plätze Incoming\nPL KRAKOW01;erasmus;01.06.2021;31.08.2027;6\nPL KRAKOW01;erasmus;01.09.2027;31.08.2034;5\n", in: directory)
        let result = try CLI.run(["import", "agreements", sheet], data: path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("changed:\n  row 2: agreement uj-erasmus of Jagiellonian University (jagiellonian)\n    Quota incoming: 4 → 6\n"))
        #expect(result.stdout.contains("added:\n  row 3: agreement jagiellonian-erasmus (erasmus) of Jagiellonian University (jagiellonian)\n"))
        let uj = try #require(try NetworkFile.load(path: path).network.partners.first { $0.id == "jagiellonian" })
        #expect(uj.agreements.map(\.end) == [Day("2027-08-31"), Day("2034-08-31")])
    }

    @Test("control characters in the file's headers and cells reach the terminal as safe text")
    func unsafeCells() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write("Name,Country,\u{1B}]0;owned\u{07}Notiz\nEvil\u{1B}[2J University,DE,x\nGood University,DE\u{9B}31m,\n", in: directory)
        let result = try CLI.run(["import", "partners", sheet, "--dry-run"], data: path)
        #expect(result.status == 1)
        for control in ["\u{1B}", "\u{07}", "\u{9B}"] { #expect(!result.stdout.contains(control) && !result.stderr.contains(control)) }
        #expect(result.stdout.contains("refused:\n  row 2, column \"Name\": holds the control character U+001B"))
        #expect(result.stdout.contains("row 3, column \"Country\""))
    }

    @Test("files that are no table: a folder, a FIFO, a broken workbook, a missing file, are refused naming the file")
    func oddFiles() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/pipe.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let workbook = try Self.write("PK\u{03}\u{04}rest", in: directory, name: "book.xlsx")
        for (file, words) in [(directory, "is a folder"), (fifo, "is a pipe (FIFO)"), (workbook, "is not an XLSX workbook"), (directory + "/none.csv", "cannot be read")] {
            let result = try CLI.run(["import", "partners", file], data: path, timeout: 20)
            #expect(!result.hung && result.status == 2)
            #expect(result.stderr.contains("liaison: \(file) \(words)"), "\(result.stderr)")
        }
    }

    @Test("a save lock held by another session is waited for, and what that session saved meanwhile is merged, not lost",
          .enabled(if: Tools.onCI || Tools.onPath("flock") && Tools.python, "needs flock(1) and python3"))
    func lockAndMerge() throws {
        let (directory, path) = try CLI.copyOfSample("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try Self.write(Self.germanSheet, windows1252: true, in: directory)
        // Another session holds the lock, and saves a change to Tokyo before it lets go.
        let edit = "import json,sys; p=sys.argv[1]; n=json.load(open(p)); n['partners'][0]['city']='Bunkyō'; json.dump(n, open(p,'w'), ensure_ascii=False, indent=2)"
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [path + ".lock", "sh", "-c", "sleep 2; python3 -c \"$0\" \"$1\"", edit, path]
        try holder.run()
        Thread.sleep(forTimeInterval: 0.5)
        let result = try CLI.run(["import", "partners", sheet, "--skip-invalid"], environment: ["PATH": "/usr/bin:/bin"], data: path, timeout: 60)
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("merged with changes others saved meanwhile"))
        let network = try NetworkFile.load(path: path).network
        #expect(network.partners.first { $0.id == "utokyo" }?.city == "Bunkyō")
        #expect(network.partners.contains { $0.id == "universitat-basel" })
    }
}
