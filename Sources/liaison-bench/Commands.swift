import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonGenerator

struct LiaisonBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liaison-bench",
        abstract: "Benchmarks for docs/performance.md, and the synthetic networks they run on.",
        discussion: """
        swift run -c release liaison-bench generate 10000 > net-10000.json
        swift run -c release liaison-bench --runs 7 net-10000.json
        """,
        subcommands: [Measure.self, Generate.self, UserWaits.self, Typing.self, Sessions.self, Workbook.self, ImportRows.self, DirectoryCompletion.self, RORDump.self],
        defaultSubcommand: Measure.self
    )
}

struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load, save, search and peak memory of network files: a table, one row per file (the default)."
    )

    @Option(help: "Runs per measure; the table shows the median.")
    var runs = 5

    @Flag(help: "Measure the one file in this process (what the table runs for each file).")
    var one = false

    @Flag(help: "Measure editing instead: an edit applied (with its journal entry) and redrawn, a save that merges.")
    var editing = false

    @Argument(help: "Network files, e.g. from `liaison-bench generate N`.")
    var files: [String]

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
        guard !files.isEmpty else { throw ValidationError("name at least one network file (liaison-bench generate N > FILE makes one)") }
        if one || editing, files.count != 1 { throw ValidationError("--one and --editing take one file") }
        if one && editing { throw ValidationError("--one and --editing exclude each other") }
    }

    func run() throws {
        if editing {
            try measureEditing(path: files[0], runs: runs)
        } else if one {
            try measureOne(path: files[0], runs: runs)
        } else {
            try measureSummary(paths: files, runs: runs)
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic network of N partners to standard output, in canonical form.",
        discussion: "The same N and seed give the same file. The data is made up: it is for measuring, not for reading."
    )

    @Argument(help: "How many partners.")
    var partners: Int

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Flag(name: .customLong("without-iias"), help: "The shape before Erasmus agreements carried EWP IIAs (what issue 11's targets were set on).")
    var withoutIIAs = false

    func validate() throws {
        guard partners >= 0 else { throw ValidationError("the number of partners cannot be negative") }
    }

    func run() throws {
        let network = NetworkGenerator.network(partners: partners, seed: seed, withIIAs: !withoutIIAs)
        try FileHandle.standardOutput.write(contentsOf: NetworkCoding.encode(network))
    }
}

struct UserWaits: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "What the user waits for, end to end on the real binary: find, validate and set as processes; the dashboard through a pseudo-terminal; jq and VisiData beside.",
        // One line a paragraph: the help wraps it to the terminal (a line break here stays one).
        discussion: """
        For each size, a network is generated into a temporary folder (removed after). Commands are \
        timed as whole processes (peak memory from wait4). The dashboard runs on a pseudo-terminal \
        (TERM=xterm-256color), each session on a fresh copy with a home of its own: the first \
        complete screen, row moves, filter keys, a form edit applied, a save. jq's lookup and \
        VisiData's first screen run in turn with Liaison's, where installed.

        swift build -c release && .build/release/liaison-bench user --partners 1000,10000,100000 --runs 5
        """
    )

    @Option(help: "Network sizes, comma-separated.")
    var partners = "1000,10000,100000"

    @Option(help: "Runs per measure (dashboard sessions: row moves and filter keys are 5 and 6 per session).")
    var runs = 5

    @Option(help: "The liaison binary (default: the one built beside this program).")
    var liaison: String?

    @Flag(name: .customLong("without-iias"), help: "Networks in the shape before EWP IIAs.")
    var withoutIIAs = false

    @Option(help: "The terminal's size, COLUMNSxROWS.")
    var size = "120x40"

    @Flag(help: "JSON instead of Markdown tables.")
    var json = false

    @Option(name: .customLong("tables-from"), help: ArgumentHelp("Measure nothing: the Markdown tables of an earlier run's --json output.", valueName: "file"))
    var tablesFrom: String?

    @Flag(help: "Print each answer on the terminal (its time, bytes and text) to standard error, to check what was timed.")
    var trace = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--partners takes counts of at least 1, comma-separated, such as 1000,10000") }
        guard terminalSize != nil else { throw ValidationError("--size takes COLUMNSxROWS, such as 120x40") }
    }

    private var sizes: [Int] { partners.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    private var terminalSize: (columns: Int, rows: Int)? {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 40, parts[1] >= 10 else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        if let tablesFrom {
            let networks = try JSONDecoder().decode([NetworkMeasures].self, from: Data(contentsOf: URL(fileURLWithPath: tablesFrom)))
            FileHandle.standardOutput.write(Data(UserReport.markdown(networks).utf8))
            return
        }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("liaison").path
        let program = liaison ?? beside
        guard FileManager.default.isExecutableFile(atPath: program) else { throw ValidationError("no liaison binary at \(program) (--liaison PATH names one)") }
        var settings = UserBenchmarkSettings(partners: sizes, runs: runs, liaison: program, withIIAs: !withoutIIAs,
                                             jq: PeerTool.find("jq"), visidata: PeerTool.find("vd"))
        (settings.columns, settings.rows) = terminalSize!
        if trace { settings.trace = { FileHandle.standardError.write(Data(("  " + $0 + "\n").utf8)) } }
        let networks = try measureWhatUsersWaitFor(settings) { FileHandle.standardError.write(Data(("liaison-bench user: " + $0 + "\n").utf8)) }
        if json {
            FileHandle.standardOutput.write(try UserReport.json(networks))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(UserReport.markdown(networks).utf8))
        }
    }
}

struct Typing: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Type and paste long text into a form's notes field: the cost per key and per paste, redraw included."
    )

    @Argument(help: "How many characters.")
    var characters = 10_000

    func validate() throws {
        guard characters > 0 else { throw ValidationError("type at least one character") }
    }

    func run() throws { measureTyping(characters: characters) }
}

struct Sessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sessions on one file saving in turn: each save merges with another's, and adds to the audit trail.",
        discussion: "Each session edits partners of its own (notes, an agreement's end), then the sessions save one after another, for --rounds rounds; every save but the very first finds the file changed and merges."
    )

    @Option(help: "How many sessions (Documents) on the file.")
    var sessions = 5

    @Option(help: "How many times every session edits and saves.")
    var rounds = 5

    @Option(help: "Partners each session edits before each save.")
    var edits = 3

    @Argument(help: "A network file, e.g. from `liaison-bench generate 10000`.")
    var file: String

    func validate() throws {
        guard sessions >= 2, rounds >= 1, edits >= 1 else { throw ValidationError("at least 2 sessions, 1 round and 1 edit") }
    }

    func run() throws { try measureSessions(path: file, sessions: sessions, rounds: rounds, editsPerSave: edits) }
}

struct ImportRows: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a sheet of every partner (some rows changed; CSV or XLSX as export writes it) into a generated network: read, map, match, judge, apply, save.",
        discussion: "swift run -c release liaison-bench import --partners 10000 [--format xlsx]"
    )

    @Option(help: "How many partners the network has, and rows the sheet.")
    var partners = 10_000

    @Option(help: "Runs; the line shows the medians.")
    var runs = 5

    @Option(help: "The sheet's file: csv or xlsx.")
    var format: SheetFormat = .csv

    func validate() throws {
        guard partners >= 1, runs >= 1 else { throw ValidationError("at least 1 partner and 1 run") }
    }

    func run() throws { try measureImport(partners: partners, runs: runs, format: format) }
}
