import Foundation
import Testing

@Suite("liaison CLI, run as a process")
struct CommandTests {
    @Test("find: diacritics, a table, exit 0; nothing found exits 1 with a message on stderr")
    func find() throws {
        let found = try CLI.run(["find", "krakow"])
        #expect(found.status == 0)
        #expect(found.stdout.contains("jagiellonian  Jagiellonian University"))
        #expect(found.stdout.hasPrefix("KIND"))

        let none = try CLI.run(["find", "atlantis"])
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr == "liaison: nothing matches \"atlantis\"\n")
    }

    @Test("find with filters and --json gives valid JSON and nothing else")
    func findJSON() throws {
        let result = try CLI.run(["find", "country:JP", "expires:<1y", "--json"])
        #expect(result.status == 0)
        let hits = try #require(try CLI.json(result.stdout) as? [[String: Any]])
        #expect(Set(hits.compactMap { $0["id"] as? String }) == ["utokyo", "tsukuba", "osaka"])
        #expect(hits.allSatisfy { $0["kind"] as? String == "partner" })
    }

    @Test("a malformed filter is a usage error naming it (exit 2)")
    func malformedFilter() throws {
        let result = try CLI.run(["find", "expires:soon"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("expires:soon: expected a time from today or a date"))
    }

    @Test("show resolves an id or a name and lists links by name")
    func show() throws {
        let byId = try CLI.run(["show", "japan-science-days-2018"])
        #expect(byId.status == 0)
        #expect(byId.stdout.hasPrefix("RUB Japan Science Days 2018  (event)"))
        #expect(byId.stdout.contains("The University of Tokyo"))
        #expect(byId.stdout.contains("Monika Sprung"))
        #expect(byId.stdout.contains("Effective integration of all RUB's researchers"))

        let byName = try CLI.run(["show", "University", "of", "Tokyo"])
        #expect(byName.status == 0)
        #expect(byName.stdout.contains("Local name"))
        #expect(byName.stdout.contains("東京大学"))
        #expect(byName.stdout.contains("utokyo-exchange"))
        #expect(byName.stdout.contains("RUB Japan Science Days 2018"), "events the partner took part in are linked back")

        let ambiguous = try CLI.run(["show", "university"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("give one of these ids"))

        let json = try CLI.run(["show", "utokyo", "--json"])
        let object = try #require(try CLI.json(json.stdout) as? [String: Any])
        #expect((object["record"] as? [String: Any])?["localName"] as? String == "東京大学")
        #expect(((object["links"] as? [String: Any])?["events"] as? [Any])?.isEmpty == false)
    }

    @Test("list partners aligns CJK names by display width and filters by country")
    func list() throws {
        let result = try CLI.run(["list", "partners", "--country", "JP", "--sort", "name"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        // Every row's COUNTRY column starts at the same display column, whatever script came before.
        let header = lines[0]
        let countryColumn = displayWidth(String(header[..<header.range(of: "COUNTRY")!.lowerBound]))
        for line in lines.dropFirst() {
            let prefix = String(line[..<line.range(of: " JP ")!.lowerBound]) + " "
            #expect(displayWidth(prefix) == countryColumn, "\(line)")
        }
        let bad = try CLI.run(["list", "partners", "--country", "Japan"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean JP?"))
    }

    @Test("list objectives, events and contacts; --json for each")
    func otherLists() throws {
        for kind in ["objectives", "events", "contacts"] {
            let result = try CLI.run(["list", kind, "--json"])
            #expect(result.status == 0)
            #expect((try CLI.json(result.stdout) as? [Any])?.isEmpty == false)
        }
        let objectives = try CLI.run(["list", "objectives"])
        #expect(objectives.stdout.contains("research-integration"))
    }

    @Test("stats and expiring with LIAISON_TODAY fixed")
    func reports() throws {
        let stats = try CLI.run(["stats", "--json"])
        let object = try #require(try CLI.json(stats.stdout) as? [String: Any])
        #expect(object["partners"] as? Int == 32)
        #expect((object["byRegion"] as? [String: Int])?["Asia"] != nil)

        let expiring = try CLI.run(["expiring", "--within", "60d", "--json"])
        let items = try #require(try CLI.json(expiring.stdout) as? [[String: Any]])
        #expect(items.map { $0["agreementId"] as? String } == ["ethz-resolv", "lodz-erasmus"])
        #expect(items.first?["daysLeft"] as? Int == 37)

        let none = try CLI.run(["expiring", "--within", "1d"])
        #expect(none.status == 1)
        let bad = try CLI.run(["expiring", "--within", "soon"])
        #expect(bad.status == 2)
    }

    @Test("without HOME the default file is in the account's home folder, never under the current directory")
    func noHomeVariable() throws {
        let home = try #require(getpwuid(getuid()).map { String(cString: $0.pointee.pw_dir) })
        for environment in [["HOME": "", "XDG_DATA_HOME": ""], ["HOME": "relative/home", "XDG_DATA_HOME": "relative/data"]] {
            // doctor names the file it would use without creating it.
            let result = try CLI.run(["doctor", "--json"], environment: environment, data: nil)
            let report = try #require(try CLI.json(result.stdout) as? [String: Any], "\(result.stderr)")
            #expect(report["file"] as? String == home + "/.local/share/liaison/network.json", "\(environment)")
        }
    }

    @Test("today is the local date of TZ: at one moment, 14 hours ahead of UTC and 12 behind are different days")
    func todayFollowsTheTimeZone() throws {
        func daysLeft(timeZone: String) throws -> [String: Int] {
            let result = try CLI.run(["expiring", "--within", "20y", "--json"], environment: ["LIAISON_TODAY": "", "TZ": timeZone])
            let items = try #require(try CLI.json(result.stdout) as? [[String: Any]])
            return Dictionary(items.compactMap { item in
                (item["agreementId"] as? String).flatMap { id in (item["daysLeft"] as? Int).map { (id, $0) } }
            }, uniquingKeysWith: { first, _ in first })
        }
        // POSIX TZ strings need no zoneinfo files: "UTC-14" is 14 hours east of Greenwich.
        let east = try daysLeft(timeZone: "UTC-14")
        let west = try daysLeft(timeZone: "UTC+12")
        // (An agreement ending today in one zone may be over in the other: only those in both count.)
        let both = Set(east.keys).intersection(west.keys)
        #expect(both.count > 5)
        // 26 hours apart: the east is one or two days further on, so each agreement has that many fewer days left.
        let differences = Set(both.map { west[$0]! - east[$0]! })
        #expect(differences.count == 1 && [1, 2].contains(differences.first ?? 0), "\(differences)")
    }

    @Test("validate reports errors with paths and exits 1; a missing file exits 2")
    func validate() throws {
        let directory = NSTemporaryDirectory() + "liaison-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bad = directory + "/bad.json"
        try #"{"schemaVersion": 1, "institution": {"name": "R", "country": "DE"}, "partners": [{"id": "p", "name": "X", "country": "Germany", "partnershipType": "exchange", "status": "active"}]}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", bad])
        #expect(result.status == 1)
        #expect(result.stdout.contains(#"error: partners[0].country: "Germany" is not an ISO 3166-1 alpha-2 code (did you mean DE?)"#))

        let json = try CLI.run(["validate", bad, "--json"])
        let object = try #require(try CLI.json(json.stdout) as? [String: Any])
        #expect(object["valid"] as? Bool == false)

        let missing = try CLI.run(["validate", directory + "/none.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.json: cannot be opened: No such file or directory"))

        let loadFails = try CLI.run(["find", "x"], data: bad)
        #expect(loadFails.status == 2)
        #expect(loadFails.stderr.contains("the file was not loaded and will not be written"))
    }

    @Test("format rewrites a hand-edited file canonically, keeps a .bak; --check only reports")
    func format() throws {
        let directory = NSTemporaryDirectory() + "liaison-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/net.json"
        let messy = #"{"institution": {"country": "DE", "name": "RUB"}, "schemaVersion": 1, "partners": [], "x-local": {"b": 1}}"#
        try messy.write(toFile: path, atomically: true, encoding: .utf8)

        let check = try CLI.run(["format", path, "--check"])
        #expect(check.status == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == messy)

        let format = try CLI.run(["format", path])
        #expect(format.status == 0)
        #expect(try String(contentsOfFile: path + ".bak", encoding: .utf8) == messy)
        let canonical = try String(contentsOfFile: path, encoding: .utf8)
        #expect(canonical.hasPrefix("{\n  \"schemaVersion\": 1,\n  \"institution\": {\n    \"name\": \"RUB\",\n    \"country\": \"DE\"\n  },"))
        #expect(canonical.contains("\"x-local\": {\n    \"b\": 1\n  }"))
        #expect(try CLI.run(["format", path, "--check"]).status == 0)
    }

    @Test("export CSV is RFC 4180 (CRLF, quoting) in UTF-8; JSON export parses")
    func export() throws {
        let csv = try CLI.run(["export", "--format", "csv", "partners"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("id,name,localName,shortName,country,city,"))
        #expect(csv.stdout.contains("\r\n"))
        #expect(csv.stdout.hasSuffix("\r\n"))
        #expect(csv.stdout.contains("utokyo,The University of Tokyo,東京大学,UTokyo,JP,Tokyo"))
        #expect(csv.stdout.contains(#""Tongji University, Chinese-German College for Postgraduate Studies""#))
        let agreements = try CLI.run(["export", "--format", "csv", "agreements"])
        #expect(agreements.stdout.hasPrefix("partnerId,partner,id,kind,start,end,signingDate,quota.incoming,quota.outgoing,subjectAreas,notes\r\n"))
        // Lists read as they do everywhere (RecordText), so a spreadsheet gives them back as set takes them.
        #expect(agreements.stdout.contains(#"utokyo,The University of Tokyo,utokyo-exchange,student-exchange,2022-04-01,2027-03-31,,4,4,"0533, 0713, 0411""#))
        let json = try CLI.run(["export", "--format", "json", "agreements"])
        let rows = try #require(try CLI.json(json.stdout) as? [[String: Any]])
        #expect(rows.first?["partnerId"] as? String == "utokyo")
    }

    @Test("usage errors exit 2; --help exits 0; no subcommand without a terminal is refused")
    func usage() throws {
        let unknown = try CLI.run(["frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Usage"))
        let help = try CLI.run(["find", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("expires:<180d"))
        // No subcommand opens the dashboard, which needs a terminal: without one, a clear
        // line pointing to the subcommands, exit 2, and no escape codes.
        let bare = try CLI.run([])
        #expect(bare.status == 2)
        #expect(bare.stdout.isEmpty)
        #expect(bare.stderr == "liaison: the dashboard needs a terminal on standard input and output; the subcommands (liaison --help) work without one\n")
        #expect(!bare.stderr.contains("\u{1B}"))
    }

    @Test("the default data file is created from the built-in sample on first use")
    func defaultDataFile() throws {
        let home = NSTemporaryDirectory() + "liaison-home-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try CLI.run(["find", "tokyo"], environment: ["XDG_DATA_HOME": home + "/data"], data: nil)
        #expect(result.status == 0)
        #expect(result.stderr.contains("created \(home)/data/liaison/network.json from the built-in RUB sample network"))
        #expect(FileManager.default.contents(atPath: home + "/data/liaison/network.json") == FileManager.default.contents(atPath: CLI.sample))
        let again = try CLI.run(["find", "tokyo"], environment: ["XDG_DATA_HOME": home + "/data"], data: nil)
        #expect(again.stderr.isEmpty)
    }

    private func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }
}
