import Foundation
import LiaisonCore
import Testing

/// A network file whose every kind of text (names, local names, cities, tags, notes, e-mail
/// addresses, event titles, agreement notes, an unknown key, a link) holds what a terminal acts
/// on, kept in a folder whose name holds an escape sequence too.
struct HostileNetwork {
    /// OSC 0 (window title), CSI 2J (clear screen), SGR, CR, C1 CSI (0x9B), DEL, bidi override,
    /// isolates and marks, line and paragraph separators, NUL, BS, VT, FF, NEL, TAB, LF.
    static let text = "\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{1B}[31mred\r\u{9B}2J\u{7F}\u{202E}evil\u{2066}x\u{2069}\u{200F}\u{2028}\u{2029}\u{200E}\u{61C}\u{0}\u{8}\u{B}\u{C}\u{85}\tend\nnext"
    /// `text` for a command line, which cannot hold NUL.
    static let argument = text.replacingOccurrences(of: "\u{0}", with: "")
    /// How the start of `text` looks once sanitised: what the human output must show.
    static let shown = "␛]0;PWNED␇␛[2J␛[31mred␍�2J␡�evil"

    let directory: String
    var path: String { directory + "/network.json" }
    /// The same network with one error: a country that is no ISO code.
    var badPath: String { directory + "/bad.json" }
    var configHome: String { directory + "/config" }

    init() throws {
        directory = NSTemporaryDirectory() + "liaison-hostile-\u{1B}]0;DIR\u{07}-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: configHome + "/liaison/themes", withIntermediateDirectories: true)
        try Self.write(Self.network(), to: path)
        var bad = Self.network()
        var partners = bad["partners"] as! [[String: Any]]
        partners[1]["country"] = "X" + Self.text
        bad["partners"] = partners
        try Self.write(bad, to: badPath)
        // Saved changes whose values, label and account hold the text, as a hand-edited trail could.
        let change = AuditEntry(time: "2026-11-20T10:00:00+00:00", account: "ana" + Self.text, recordKind: .partner, recordId: "evil",
                                change: .changed, field: "notes", label: "Label " + Self.text, old: .string("Notes " + Self.text), new: .string("New " + Self.text))
        try Data(AuditTrail.lines(of: [change], after: nil)).write(to: URL(fileURLWithPath: path + ".history.jsonl"))
        // A theme named with the text, and one whose mistake quotes a key holding it.
        try Self.write(["name": "theme " + Self.text, "styles": [:] as [String: Any]], to: configHome + "/liaison/themes/hostile.json")
        try Self.write(["name": "broken", "styles": ["role " + Self.text: ["fg": "red"]]], to: configHome + "/liaison/themes/broken.json")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func write(_ object: [String: Any], to path: String) throws {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
    }

    private static func network() -> [String: Any] {
        let text = Self.text
        return [
            "schemaVersion": 1,
            "institution": ["name": "Institute " + text, "country": "DE"],
            "partners": [
                ["id": "evil", "name": "Evil University " + text, "localName": "Lokal " + text, "country": "JP",
                 "city": "City " + text, "partnershipType": "exchange", "status": "active",
                 "tags": ["tag " + text, "plain"], "notes": "Notes " + text,
                 "agreements": [["id": "evil-exchange", "kind": "erasmus", "start": "2020-01-01", "end": "2027-01-31", "notes": "Agreement " + text]],
                 // A link to no record: a warning that quotes it, on every load.
                 "contactIds": ["evil-contact", "ghost " + text],
                 "x-note " + text: "extra " + text],
                // An unknown type is a warning, and `stats` counts partners by it.
                ["id": "good", "name": "Good University", "country": "DE", "partnershipType": "type " + text, "status": "active"],
            ],
            "objectives": [["id": "evil-objective", "title": "Objective " + text, "description": "Why " + text, "order": 1]],
            "events": [["id": "evil-event", "title": "Event " + text, "start": "2026-01-01", "location": "Hall " + text,
                        "partnerIds": ["evil"], "contactIds": ["evil-contact"], "objectiveIds": ["evil-objective"]]],
            "contacts": [["id": "evil-contact", "name": "Contact " + text, "role": "Role " + text,
                          "email": "desk" + text + "@example.org", "partnerId": "evil"]],
        ]
    }

    /// The scalars of output that a terminal would act on, other than those allowed.
    static func unsafeScalars(in text: String, allowing allowed: Set<Unicode.Scalar> = ["\n"]) -> [String] {
        text.unicodeScalars.filter { scalar in
            let value = scalar.value
            let unsafe = value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value) || [0x200E, 0x200F, 0x061C, 0x2028, 0x2029].contains(value)
            return unsafe && !allowed.contains(scalar)
        }.map { "U+" + String($0.value, radix: 16) }
    }

    /// The JSON writer's encoding of a string: how byte-exact JSON output holds it.
    static func written(_ string: String) -> String {
        var writer = JSONWriter()
        writer.string(string)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

@Suite("Every command on a network full of control characters, piped")
struct HostileOutputTests {
    /// What a command's stdout is.
    enum Output {
        /// For people: nothing a terminal acts on but line feeds, and the data shown sanitised.
        case text(shows: String)
        /// `--json`: parses, and holds the data exactly, every unsafe character escaped.
        case json
        /// Data in a machine format into a pipe: byte-exact, as the writer wrote it.
        case exact(holds: String)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var output: Output
        /// Runs on the file with an error instead.
        var bad = false
        var testDescription: String {
            "liaison " + arguments.map { $0.contains("\u{1B}") ? "<hostile>" : $0 }.joined(separator: " ") + (bad ? " (a file with an error)" : "")
        }
    }

    static let hostile = HostileNetwork.text
    static let argument = HostileNetwork.argument
    static let shown = HostileNetwork.shown

    static let cases: [Case] = [
        Case(arguments: ["find", "red"], status: 0, output: .text(shows: "Evil University " + shown)),
        Case(arguments: ["find", "zzz" + argument], status: 1, output: .text(shows: "nothing matches \"zzz" + shown)),
        Case(arguments: ["find", "expires:" + argument], status: 2, output: .text(shows: "expires:␛]0;PWNED␇␛[2J")),
        Case(arguments: ["show", "evil"], status: 0, output: .text(shows: "Evil University " + shown)),
        Case(arguments: ["show", "evil-contact"], status: 0, output: .text(shows: "desk" + shown)),
        Case(arguments: ["show", "evil-event"], status: 0, output: .text(shows: "Hall " + shown)),
        Case(arguments: ["show", "evil-objective"], status: 0, output: .text(shows: "Why " + shown)),
        Case(arguments: ["show", "red"], status: 1, output: .text(shows: "evil  Evil University " + shown)),
        Case(arguments: ["show", "zzz" + argument], status: 1, output: .text(shows: "\"zzz" + shown)),
        Case(arguments: ["list", "partners"], status: 0, output: .text(shows: "City " + shown)),
        Case(arguments: ["list", "events"], status: 0, output: .text(shows: "Event " + shown)),
        Case(arguments: ["list", "objectives"], status: 0, output: .text(shows: "Objective " + shown)),
        Case(arguments: ["list", "contacts"], status: 0, output: .text(shows: "desk" + shown)),
        Case(arguments: ["list", "partners", "--country", argument], status: 2, output: .text(shows: "--country " + shown)),
        Case(arguments: ["stats"], status: 0, output: .text(shows: "Institute " + shown)),
        Case(arguments: ["expiring", "--within", "1y"], status: 0, output: .text(shows: "Evil University " + shown)),
        Case(arguments: ["expiring", "--within", argument], status: 2, output: .text(shows: "--within " + shown)),
        Case(arguments: ["validate"], status: 0, output: .text(shows: "ghost " + shown)),
        Case(arguments: ["validate"], status: 1, output: .text(shows: "\"X" + shown), bad: true),
        Case(arguments: ["find", "red"], status: 2, output: .text(shows: "\"X" + shown), bad: true),
        Case(arguments: ["format", "--check"], status: 1, output: .text(shows: "liaison-hostile-␛]0;DIR␇")),
        Case(arguments: ["themes"], status: 0, output: .text(shows: "theme " + shown)),
        Case(arguments: ["themes", "--theme", argument], status: 0, output: .text(shows: shown)),
        Case(arguments: ["set", "evil", "country=" + argument, "--dry-run"], status: 1, output: .text(shows: shown)),
        Case(arguments: ["set", "nothing", "city=x", "--dry-run"], status: 1, output: .text(shows: "\"nothing\"")),
        Case(arguments: ["add", "partner", "--name", "New", "--country", argument, "--dry-run"], status: 1, output: .text(shows: shown)),
        Case(arguments: ["history"], status: 0, output: .text(shows: "Label " + shown)),
        Case(arguments: ["history", "evil"], status: 0, output: .text(shows: "Notes " + shown)),
        Case(arguments: ["history", "--json"], status: 0, output: .json),
        Case(arguments: ["find", "red", "--json"], status: 0, output: .json),
        Case(arguments: ["show", "evil", "--json"], status: 0, output: .json),
        Case(arguments: ["show", "evil-event", "--json"], status: 0, output: .json),
        Case(arguments: ["list", "partners", "--json"], status: 0, output: .json),
        Case(arguments: ["list", "contacts", "--json"], status: 0, output: .json),
        Case(arguments: ["stats", "--json"], status: 0, output: .json),
        Case(arguments: ["expiring", "--within", "1y", "--json"], status: 0, output: .json),
        Case(arguments: ["validate", "--json"], status: 0, output: .json),
        Case(arguments: ["validate", "--json"], status: 1, output: .json, bad: true),
        // CSV into a pipe (whose far end is often a terminal: `| grep`): each control as its
        // placeholder, a line break in a cell kept; --raw-cells gives the cells as stored.
        Case(arguments: ["export", "--format", "csv", "partners"], status: 0, output: .text(shows: "Evil University " + shown)),
        Case(arguments: ["export", "--format", "csv", "events"], status: 0, output: .text(shows: "Event " + shown)),
        Case(arguments: ["export", "--format", "csv", "partners", "--raw-cells"], status: 0, output: .exact(holds: "\"Evil University " + hostile + "\"")),
        Case(arguments: ["export", "--format", "csv", "agreements", "--raw-cells"], status: 0, output: .exact(holds: "\"Agreement " + hostile + "\"")),
        Case(arguments: ["export", "--format", "csv", "events", "--raw-cells"], status: 0, output: .exact(holds: "\"Event " + hostile + "\"")),
        Case(arguments: ["export", "--format", "csv", "objectives", "--excel", "--raw-cells"], status: 0, output: .exact(holds: "\"Objective " + hostile + "\"")),
        Case(arguments: ["export", "--format", "csv", "contacts", "--raw-cells"], status: 0, output: .exact(holds: "\"desk" + hostile + "@example.org\"")),
        Case(arguments: ["export", "--format", "json", "partners"], status: 0, output: .json),
        Case(arguments: ["export", "--format", "json", "agreements"], status: 0, output: .json),
        Case(arguments: ["export", "--format", "json", "contacts"], status: 0, output: .json),
        Case(arguments: ["set", "evil", "notes=" + argument, "--dry-run"], status: 0, output: .json),
        // Typed in, control characters in a one-line name are refused, as a form refuses them.
        Case(arguments: ["add", "partner", "--name", "New " + argument, "--country", "JP", "--dry-run"], status: 1,
             output: .text(shows: "name: holds the control character U+001B")),
    ]

    @Test("no control or bidi character reaches the terminal; JSON holds the data escaped; exports are byte-exact", arguments: cases)
    func command(_ test: Case) throws {
        let network = try HostileNetwork()
        defer { network.remove() }
        let result = try CLI.run(test.arguments, environment: ["XDG_CONFIG_HOME": network.configHome],
                                 data: test.bad ? network.badPath : network.path)
        #expect(result.status == test.status, "stderr: \(result.stderr)")
        // Messages are for people, whatever the command writes on stdout.
        #expect(HostileNetwork.unsafeScalars(in: result.stderr).isEmpty, "stderr: \(result.stderr)")
        switch test.output {
        case .text(let shows):
            // A CSV export keeps a cell's tabs, and ends its records with CRLF, which moves a
            // terminal's cursor home and down; every other command prints plain lines.
            let isCSV = test.arguments.first == "export"
            let lines = isCSV ? result.stdout.replacingOccurrences(of: "\r\n", with: "\n") : result.stdout
            #expect(HostileNetwork.unsafeScalars(in: lines, allowing: isCSV ? ["\n", "\t"] : ["\n"]).isEmpty, "stdout: \(result.stdout)")
            #expect((result.stdout + result.stderr).contains(shows), "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        case .json:
            #expect(HostileNetwork.unsafeScalars(in: result.stdout).isEmpty, "stdout: \(result.stdout)")
            // The original characters, escaped: C0 as JSON escapes them, the rest as \u.
            for escaped in [#"\u001b]0;PWNED\u0007\u001b[2J"#, #"\r\u009b2J\u007f\u202eevil\u2066x\u2069\u200f\u2028\u2029\u200e\u061c\u0000\b\u000b\f\u0085\tend\nnext"#] {
                #expect(result.stdout.contains(escaped), "stdout: \(result.stdout)")
            }
            let parsed = try JSONReader.parse(Array(result.stdout.utf8))
            #expect(Self.strings(in: parsed).contains { $0.contains(Self.hostile) }, "the data comes back exactly")
        case .exact(let holds):
            #expect(result.stdout.contains(holds), "stdout: \(result.stdout)")
        }
    }

    /// The lookups a forced command runs (SSHLookup.allowed), with a data file of their own.
    static let lookups: Set<String> = ["find", "show", "list", "expiring", "stats", "export", "validate", "history"]

    @Test("over SSH every lookup's output is for the client's terminal: exports sanitised, JSON escaped",
          arguments: cases.filter { lookups.contains($0.arguments[0]) })
    func overSSH(_ test: Case) throws {
        let network = try HostileNetwork()
        defer { network.remove() }
        // As sshd runs a forced command: the words the client sent in SSH_ORIGINAL_COMMAND,
        // stdout a pipe whose other end is the client's terminal.
        let sent = test.arguments.map { "'" + $0 + "'" }.joined(separator: " ")
        let result = try CLI.run(["--data", test.bad ? network.badPath : network.path, "--ssh-lookups"],
                                 environment: ["SSH_ORIGINAL_COMMAND": sent], data: nil)
        #expect(result.status == test.status, "stderr: \(result.stderr)")
        #expect(HostileNetwork.unsafeScalars(in: result.stdout + result.stderr).isEmpty, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        switch test.output {
        case .text(let shows): #expect((result.stdout + result.stderr).contains(shows), "stdout: \(result.stdout)")
        case .json: _ = try JSONReader.parse(Array(result.stdout.utf8))
        case .exact: #expect(result.stdout.contains(Self.shown), "stdout: \(result.stdout)")
        }
    }

    @Test("a command sent over plain SSH without a terminal is sanitised; into a file on the server it is byte-exact",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid"), "setsid (util-linux) runs the program without a controlling terminal"))
    func overPlainSSH() throws {
        let network = try HostileNetwork()
        defer { network.remove() }
        // `ssh office liaison export --format csv`: sshd sets SSH_CONNECTION and gives the
        // command no controlling terminal (setsid takes the test's away).
        let ssh = ["SSH_CONNECTION": "192.0.2.1 50000 192.0.2.2 22"]
        let arguments = [CLI.binary, "export", "--format", "csv", "partners", "--raw-cells"]
        let piped = try CLI.run(arguments, environment: ssh, data: network.path, program: "/usr/bin/setsid")
        #expect(piped.status == 0)
        #expect(HostileNetwork.unsafeScalars(in: piped.stdout).isEmpty, "stdout: \(piped.stdout)")
        #expect(piped.stdout.contains("Evil University " + Self.shown))
        // `ssh office 'liaison export --format csv > partners.csv'`: a file the user chose.
        let path = network.directory + "/partners.csv"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let file = try #require(FileHandle(forWritingAtPath: path))
        let redirected = try CLI.run(arguments, environment: ssh, data: network.path, program: "/usr/bin/setsid", output: file)
        try file.close()
        #expect(redirected.status == 0)
        let written = String(decoding: try FileContents.read(path), as: UTF8.self)
        #expect(written.contains("\"Evil University " + Self.hostile + "\""))
        // Outside SSH the pipe is the user's: with --raw-cells, byte-exact.
        let local = try CLI.run(arguments, data: network.path, program: "/usr/bin/setsid")
        #expect(local.stdout.contains("\"Evil University " + Self.hostile + "\""))
    }

    @Test("a record is the same JSON text in show --json, list --json, export --format json and set --dry-run")
    func oneJSONForm() throws {
        let network = try HostileNetwork()
        defer { network.remove() }
        func run(_ arguments: [String]) throws -> String {
            let result = try CLI.run(arguments, data: network.path)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        // The record's text as `set --dry-run` prints it (a value it already has: the record
        // as stored), indented as an element of an array (export, list) and as the value of
        // "record" (show) are.
        let record = try run(["set", "evil", "country=JP", "--dry-run"])
        #expect(!record.contains("\u{9B}") && record.contains(#"\u009b"#), "\(record)")
        let nested = record.trimmingCharacters(in: .newlines).replacingOccurrences(of: "\n", with: "\n  ")
        for arguments in [["export", "--format", "json", "partners"], ["list", "partners", "--json"]] {
            #expect(try run(arguments).contains("  " + nested), "\(arguments)")
        }
        #expect(try run(["show", "evil", "--json"]).contains("\"record\": " + nested))
    }

    @Test("JSON exports parse to exactly the file's strings")
    func exportParses() throws {
        let network = try HostileNetwork()
        defer { network.remove() }
        let result = try CLI.run(["export", "--format", "json", "partners"], data: network.path)
        let partners = try #require(try JSONReader.parse(Array(result.stdout.utf8)).array, "not an array: \(result.stdout)")
        let filePartners = try #require(try JSONReader.parse(FileContents.read(network.path)).object?["partners"]?.array)
        // Every string of the file, keys included, comes back; and no value that is not in it.
        #expect(Set(filePartners.flatMap { Self.strings(in: $0) }).isSubset(of: partners.flatMap { Self.strings(in: $0) }))
        #expect(Set(partners.flatMap { Self.strings(in: $0, keys: false) }) == Set(filePartners.flatMap { Self.strings(in: $0, keys: false) }))
    }

    /// Every string in a JSON value, with or without the keys of its objects.
    static func strings(in value: JSONValue, keys: Bool = true) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let elements): elements.flatMap { strings(in: $0, keys: keys) }
        case .object(let object): object.members.flatMap { (keys ? [$0.key] : []) + strings(in: $0.value, keys: keys) }
        case .null, .bool, .number: []
        }
    }
}
