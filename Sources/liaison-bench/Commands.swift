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
        subcommands: [Measure.self, Generate.self, Typing.self, Sessions.self, Workbook.self, ImportRows.self, DirectoryCompletion.self, RORDump.self],
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

    func validate() throws {
        guard partners >= 0 else { throw ValidationError("the number of partners cannot be negative") }
    }

    func run() throws {
        let network = NetworkGenerator.network(partners: partners, seed: seed)
        try FileHandle.standardOutput.write(contentsOf: NetworkCoding.encode(network))
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
