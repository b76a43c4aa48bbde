import Foundation
import LiaisonCore
import LiaisonGenerator
import Testing
import TerminalUI

/// The lookups as a user sees them on a terminal of 80 and of 160 columns, compared with the
/// text in `Golden/` (`LIAISON_RECORD=1 swift test --filter NarrowTerminalTests` writes it anew).
@Suite("The CLI on terminals of 80 and 160 columns",
       .enabled(if: PseudoTerminal.python != nil, "python3 is needed to run the program on a pseudo-terminal"))
struct NarrowTerminalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var width: Int
        var height: Int
        var testDescription: String { "liaison \(arguments.joined(separator: " ")) at \(width)x\(height)" }
        var goldenName: String { arguments.joined(separator: "-") + "-\(width).txt" }
    }

    static let cases: [Case] = [["find", "japan"], ["expiring"], ["show", "osaka"], ["list", "partners"], ["list", "events"],
                                ["list", "objectives"], ["list", "contacts"], ["stats"]]
        .flatMap { [Case(arguments: $0, width: 80, height: 24), Case(arguments: $0, width: 160, height: 50)] }

    /// On a terminal, with paging off (PAGER=cat): the text the terminal gets.
    static func onTerminal(_ arguments: [String], width: Int, height: Int, data: String = CLI.sample) throws -> String {
        let result = try PseudoTerminal.run(arguments, environment: ["LIAISON_DATA": data, "PAGER": "cat", "TERM": "xterm-256color"],
                                            width: width, height: height)
        #expect(result.status == 0)
        return String(decoding: result.output, as: UTF8.self)
    }

    @Test(arguments: cases)
    func golden(_ test: Case) throws {
        let shown = try Self.onTerminal(test.arguments, width: test.width, height: test.height)
        let path = CLI.repositoryRoot + "/Tests/LiaisonCLITests/Golden/" + test.goldenName
        if ProcessInfo.processInfo.environment["LIAISON_RECORD"] != nil {
            try shown.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(shown == golden, "\(test.testDescription):\n\(shown)")
        for line in shown.split(separator: "\n") {
            #expect(TextWidth.of(line) <= test.width, "wider than \(test.width): \(line)")
        }
    }

    @Test("At 80 columns ids stay whole, the names of Łódź, Tsukuba and Deusto are told apart, an agreement's end date shows")
    func nothingThatMattersIsCut() throws {
        let expiring = try Self.onTerminal(["expiring"], width: 80, height: 24)
        for name in ["University of Łódź", "University of Tsukuba", "University of Deusto", "tsukuba-exchange"] {
            #expect(expiring.contains(name), "\(name)\n\(expiring)")
        }
        let found = try Self.onTerminal(["find", "japan"], width: 80, height: 24)
        #expect(found.contains("japan-science-days-2018"))
        #expect(found.contains("(80 columns leave out DETAIL; piped output has them)"))
        let shown = try Self.onTerminal(["show", "osaka"], width: 80, height: 24)
        #expect(shown.contains("2010-01-01 – 2030-12-31"))
        #expect(shown.contains("Notes: Dates, quota and subject areas illustrative."))
    }

    @Test("A long id is never cut; long names that share their start are cut in the middle, keeping their ends")
    func longNamesAndIds() throws {
        let copy = try CLI.copyOfSample("narrow")
        defer { try? FileManager.default.removeItem(atPath: copy.directory) }
        let longId = "an-identifier-far-too-long-for-its-column-in-any-table"
        for (id, name) in [(longId, "University of Applied Sciences and Arts Northwestern Switzerland, Olten"),
                           ("fhnw-basel", "University of Applied Sciences and Arts Northwestern Switzerland, Basel")] {
            let added = try CLI.run(["add", "partner", "--name", name, "--country", "CH", "--id", id, "--allow-duplicate"], data: copy.path)
            #expect(added.status == 0, "\(added.stderr)")
        }
        let found = try Self.onTerminal(["find", "northwestern"], width: 80, height: 24, data: copy.path)
        #expect(found.contains(longId), "\(found)")
        let names = found.split(separator: "\n").filter { $0.hasPrefix("partner") }
        #expect(names.count == 2)
        #expect(names.contains { $0.contains("… Olten") } && names.contains { $0.contains("… Basel") }, "\(found)")
        // Piped, nothing is cut or left out.
        let piped = try CLI.run(["find", "northwestern"], data: copy.path)
        #expect(piped.stdout.contains("University of Applied Sciences and Arts Northwestern Switzerland, Olten"))
        #expect(piped.stdout.contains("DETAIL"))
    }

    @Test("set --help lists every field the record tables let set take, for every kind")
    func setHelpListsFields() throws {
        // Wide, so that each kind's list is one line.
        let help = try CLI.run(["set", "--help"], environment: ["COLUMNS": "1000"])
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n")
        for kind in RecordKind.allCases {
            let heading = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst() + " fields: "
            guard let line = lines.first(where: { $0.hasPrefix(heading) }) else {
                Issue.record("no line for \(kind.rawValue) in\n\(help.stdout)")
                continue
            }
            let listed = Set(line.dropFirst(heading.count).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(listed == Set(FieldAssignment.settableFields(of: kind)), "\(line)")
        }
    }

    @Test("Every --help fits 80 columns but for the usage line, and is ASCII")
    func helpAt80Columns() throws {
        let commands = [[], ["find"], ["show"], ["list"], ["stats"], ["expiring"], ["report"], ["validate"], ["format"], ["export"],
                        ["import"], ["set"], ["add"], ["delete"], ["history"], ["doctor"], ["themes"], ["directory", "import"],
                        ["directory", "find"], ["ewp", "import"], ["ewp", "export"], ["ewp", "diff"], ["check", "codes"]]
        for command in commands {
            let help = try CLI.run(command + ["--help"], environment: ["COLUMNS": "80"])
            #expect(help.status == 0)
            for line in help.stdout.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "liaison \(command.joined(separator: " ")) --help: \(line)")
                #expect(line.allSatisfy { $0.isASCII }, "liaison \(command.joined(separator: " ")) --help: \(line)")
            }
        }
        let top = try CLI.run(["--help"], environment: ["COLUMNS": "80"])
        for variable in ["LIAISON_DATA", "NO_COLOR", "ESCDELAY", "PAGER", "LESS", "LIAISON_TODAY", "LIAISON_THEME", "LIAISON_ASCII"] {
            #expect(top.stdout.contains("\n" + variable), "\(variable) is not in liaison --help")
        }
    }

    @Test("docs/liaison.1 has an ENVIRONMENT entry for each variable of liaison --help, and every command")
    func manPage() throws {
        let page = try String(contentsOfFile: CLI.repositoryRoot + "/docs/liaison.1", encoding: .utf8)
        let help = try CLI.run(["--help"], environment: ["COLUMNS": "200"]).stdout.split(separator: "\n").map(String.init)
        let start = try #require(help.firstIndex { $0.hasPrefix("Environment variables") })
        let variables = help[(start + 1)...].prefix { $0.contains(": ") && !$0.hasPrefix("Look things up") }
        #expect(variables.count >= 10)
        #expect(page.contains(".Sh ENVIRONMENT"))
        for line in variables {
            let names = line.split(separator: ":", maxSplits: 1)[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(page.contains(".It Ev " + names.joined(separator: " , ")), "\(line): not in docs/liaison.1 (docs/tools/make-man-page.sh makes it)")
        }
        for command in ["find", "show", "list", "stats", "expiring", "set", "add", "delete", "history", "import", "export"] {
            #expect(page.contains(".It Em \(command)\n"), "liaison \(command) is not in docs/liaison.1")
        }
    }
}

@Suite("Long output through the pager, only on a terminal",
       .enabled(if: PseudoTerminal.python != nil, "python3 is needed to run the program on a pseudo-terminal"))
struct PagerTests {
    /// A pager that notes it ran and keeps what it was given.
    static func recordingPager() throws -> (script: String, log: String) {
        let directory = NSTemporaryDirectory() + "liaison-pager-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = directory + "/pager"
        let log = directory + "/paged"
        try "#!/bin/sh\necho \"LESS=$LESS\" > '\(log)'\ncat >> '\(log)'\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        return (script, log)
    }

    @Test("On a terminal, output longer than the screen goes through $PAGER with LESS=FRX; short output, --no-pager and a pipe do not")
    func pagedOnlyOnTerminal() throws {
        let pager = try Self.recordingPager()
        defer { try? FileManager.default.removeItem(atPath: (pager.script as NSString).deletingLastPathComponent) }
        let environment = ["LIAISON_DATA": CLI.sample, "PAGER": pager.script, "TERM": "xterm-256color"]

        let long = try PseudoTerminal.run(["list", "partners"], environment: environment)
        #expect(long.status == 0)
        let paged = try String(contentsOfFile: pager.log, encoding: .utf8)
        #expect(paged.hasPrefix("LESS=FRX\n"))
        #expect(paged.contains("vgu") && paged.contains("ID  "))
        #expect(!String(decoding: long.output, as: UTF8.self).contains("vgu"), "written to the terminal as well as paged")
        try FileManager.default.removeItem(atPath: pager.log)

        let withLess = try PseudoTerminal.run(["list", "partners"], environment: environment.merging(["LESS": "R"]) { $1 })
        #expect(withLess.status == 0)
        #expect(try String(contentsOfFile: pager.log, encoding: .utf8).hasPrefix("LESS=R\n"), "the user's LESS is kept")
        try FileManager.default.removeItem(atPath: pager.log)

        for (arguments, why) in [(["list", "partners", "--no-pager"], "--no-pager"), (["--no-pager", "list", "partners"], "--no-pager before the command"),
                                 (["find", "krakow"], "output that fits")] {
            let direct = try PseudoTerminal.run(arguments, environment: environment)
            #expect(direct.status == 0)
            #expect(!FileManager.default.fileExists(atPath: pager.log), "paged despite \(why)")
            #expect(!direct.output.isEmpty)
        }
        let piped = try CLI.run(["list", "partners"], environment: ["PAGER": pager.script, "TERM": "xterm-256color"])
        #expect(piped.status == 0)
        #expect(piped.stdout.contains("vgu"))
        #expect(!FileManager.default.fileExists(atPath: pager.log), "paged into a pipe")
    }

    @Test("What the pager is given holds no character a terminal acts on, whatever the data holds")
    func pagedTextIsSafe() throws {
        let pager = try Self.recordingPager()
        defer { try? FileManager.default.removeItem(atPath: (pager.script as NSString).deletingLastPathComponent) }
        let network = try HostileNetwork()
        defer { network.remove() }
        for arguments in [["show", "evil"], ["find", "red"], ["list", "partners"]] {
            // A screen of 3 rows, so that each output is paged.
            let result = try PseudoTerminal.run(arguments, environment: ["LIAISON_DATA": network.path, "PAGER": pager.script, "TERM": "xterm-256color"],
                                                height: 3)
            #expect(result.status == 0)
            try #require(FileManager.default.fileExists(atPath: pager.log), "\(arguments): not paged: \(String(decoding: result.output, as: UTF8.self))")
            let paged = try String(contentsOfFile: pager.log, encoding: .utf8)
            #expect(paged.contains("␛]0;PWNED"), "\(arguments): \(paged)")
            #expect(HostileNetwork.unsafeScalars(in: paged).isEmpty, "\(arguments): \(paged)")
            try FileManager.default.removeItem(atPath: pager.log)
        }
    }

    @Test("A pager that quits before reading everything (more than a pipe holds) ends liaison quietly with its own status")
    func pagerQuitsEarly() throws {
        let path = NSTemporaryDirectory() + "liaison-pager-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(NetworkCoding.encode(NetworkGenerator.network(partners: 2000, seed: 3))).write(to: URL(fileURLWithPath: path))
        let result = try PseudoTerminal.run(["list", "partners"], environment: ["LIAISON_DATA": path, "PAGER": "head -1", "TERM": "xterm-256color"])
        #expect(result.status == 0)
        let shown = String(decoding: result.output, as: UTF8.self)
        #expect(shown.hasPrefix("ID "), "\(shown)")
        #expect(shown.split(separator: "\n").count == 1, "\(shown)")
    }
}
