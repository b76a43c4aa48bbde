// What the user waits for, measured end to end on the real binary: whole commands as processes,
// and the dashboard through a pseudo-terminal as an SSH client sees it; beside them jq's lookup
// and VisiData's first screen, in alternating runs. `liaison-bench user`; the tables are made in
// UserReport.swift.
import Foundation
import LiaisonApp
import LiaisonCore
import LiaisonGenerator

struct UserBenchmarkSettings: Sendable {
    var partners: [Int]
    var runs: Int
    var liaison: String
    var withIIAs: Bool
    var columns = 120
    var rows = 40
    /// The quiet after an answer's last byte that ends it: shorter than the dashboard's 120 ms
    /// pause before it draws the detail of a newly selected record.
    var quiet = 0.06
    /// Told what each answer on a terminal showed.
    var trace: (@Sendable (String) -> Void)?
    /// jq and VisiData, or nil where not installed.
    var jq: String?
    var visidata: String?
}

/// What the user waits for on one network.
struct NetworkMeasures: Codable, Sendable {
    var partners: Int
    var fileMB: Double
    var withIIAs: Bool
    var measures: [UserMeasure]
    var comparisons: [Comparison]
}

/// One measure over the runs: its time, and where it applies the bytes of the answer and the
/// peak memory of the process (maxrss, MiB).
struct UserMeasure: Codable, Sendable {
    var id: String
    var milliseconds: Spread
    var bytes: Spread?
    var peakMemoryMB: Spread?
}

/// Liaison against another tool doing the same work; `ratio` is nil, with a note, when the
/// tool is not installed.
struct Comparison: Codable, Sendable {
    var id: String
    var tool: String
    var ratio: AlternatingRatio?
    var note: String?
}

func measureWhatUsersWaitFor(_ settings: UserBenchmarkSettings, progress: (String) -> Void) throws -> [NetworkMeasures] {
    try settings.partners.map { count in
        let place = try BenchPlace()
        defer { place.remove() }
        progress("\(count) partners: generating the network\(settings.withIIAs ? "" : " without IIAs")")
        let file = place.path("network.json")
        // The generator's ids are p-0 … p-(N-1).
        let fileBytes = try writeNetwork(partners: count, withIIAs: settings.withIIAs, to: file, errors: place.path("generate.err"))
        let editable = "p-\(count / 2)"
        let runner = UserRuns(settings: settings, place: place, file: file, partner: editable)
        var measures: [UserMeasure] = []
        var comparisons: [Comparison] = []
        progress("\(count) partners: find (and jq), validate, set")
        let (find, jq) = try runner.lookups()
        measures += [find, try runner.validate(), try runner.set()]
        comparisons.append(jq)
        progress("\(count) partners: the dashboard on a pseudo-terminal (and VisiData)")
        let (dashboard, visidata) = try runner.dashboardSessions()
        measures += dashboard
        comparisons += visidata
        return NetworkMeasures(partners: count, fileMB: Double(fileBytes) / 1_000_000, withIIAs: settings.withIIAs,
                               measures: measures, comparisons: comparisons)
    }
}

/// Generates the network and writes it, by this program in a process of its own; returns the
/// file's size. Never here: posix_spawn shares this process's memory with the child until its
/// exec, and the kernel counts the peak of that memory into the child's ru_maxrss, so a network
/// held here (370 MiB at 100,000 partners) would floor every peak measured after it.
private func writeNetwork(partners: Int, withIIAs: Bool, to file: String, errors: String) throws -> Int {
    let bench = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    _ = try MeasuredProcess.run(bench, ["generate", String(partners)] + (withIIAs ? [] : ["--without-iias"]),
                                environment: ProcessInfo.processInfo.environment, output: file, errors: errors)
    var info = stat()
    guard stat(file, &info) == 0 else { throw BenchError("\(file): \(String(cString: strerror(errno)))") }
    return Int(info.st_size)
}

/// A temporary folder for one network: the file, its copies, and the home and XDG folders the
/// programs see, so that nothing of the user's is read or touched. Removed after.
struct BenchPlace {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "liaison-bench-user-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    func path(_ name: String) -> String { folder + "/" + name }

    /// A new folder inside, made empty.
    func fresh(_ name: String) throws -> String {
        let path = path(name)
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// The runs on one network.
struct UserRuns {
    let settings: UserBenchmarkSettings
    let place: BenchPlace
    let file: String
    /// The partner `set` and the form edit change.
    let partner: String

    /// A run's environment: a home of its own (new for each run, so no journal or setting of
    /// another run is found), a UTF-8 locale, and the data file.
    func environment(home: String, data: String? = nil) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": home, "USER": "bench", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                           "TERM": "xterm-256color", "XDG_CONFIG_HOME": home + "/.config", "XDG_DATA_HOME": home + "/.local/share",
                           "XDG_STATE_HOME": home + "/.local/state", "XDG_CACHE_HOME": home + "/.cache"]
        environment["LIAISON_DATA"] = data
        return environment
    }

    private func command(_ program: String, _ arguments: [String]) throws -> ProcessEnd {
        let home = try place.fresh("home")
        return try MeasuredProcess.run(program, arguments, environment: environment(home: home), errors: place.path("errors.txt"))
    }

    /// A fresh copy of the network, for a run that writes.
    private func copy() throws -> String {
        let folder = try place.fresh("copy")
        let copy = folder + "/network.json"
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        return copy
    }

    /// `liaison find kraków`, alternating with jq's same lookup when jq is installed.
    func lookups() throws -> (UserMeasure, Comparison) {
        var ours: [ProcessEnd] = [], theirs: [Double] = []
        for _ in 0..<settings.runs {
            ours.append(try command(settings.liaison, ["find", "kraków", "--data", file]))
            if let jq = settings.jq { theirs.append(try command(jq, JQLookup.arguments(file: file)).seconds * 1000) }
        }
        let times = ours.map { $0.seconds * 1000 }
        let comparison = settings.jq == nil
            ? Comparison(id: "find-vs-jq", tool: "jq", ratio: nil, note: "not installed")
            : Comparison(id: "find-vs-jq", tool: "jq", ratio: AlternatingRatio(ours: times, theirs: theirs), note: nil)
        return (UserMeasure(id: "find", milliseconds: Spread(times), peakMemoryMB: Spread(ours.map(\.peakMemoryMB))), comparison)
    }

    func validate() throws -> UserMeasure {
        let ends = try (0..<settings.runs).map { _ in try command(settings.liaison, ["validate", file]) }
        return UserMeasure(id: "validate", milliseconds: Spread(ends.map { $0.seconds * 1000 }), peakMemoryMB: Spread(ends.map(\.peakMemoryMB)))
    }

    /// `liaison set` on a fresh copy each run: load, change, lock, stamp, write, audit trail.
    func set() throws -> UserMeasure {
        let ends = try (0..<settings.runs).map { run in
            try command(settings.liaison, ["set", partner, "notes=checked in run \(run)", "--data", try copy()])
        }
        return UserMeasure(id: "set", milliseconds: Spread(ends.map { $0.seconds * 1000 }), peakMemoryMB: Spread(ends.map(\.peakMemoryMB)))
    }

    /// Dashboard sessions, each on a fresh copy, alternating with VisiData's first screen of the
    /// same file when VisiData is installed.
    func dashboardSessions() throws -> ([UserMeasure], [Comparison]) {
        var sessions: [DashboardSession] = []
        var theirs: [Double] = []
        for _ in 0..<settings.runs {
            sessions.append(try dashboardSession())
            if let visidata = settings.visidata { theirs.append(try visidataFirstScreen(visidata)) }
        }
        func spread(_ answers: (DashboardSession) -> [Answer]) -> (Spread, Spread) {
            let all = sessions.flatMap(answers)
            return (Spread(all.map { $0.seconds * 1000 }), Spread(all.map { Double($0.bytes) }))
        }
        let (first, firstBytes) = spread { [$0.firstScreen] }
        let (cached, cachedBytes) = spread { [$0.cachedFirstScreen] }
        let (cachedReady, _) = spread { [$0.cachedStartReady] }
        let (move, moveBytes) = spread(\.rowMoves)
        let (filter, filterBytes) = spread(\.filterKeys)
        let (apply, applyBytes) = spread { [$0.applyEdit] }
        let (save, saveBytes) = spread { [$0.save] }
        let measures = [
            UserMeasure(id: "first-screen", milliseconds: first, bytes: firstBytes),
            UserMeasure(id: "first-screen-cached", milliseconds: cached, bytes: cachedBytes),
            UserMeasure(id: "cached-start-ready", milliseconds: cachedReady),
            UserMeasure(id: "row-move", milliseconds: move, bytes: moveBytes),
            UserMeasure(id: "filter-key", milliseconds: filter, bytes: filterBytes),
            UserMeasure(id: "apply-edit", milliseconds: apply, bytes: applyBytes),
            UserMeasure(id: "save", milliseconds: save, bytes: saveBytes, peakMemoryMB: Spread(sessions.map(\.peakMemoryMB))),
        ]
        func comparison(_ id: String, _ ours: (DashboardSession) -> Answer) -> Comparison {
            settings.visidata == nil
                ? Comparison(id: id, tool: "VisiData", ratio: nil, note: "not installed")
                : Comparison(id: id, tool: "VisiData", ratio: AlternatingRatio(ours: sessions.map { ours($0).seconds * 1000 }, theirs: theirs), note: nil)
        }
        return (measures, [comparison("first-screen-vs-visidata", \.firstScreen),
                                               comparison("first-screen-cached-vs-visidata", \.cachedFirstScreen)])
    }

    struct DashboardSession {
        var firstScreen: Answer
        var rowMoves: [Answer] = []
        var filterKeys: [Answer] = []
        var applyEdit = Answer(seconds: 0, bytes: 0)
        var save = Answer(seconds: 0, bytes: 0)
        var peakMemoryMB = 0.0
        /// The next start on the file the session saved, with the same home: its first screen
        /// comes from the cache the session left.
        var cachedFirstScreen = Answer(seconds: 0, bytes: 0)
        var cachedStartReady = Answer(seconds: 0, bytes: 0)
    }

    /// One session: start to the first complete screen; the partners pane; five row moves; the
    /// filter typed a key at a time; the filter cleared; a partner's form opened, its notes
    /// changed, applied (journal fsynced); saved; quit.
    func dashboardSession() throws -> DashboardSession {
        let home = try place.fresh("home")
        let data = try copy()
        let terminal = try PseudoTerminal(settings.liaison, [], environment: environment(home: home, data: data),
                                          columns: settings.columns, rows: settings.rows)
        terminal.trace = settings.trace
        let quiet = settings.quiet
        // The key hints' "quit" ends the first frame's last line.
        var session = DashboardSession(firstScreen: try terminal.answer(since: terminal.process.started, AnswerWatch(marker: "quit", quiet: quiet),
                                                                        timeout: 120, what: "the first screen"))
        // What the dashboard does in its first idle moment (indexes, the sorted list) is done
        // before the first key is timed.
        try ready(terminal)
        try terminal.send("2")
        try ready(terminal)
        for _ in 0..<5 {
            session.rowMoves.append(try terminal.answer(since: try terminal.send("j"), AnswerWatch(quiet: quiet), timeout: 30, what: "a row move"))
            try terminal.settle()
        }
        try terminal.send("/")
        try terminal.settle()
        for key in "krakow" {
            session.filterKeys.append(try terminal.answer(since: try terminal.send(String(key)), AnswerWatch(quiet: quiet), timeout: 30, what: "a filter key"))
            try terminal.settle()
        }
        try terminal.send("\u{1B}")  // Esc: the filter cleared, the whole list back
        try ready(terminal)
        try terminal.send("e")
        try terminal.settle()
        try terminal.send(String(repeating: "\t", count: Self.notesField) + " (checked)")
        try ready(terminal)
        session.applyEdit = try terminal.answer(since: try terminal.send(Self.controlS), AnswerWatch(marker: "changed", quiet: quiet),
                                                timeout: 60, what: "applying the form")
        // The work the dashboard leaves for the pause after an edit (the link map) is done
        // before the save is timed.
        try ready(terminal)
        session.save = try terminal.answer(since: try terminal.send(Self.controlS), AnswerWatch(marker: "saved", quiet: quiet),
                                           timeout: 120, what: "saving")
        try ready(terminal)
        let end = try terminal.finish(keys: "q")
        guard end.status == 0 else { throw BenchError("\(settings.liaison) ended with status \(end.status) after the session") }
        session.peakMemoryMB = end.peakMemoryMB
        (session.cachedFirstScreen, session.cachedStartReady) = try cachedStart(home: home, data: data)
        return session
    }

    /// A start on the file a session saved, by the same user: the first screen drawn from the
    /// cache, then the first key (Ctrl-L) answered once the file is loaded; both from the start.
    func cachedStart(home: String, data: String) throws -> (firstScreen: Answer, ready: Answer) {
        let terminal = try PseudoTerminal(settings.liaison, [], environment: environment(home: home, data: data),
                                          columns: settings.columns, rows: settings.rows)
        terminal.trace = settings.trace
        let first = try terminal.answer(since: terminal.process.started, AnswerWatch(marker: "quit", quiet: settings.quiet),
                                        timeout: 120, what: "the first screen from the cache")
        try terminal.send("\u{0C}")
        let ready = try terminal.answer(since: terminal.process.started, AnswerWatch(quiet: settings.quiet), timeout: 120, what: "Ctrl-L after a cached start")
        try terminal.settle()
        let end = try terminal.finish(keys: "q")
        guard end.status == 0 else { throw BenchError("\(settings.liaison) ended with status \(end.status) after a cached start") }
        return (first, ready)
    }

    /// VisiData's first screen of the same file: start to the last byte of the frame that shows
    /// the loaded sheet (its column "partners"; the loading screen has none).
    func visidataFirstScreen(_ visidata: String) throws -> Double {
        let home = try place.fresh("home")
        let terminal = try PseudoTerminal(visidata, [file], environment: environment(home: home), columns: settings.columns, rows: settings.rows)
        terminal.trace = settings.trace
        let first = try terminal.answer(since: terminal.process.started, AnswerWatch(marker: "partners", quiet: settings.quiet),
                                        timeout: 600, what: "VisiData's first screen")
        _ = try? terminal.finish(keys: "gq", timeout: 5)
        return first.seconds * 1000
    }

    static let controlS = "\u{13}"

    /// Waits until the dashboard is idle: Ctrl-L (redraw the whole screen, a key of every mode)
    /// is answered only when the main loop has finished what it was doing, including work it
    /// does when keys pause, which draws nothing; then the quiet after its answer.
    func ready(_ terminal: PseudoTerminal) throws {
        _ = try terminal.answer(since: try terminal.send("\u{0C}"), AnswerWatch(quiet: settings.quiet), timeout: 120, what: "Ctrl-L")
        try terminal.settle()
    }

    /// Tab presses from a partner form's first field to its notes, from the form itself.
    static let notesField: Int = {
        let form = FormState(editing: .partner(Partner()), new: false)
        guard let notes = form.fields.firstIndex(where: { $0.key == "notes" }) else { preconditionFailure("the partner form has no notes field") }
        return notes
    }()
}
