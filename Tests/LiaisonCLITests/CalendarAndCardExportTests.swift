import Foundation
import LiaisonCore
import Testing

/// `liaison export --format ics` and `--format vcard` as calendars and address books read them:
/// parsed by Python's icalendar and vobject, the libraries many such programs are built on.
@Suite("Calendar and address book export")
struct CalendarAndCardExportTests {
    /// Text with commas, semicolons, quotes, line breaks, a backslash and non-ASCII in every
    /// field that is written, a name long enough to be folded, an agreement without an end.
    static let network = """
    {
      "schemaVersion": 1,
      "institution": { "name": "Ruhr-Universität Bochum", "shortName": "RUB", "country": "DE" },
      "partners": [
        {
          "id": "eth", "name": "ETH Zürich; \\"Physik\\", Departement", "country": "CH",
          "partnershipType": "research-led", "status": "active", "updatedAt": "2026-11-20T09:15:00Z",
          "contactIds": ["rub-desk"],
          "agreements": [
            { "id": "eth-erasmus", "kind": "erasmus", "start": "2021-06-01", "end": "2027-05-31",
              "signingDate": "2021-05-20", "quota": { "incoming": 3, "outgoing": 5 } }
          ]
        },
        {
          "id": "utokyo", "name": "東京大学, The University of Tokyo, whose name is long enough to be folded in two", "country": "JP",
          "partnershipType": "research-led", "status": "active",
          "agreements": [
            { "id": "utokyo-mou", "kind": "memorandum-of-understanding", "start": "2020-01-01", "end": "2028-12-31" },
            { "id": "utokyo-open", "kind": "other", "start": "2020-01-01" }
          ]
        }
      ],
      "events": [
        { "id": "days", "title": "Science Days, Zürich; 東京大学", "kind": "science-days", "start": "2027-07-05", "end": "2027-07-07",
          "location": "Hörsaal 1, Bochum", "description": "Line one\\nline two; with, punctuation \\\\ and a backslash",
          "partnerIds": ["eth", "utokyo"], "contactIds": ["eth-iro", "rub-desk"] },
        { "id": "visit", "title": "Visit", "start": "2027-03-01" }
      ],
      "contacts": [
        { "id": "eth-iro", "name": "Prof. Dr. Anna van der Berg", "role": "Head, International Office", "unit": "Rektorat; Mobility",
          "email": "anna@ethz.example", "phone": "+41 44 632 11 11", "partnerId": "eth", "notes": "Zürich office\\nsecond line" },
        { "id": "rub-desk", "name": "Kenji 東京", "role": "Japan desk", "unit": "International Office", "email": "desk@rub.example",
          "notes": "Handles 東京大学 and every other Japanese partner, from the first e-mail to the signed agreement" }
      ]
    }
    """

    static func networkFile() throws -> String {
        let path = NSTemporaryDirectory() + "liaison-cards-\(UUID().uuidString).json"
        try network.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The export written into a file, as a calendar is given it: its bytes and stderr.
    static func export(_ arguments: [String], data: String) throws -> (bytes: [UInt8], path: String, stderr: String) {
        let path = NSTemporaryDirectory() + "liaison-cards-out-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let file = try #require(FileHandle(forWritingAtPath: path))
        let result = try CLI.run(["export"] + arguments, data: data, output: file)
        try file.close()
        #expect(result.status == 0, "\(result.stderr)")
        return (Array(try Data(contentsOf: URL(fileURLWithPath: path))), path, result.stderr)
    }

    /// Runs a Python script on a file and returns what it prints as JSON.
    static func python(_ script: String, _ path: String) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 failed on \(path)")
        return try JSONSerialization.jsonObject(with: data)
    }


    /// Prints each VEVENT's properties (dates as ISO text, the alarm's trigger as written) as JSON.
    static let readCalendar = """
    import icalendar, json, sys
    calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
    def text(value):
        if hasattr(value, "dt"): return value.dt.isoformat()
        if hasattr(value, "cats"): return [str(c) for c in value.cats]
        return str(value)
    events = []
    for event in calendar.walk("VEVENT"):
        entry = {key: text(value) for key, value in event.items()}
        entry["alarms"] = [alarm["TRIGGER"].to_ical().decode() for alarm in event.walk("VALARM")]
        events.append(entry)
    print(json.dumps({"name": str(calendar.get("X-WR-CALNAME")), "method": str(calendar.get("METHOD")), "events": events}))
    """

    /// An ICS export written into a file and read by icalendar: the calendar's properties, its
    /// entries by UID, and what liaison said on stderr.
    static func calendar(_ arguments: [String], data: String) throws -> (properties: [String: Any], events: [String: [String: Any]], stderr: String) {
        let file = try export(["--format", "ics"] + arguments, data: data)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let calendar = try #require(try python(readCalendar, file.path) as? [String: Any])
        let events = try #require(calendar["events"] as? [[String: Any]])
        return (calendar, Dictionary(uniqueKeysWithValues: events.map { ($0["UID"] as? String ?? "", $0) }), file.stderr)
    }

    @Test("events: one entry each, all-day with an exclusive end, text with , ; \\ line breaks and non-ASCII intact",
          .enabled(if: Tools.icalendar, "needs python3 with icalendar (.ci/run installs it)"))
    func eventsParse() throws {
        let data = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (calendar, events, _) = try Self.calendar(["events"], data: data)
        #expect(calendar["method"] as? String == "PUBLISH")
        #expect(calendar["name"] as? String == "RUB: events")
        #expect(events.count == 2)
        let days = try #require(events["event-days@rub.liaison"])
        #expect(days["SUMMARY"] as? String == "Science Days, Zürich; 東京大学")
        #expect(days["LOCATION"] as? String == "Hörsaal 1, Bochum")
        #expect(days["DTSTART"] as? String == "2027-07-05")
        #expect(days["DTEND"] as? String == "2027-07-08")
        #expect(days["CATEGORIES"] as? [String] == ["science-days"])
        let description = try #require(days["DESCRIPTION"] as? String)
        #expect(description.hasPrefix("Line one\nline two; with, punctuation \\ and a backslash\n\n"))
        #expect(description.contains("Partners: ETH Zürich; \"Physik\", Departement, 東京大学, The University of Tokyo"))
        #expect(description.contains("Contacts:\nProf. Dr. Anna van der Berg, Head, International Office, anna@ethz.example\nKenji 東京, Japan desk, desk@rub.example"))
        let visit = try #require(events["event-visit@rub.liaison"])
        #expect(visit["DTEND"] as? String == "2027-03-02")
        #expect(visit["DTSTAMP"] != nil)
    }

    @Test("agreements: an entry on each end day with a 90-day alarm by default, --remind 6m and none, open-ended ones said",
          .enabled(if: Tools.icalendar, "needs python3 with icalendar (.ci/run installs it)"))
    func agreementEndsParse() throws {
        let data = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (_, events, stderr) = try Self.calendar(["agreements"], data: data)
        #expect(stderr.contains("left out 1 agreement without an end date"))
        #expect(events.count == 2)
        let erasmus = try #require(events["agreement-eth-erasmus-end@rub.liaison"])
        #expect(erasmus["DTSTART"] as? String == "2027-05-31")
        #expect(erasmus["DTEND"] as? String == "2027-06-01")
        #expect(erasmus["SUMMARY"] as? String == "Agreement with ETH Zürich; \"Physik\", Departement ends: erasmus")
        #expect(erasmus["alarms"] as? [String] == ["-P90D"])
        #expect(erasmus["LAST-MODIFIED"] as? String == "2026-11-20T09:15:00+00:00")
        let description = try #require(erasmus["DESCRIPTION"] as? String)
        for line in ["Partner: ETH Zürich; \"Physik\", Departement (Switzerland)", "Kind: erasmus", "Start: 2021-06-01", "End: 2027-05-31",
                     "Signed: 2021-05-20", "Quota: 3 incoming, 5 outgoing",
                     "\n\nContacts:\n", "\nProf. Dr. Anna van der Berg, Head, International Office, anna@ethz.example", "\nKenji 東京, Japan desk"] {
            #expect(description.contains(line), "\(description)")
        }
        let mou = try #require(events["agreement-utokyo-mou-end@rub.liaison"])
        #expect(mou["LAST-MODIFIED"] == nil)

        let sixMonths = try Self.calendar(["agreements", "--remind", "6m"], data: data).events
        let before = try #require(Day("2026-11-30")).days(until: try #require(Day("2027-05-31")))
        #expect(sixMonths["agreement-eth-erasmus-end@rub.liaison"]?["alarms"] as? [String] == ["-P\(before)D"])
        let none = try Self.calendar(["agreements", "--remind", "none"], data: data).events
        #expect(none.count == 2)
        #expect(none.values.allSatisfy { ($0["alarms"] as? [String])?.isEmpty == true })
    }

    @Test("UIDs are the same in a second export and after another record is edited")
    func stableUIDs() throws {
        let data = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: data) }
        func uids(_ arguments: [String]) throws -> [String] {
            let text = try CLI.run(["export"] + arguments, data: data).stdout
            return text.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        }
        let exports = [["--format", "ics", "events"], ["--format", "ics", "agreements"], ["--format", "vcard", "contacts"]]
        let first = try exports.map(uids)
        #expect(first.map(\.count) == [2, 2, 2])
        #expect(try exports.map(uids) == first)
        let edit = try CLI.run(["set", "utokyo", "city=Kyoto"], data: data)
        #expect(edit.status == 0, "\(edit.stderr)")
        let edited = try CLI.run(["set", "days", "title=Science Days 2027"], data: data)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try exports.map(uids) == first)
        #expect(first[2].contains("UID:liaison://rub/contact/eth-iro"))
    }

    @Test("every line is folded to 75 octets at most, ends with CRLF and is whole UTF-8")
    func folding() throws {
        let data = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: data) }
        for arguments in [["--format", "ics", "events"], ["--format", "ics", "agreements"], ["--format", "vcard", "contacts"]] {
            let file = try Self.export(arguments, data: data)
            defer { try? FileManager.default.removeItem(atPath: file.path) }
            #expect(file.bytes.suffix(2) == [0x0D, 0x0A])
            var lines: [ArraySlice<UInt8>] = []
            var start = file.bytes.startIndex
            for index in file.bytes.indices where file.bytes[index] == 0x0A {
                #expect(index > 0 && file.bytes[index - 1] == 0x0D, "a line feed without CR in \(arguments)")
                lines.append(file.bytes[start..<(index - 1)])
                start = index + 1
            }
            #expect(lines.allSatisfy { $0.count <= 75 })
            #expect(lines.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
            #expect(lines.contains { $0.first == 0x20 }, "the long texts are folded in \(arguments)")
        }
    }

    @Test("vCard 4.0: name, N, organisation with unit (the partner, or the institution), role, e-mail, phone, notes, UID, REV",
          .enabled(if: Tools.vobject, "needs python3 with vobject (.ci/run installs it)"))
    func vcardsParse() throws {
        let data = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let file = try Self.export(["--format", "vcard", "contacts"], data: data)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let script = """
        import json, sys, vobject
        cards = []
        for card in vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()):
            c = card.contents
            value = lambda key: c[key][0].value if key in c else None
            n = value("n")
            cards.append({"version": value("version"), "uid": value("uid"), "fn": value("fn"), "org": value("org"),
                          "n": [n.family, n.given, n.prefix] if n else None, "title": value("title"), "role": value("role"),
                          "email": value("email"), "tel": value("tel"), "note": value("note"), "rev": value("rev")})
        print(json.dumps(cards))
        """
        let cards = try #require(try Self.python(script, file.path) as? [[String: Any]])
        #expect(cards.count == 2)
        let anna = try #require(cards.first)
        #expect(anna["version"] as? String == "4.0")
        #expect(anna["uid"] as? String == "liaison://rub/contact/eth-iro")
        #expect(anna["fn"] as? String == "Prof. Dr. Anna van der Berg")
        #expect(anna["n"] as? [String] == ["van der Berg", "Anna", "Prof. Dr."])
        #expect(anna["org"] as? [String] == ["ETH Zürich; \"Physik\", Departement", "Rektorat; Mobility"])
        #expect(anna["title"] as? String == "Head, International Office")
        #expect(anna["role"] as? String == "Head, International Office")
        #expect(anna["email"] as? String == "anna@ethz.example")
        #expect(anna["tel"] as? String == "+41 44 632 11 11")
        #expect(anna["note"] as? String == "Zürich office\nsecond line")
        #expect(anna["rev"] as? String == "20261120T091500Z")
        let desk = try #require(cards.last)
        #expect(desk["fn"] as? String == "Kenji 東京")
        #expect(desk["org"] as? [String] == ["Ruhr-Universität Bochum", "International Office"])
        #expect(desk["rev"] is NSNull)
    }

    @Test("other tables and options are refused, saying what each format takes")
    func refusals() throws {
        let data = try Self.networkFile()
        defer { try? FileManager.default.removeItem(atPath: data) }
        for (arguments, message) in [
            (["--format", "ics", "partners"], "--format ics exports events or agreements (their end dates), not partners"),
            (["--format", "ics"], "--format ics exports events or agreements (their end dates), not partners"),
            (["--format", "vcard", "events"], "--format vcard exports contacts, not events"),
            (["--format", "ics", "events", "--remind", "30d"], "--remind is for --format ics agreements"),
            (["--format", "ics", "agreements", "--remind", "soon"], "--remind soon: expected a number of days, weeks, months or years"),
        ] {
            let result = try CLI.run(["export"] + arguments, data: data)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("control characters in the data neither break the file nor reach a terminal",
          .enabled(if: Tools.icalendar && Tools.vobject, "needs python3 with icalendar and vobject (.ci/run installs them)"))
    func hostileText() throws {
        let network = try HostileNetwork()
        defer { network.remove() }
        for arguments in [["--format", "ics", "events"], ["--format", "ics", "agreements"], ["--format", "vcard", "contacts"]] {
            // Into a file: only the format's own CRLF and the tab text may hold; every entry parses.
            let file = try Self.export(arguments, data: network.path)
            defer { try? FileManager.default.removeItem(atPath: file.path) }
            let text = String(decoding: file.bytes, as: UTF8.self)
            let controls = text.unicodeScalars.filter { ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) && !["\r", "\n", "\t"].contains($0) }
            #expect(controls.isEmpty, "\(arguments): \(controls.map(\.value))")
            let script = arguments[1] == "ics"
                ? "import icalendar, json, sys\nc = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\nprint(json.dumps([str(e['SUMMARY']) for e in c.walk('VEVENT')]))"
                : "import vobject, json, sys\nprint(json.dumps([c.fn.value for c in vobject.readComponents(open(sys.argv[1], encoding='utf-8').read())]))"
            let names = try #require(try Self.python(script, file.path) as? [String])
            #expect(names.count == 1, "\(arguments): \(names)")
            #expect(names.allSatisfy { $0.contains("PWNED") && $0.contains("evil") && !$0.contains("\u{1B}") })

            // As a forced command over SSH, whose stdout is the client's terminal: sanitised.
            let sent = (["export"] + arguments).joined(separator: " ")
            let shown = try CLI.run(["--data", network.path, "--ssh-lookups"], environment: ["SSH_ORIGINAL_COMMAND": sent], data: nil)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(HostileNetwork.unsafeScalars(in: shown.stdout + shown.stderr).isEmpty, "\(shown.stdout)")
            #expect(shown.stdout.contains("BEGIN:"))
        }
    }
}
