import Foundation
import Testing
import LiaisonCore
import LiaisonGenerator

/// The real binary in a real terminal: tmux runs it, send-keys types, capture-pane reads the
/// screen. Waits poll the screen for what should appear, with a deadline, instead of sleeping.
final class TmuxSession {
    let socket = "liaison-test-\(UUID().uuidString.prefix(8))"
    let statusFile = NSTemporaryDirectory() + "liaison-tmux-\(UUID().uuidString)"
    /// The cache folder made for the session, removed with it.
    private var ownCache: String?

    convenience init(width: Int = 100, height: Int = 30, environment: [String: String] = [:], arguments: String = "", shell: Bool = false) throws {
        if shell {
            // A shell with job control, for Ctrl-Z and fg.
            try self.init(width: width, height: height, command: "env PS1='$ ' bash --norc -i", waits: false)
            return
        }
        // A cache of its own: what one test's session keeps is not another's first screen.
        let cache = NSTemporaryDirectory() + "liaison-tmux-cache-\(UUID().uuidString)"
        var env = ["LIAISON_DATA": CLI.sample, "LIAISON_TODAY": "2026-11-24", "TERM": "xterm-256color", "HOME": NSTemporaryDirectory(),
                   "XDG_CACHE_HOME": cache]
        env.merge(environment) { $1 }
        let exports = env.map { Self.quote("\($0.key)=\($0.value)") }.joined(separator: " ")
        try self.init(width: width, height: height, command: "env \(exports) \(CLI.binary) \(arguments)", waits: true)
        ownCache = cache
    }

    /// A pane running `command` (a shell command line), such as an ssh client.
    convenience init(width: Int = 100, height: Int = 30, running command: String) throws {
        try self.init(width: width, height: height, command: command, waits: true)
    }

    private init(width: Int, height: Int, command: String, waits: Bool) throws {
        // After the program ends, its exit status goes to a file and the pane stays open to be read.
        let pane = waits ? "\(command); echo $? > \(statusFile); echo EXITED; sleep 60" : command
        let started = try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), pane])
        if !started.isEmpty { print("tmux new-session:", started) }
    }

    /// Whether tmux is on the PATH.
    static let isAvailable: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }()

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: statusFile)
        if let ownCache { try? FileManager.default.removeItem(atPath: ownCache) }
    }

    /// Runs tmux through system(3): Foundation's Process would wait for the tmux server that
    /// `new-session` leaves running, since the server inherits the descriptors Process watches.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = statusFile + ".out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let words = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        let command = words.map(Self.quote).joined(separator: " ") + " > \(Self.quote(outputPath)) 2>&1 < /dev/null"
        _ = system(command)
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    func send(_ keys: String...) throws { try tmux(["send-keys"] + keys) }

    var screen: String { (try? tmux(["capture-pane", "-p"])) ?? "" }

    /// Waits until the screen shows the text; returns the screen either way.
    @discardableResult
    /// The screen once it shows `text` and has settled: the same in two captures 30 ms apart, so
    /// that a frame caught half drawn (the text there, the lines after it not yet) is not taken.
    func wait(for text: String, seconds: Double = 10) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var current = screen
        while Date() < deadline {
            if current.contains(text) {
                usleep(30_000)
                let again = screen
                if again == current { break }
                current = again
                continue
            }
            usleep(50_000)
            current = screen
        }
        if !current.contains(text) { print("tmux: waited \(seconds) s for \"\(text)\"; the screen:\n\(current)") }
        return current
    }

    func paneValue(_ format: String) -> String {
        ((try? tmux(["display-message", "-p", format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var exitStatus: Int? {
        wait(for: "EXITED")
        return (try? String(contentsOfFile: statusFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    var programPid: Int32? {
        let text = (try? tmux(["list-panes", "-F", "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard let shell = Int32(text) else { return nil }
        // The pane runs a shell whose child is the program.
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }
}

@Suite("The dashboard in a real terminal (tmux)", .serialized, .enabled(if: Tools.tmux, "tmux is not installed (.ci/run installs it)"))
struct TmuxTests {
    @Test("start, switch panes, search, follow a link and go back, resize, quit with the terminal restored")
    func session() throws {
        // LINES and COLUMNS exported by a shell must not pin the size: the resize below is seen.
        let tmux = try TmuxSession(environment: ["LINES": "30", "COLUMNS": "100"])
        #expect(tmux.wait(for: "Agreements ending in the next 180 days").contains("Partners by region"))
        #expect(tmux.paneValue("#{alternate_on}") == "1")

        try tmux.send("2")
        #expect(tmux.wait(for: "LOCAL NAME").contains("Belarusian State University"))

        try tmux.send("/", "tokyo", "Enter")
        let filtered = tmux.wait(for: "Partners 1/1 filtered")
        #expect(filtered.contains("The University of Tokyo"))
        #expect(!filtered.contains("Belarusian State University"))

        // The University of Tokyo's links: its contacts come first; follow the first one.
        try tmux.send(":", "utokyo", "Enter")
        tmux.wait(for: "東京大学")
        try tmux.send("l", "Enter")
        #expect(tmux.wait(for: "Contacts 5/10").contains("International Relations Office, UTokyo"))
        try tmux.send("BSpace")
        #expect(tmux.wait(for: "Partners 1/").contains("東京大学"))

        try tmux.tmux(["resize-window", "-x", "60", "-y", "20"])
        #expect(tmux.wait(for: "terminal too small").contains("80x24 needed"))
        try tmux.tmux(["resize-window", "-x", "100", "-y", "30"])
        #expect(tmux.wait(for: "LOCAL NAME").contains("1 Overview"))

        try tmux.send("q")
        #expect(tmux.exitStatus == 0)
        #expect(tmux.paneValue("#{alternate_on}") == "0", "the terminal left the alternate screen")
        #expect(tmux.paneValue("#{cursor_flag}") == "1", "the cursor is visible again")
    }

    @Test("TERM=dumb and an unknown TERM are refused with one line and exit 2")
    func dumbTerminal() throws {
        for term in ["dumb", "no-such-terminal"] {
            let tmux = try TmuxSession(environment: ["TERM": term])
            #expect(tmux.exitStatus == 2)
            // The line may wrap at the pane's width.
            let screen = tmux.screen.replacingOccurrences(of: "\n", with: "")
            #expect(screen.contains("use the subcommands (liaison --help)"))
            #expect(tmux.paneValue("#{alternate_on}") == "0")
        }
    }

    @Test("terminals whose terminfo a server lacks draw with the nearest entry of their family, and say so",
          arguments: ["xterm-kitty", "alacritty", "foot", "wezterm", "xterm-ghostty", "tmux-nosuch", "screen.nosuch", "nosuch-256color"])
    func xtermCompatible(_ term: String) throws {
        // Where the system has the entry after all, the program simply uses it.
        let installed = system("infocmp \(term) > /dev/null 2>&1") == 0
        let tmux = try TmuxSession(environment: ["TERM": term])
        // The note is on the last line drawn: waiting for it, not for the first lines, sees a whole screen.
        let screen = tmux.wait(for: installed ? "Partners by region" : "is not installed here")
        #expect(screen.contains("Partners by region"))
        if !installed { #expect(screen.replacingOccurrences(of: "\n", with: "").contains("TERM=\(term) is not installed here")) }
        try tmux.send("q")
        #expect(tmux.exitStatus == 0)
    }

    @Test("in a locale that is not UTF-8 (LANG=C) names keep their letters, and the status line says why")
    func notUTF8Locale() throws {
        let tmux = try TmuxSession(environment: ["LANG": "C", "LC_ALL": "C"])
        let first = tmux.wait(for: "is not UTF-8").replacingOccurrences(of: "\n", with: "")
        #expect(first.contains("locale C is not UTF-8: using C.UTF-8"))
        try tmux.send("2")
        #expect(tmux.wait(for: "ETH Zürich").contains("ETH Zürich"))
        try tmux.send("q")
        #expect(tmux.exitStatus == 0)
    }

    @Test("the first start copies the sample to the data folder and says so on the status line, where it is read")
    func firstStartNote() throws {
        let home = NSTemporaryDirectory() + "liaison-first-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(width: 160, height: 50, environment: ["LIAISON_DATA": "", "HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_STATE_HOME": home + "/state"])
        let screen = tmux.wait(for: "from the built-in RUB sample network")
        #expect(screen.contains("created \(home)/data/liaison/network.json from the built-in RUB sample network"), "\(screen)")
        #expect(FileManager.default.fileExists(atPath: home + "/data/liaison/network.json"))
        try tmux.send("q")
        #expect(tmux.exitStatus == 0)
    }

    @Test("the next start on the same file draws the first screen kept by the last, the same screen; not once the file changed")
    func firstScreenFromTheCache() throws {
        let place = NSTemporaryDirectory() + "liaison-cached-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: place, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: place) }
        let data = place + "/network.json"
        try FileManager.default.copyItem(atPath: CLI.sample, toPath: data)
        let environment = ["LIAISON_DATA": data, "XDG_CACHE_HOME": place + "/cache", "LIAISON_TRACE": "1"]
        func start() throws -> (running: String, after: String) {
            let tmux = try TmuxSession(width: 120, height: 40, environment: environment)
            let running = tmux.wait(for: "Partners by region")
            try tmux.send("q")
            #expect(tmux.exitStatus == 0)
            return (running, tmux.wait(for: "load "))
        }
        let first = try start()
        #expect(!first.after.contains("from the cache"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: place + "/cache/liaison/first-screen")
        #expect(entries.count == 1 && entries[0].hasSuffix(".json"), "\(entries)")
        let second = try start()
        #expect(second.after.contains("first screen from the cache"), "\(second.after)")
        #expect(second.running == first.running)
        // Another byte in the file: the cache is not used, and is kept anew for the new bytes.
        let handle = try #require(FileHandle(forWritingAtPath: data))
        handle.seekToEndOfFile()
        handle.write(Data("\n".utf8))
        try handle.close()
        #expect(!(try start()).after.contains("from the cache"))
        #expect(try start().after.contains("from the cache"))
    }

    @Test("a UTF-8 locale the server lacks and an unknown TERM: the status line says both")
    func missingLocaleAndTerminal() throws {
        let tmux = try TmuxSession(environment: ["LC_ALL": "de_DE.UTF-8", "TERM": "xterm-nosuch"])
        let screen = tmux.wait(for: "not installed: using").replacingOccurrences(of: "\n", with: "")
        #expect(screen.contains("TERM=xterm-nosuch is not installed here: drawn as xterm-256color"))
        #expect(screen.contains("locale de_DE.UTF-8 is not installed: using C.UTF-8"))
        try tmux.send("q")
        #expect(tmux.exitStatus == 0)
    }

    @Test("LIAISON_ASCII=1 (as where no UTF-8 locale exists) draws every cell in ASCII, accents dropped")
    func asciiDrawing() throws {
        let tmux = try TmuxSession(environment: ["LIAISON_ASCII": "1"])
        tmux.wait(for: "Partners by region")
        try tmux.send("2")
        let screen = tmux.wait(for: "Krakow")
        #expect(screen.contains("ETH Zurich") && screen.contains("Krakow"))
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
        try tmux.send("q")
        #expect(tmux.exitStatus == 0)
    }

    @Test("a paste (bracketed, as tmux and terminals send it) runs no command and stays in its field")
    func bracketedPaste() throws {
        let tmux = try TmuxSession()
        tmux.wait(for: "Partners by region")
        try tmux.send("2")
        tmux.wait(for: "LOCAL NAME")
        try tmux.tmux(["set-buffer", "jjdy"])
        try tmux.tmux(["paste-buffer", "-p"])
        let after = tmux.wait(for: "a paste goes into a text field")
        #expect(!after.contains("Delete "), "the pasted d y deleted nothing")
        try tmux.send("/")
        try tmux.tmux(["set-buffer", "tokyo\nosaka"])
        try tmux.tmux(["paste-buffer", "-p"])
        #expect(tmux.wait(for: "/tokyo osaka").contains("/tokyo osaka"))
        try tmux.send("Escape", "q")
        #expect(tmux.exitStatus == 0)
    }

    @Test("SIGTERM, SIGHUP, a crash (SIGABRT) and Ctrl-C restore the terminal")
    func signals() throws {
        // SIGABRT stands for a crash: the terminal is restored before the program dies.
        for (signal, expected) in [(SIGTERM, 128 + 15), (SIGHUP, 128 + 1), (SIGABRT, 128 + 6)] {
            let tmux = try TmuxSession()
            tmux.wait(for: "Partners by region")
            let pid = try #require(tmux.programPid)
            kill(pid, signal)
            #expect(tmux.exitStatus == expected)
            #expect(tmux.paneValue("#{alternate_on}") == "0")
        }
        let tmux = try TmuxSession()
        tmux.wait(for: "Partners by region")
        try tmux.send("C-c")
        #expect(tmux.exitStatus == 0)
        #expect(tmux.paneValue("#{alternate_on}") == "0")
    }

    @Test("Ctrl-C with unsaved changes asks first, as q does")
    func interruptAsks() throws {
        let (directory, path) = try CLI.copyOfSample("ctrl-c")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try TmuxSession(environment: ["LIAISON_DATA": path])
        tmux.wait(for: "Partners by region")
        try tmux.send("2")
        tmux.wait(for: "LOCAL NAME")
        try tmux.send("e")
        tmux.wait(for: "Edit partner")
        try tmux.send("x")
        try tmux.send("C-c")
        #expect(tmux.wait(for: "the form has changes").contains("Edit partner"), "a form with changes is not dropped")
        try tmux.send("C-s")
        tmux.wait(for: "Ctrl-S saves")
        try tmux.send("C-c")
        #expect(tmux.wait(for: "unsaved change").contains("s saves and quits"))
        try tmux.send("d")
        #expect(tmux.exitStatus == 0)
    }

    @Test("keys typed ahead of Ctrl-C, all sent at once as over a slow link, are kept and asked about")
    func typeAheadThenInterrupt() throws {
        let (directory, path) = try CLI.copyOfSample("type-ahead")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try TmuxSession(environment: ["LIAISON_DATA": path])
        tmux.wait(for: "Partners by region")
        try tmux.send("2", "e")
        tmux.wait(for: "Edit partner")
        // Stopped, the program reads nothing: the keys wait in the terminal's queue, as when it
        // is busy or the link is slow, and Ctrl-C comes after them.
        let pid = try #require(tmux.programPid)
        kill(pid, SIGSTOP)
        try tmux.send("Tab", "Tab", "Tab", "Tab", "C-u", "Typed-ahead", "C-c")
        kill(pid, SIGCONT)
        let screen = tmux.wait(for: "the form has changes")
        #expect(screen.contains("Typed-ahead"), "the keys before Ctrl-C were not thrown away")
        #expect(screen.contains("the form has changes"))
        try tmux.send("Escape", "Escape", "q")
        #expect(tmux.exitStatus == 0)
    }

    @Test("Ctrl-C twice quits with unsaved changes kept, and the next start offers them back")
    func interruptTwice() throws {
        let (directory, path) = try CLI.copyOfSample("ctrl-c-twice")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try TmuxSession(environment: ["LIAISON_DATA": path])
        first.wait(for: "Partners by region")
        try first.send("2", "e", "Tab", "Tab", "Tab", "Tab", "C-u", "Kept City", "C-s")
        first.wait(for: "Ctrl-S saves")
        try first.send("C-c")
        #expect(first.wait(for: "Ctrl-C again quits").contains("s saves and quits"))
        try first.send("C-c")
        #expect(first.exitStatus == 0)
        #expect(first.wait(for: "unsaved change kept").contains("offers it back"))

        let second = try TmuxSession(environment: ["LIAISON_DATA": path])
        #expect(second.wait(for: "minsk-bsu").contains("without saving"))
        try second.send("a")
        second.wait(for: "recovered change")
        try second.send("2")
        #expect(second.wait(for: "Kept City").contains("Kept City"))
        try second.send("q")
        #expect(second.wait(for: "s saves and quits").contains("1 unsaved change"))
        try second.send("d")
        #expect(second.exitStatus == 0)
    }

    @Test("Ctrl-Z suspends to the shell and fg redraws")
    func suspend() throws {
        let tmux = try TmuxSession(arguments: "", shell: true)
        try tmux.send("env LIAISON_DATA='\(CLI.sample)' TERM=xterm-256color \(CLI.binary)", "Enter")
        tmux.wait(for: "Partners by region")
        try tmux.send("2")
        tmux.wait(for: "LOCAL NAME")
        try tmux.send("C-z")
        #expect(tmux.wait(for: "Stopped").contains("Stopped"))
        #expect(tmux.paneValue("#{alternate_on}") == "0")
        // Bracketed paste is off while suspended: a paste into a program in the shell arrives
        // without the markers (tmux adds them only for a program that asked for them).
        try tmux.send("cat -v", "Enter")
        // The shell turns bracketed paste on while it reads a line: paste only once cat runs.
        for _ in 0..<100 where tmux.paneValue("#{pane_current_command}") != "cat" { usleep(20_000) }
        try tmux.tmux(["set-buffer", "PASTED"])
        try tmux.tmux(["paste-buffer", "-p"])
        try tmux.send("Enter")
        let shell = tmux.wait(for: "PASTED")
        #expect(shell.contains("PASTED") && !shell.contains("[200~"), "\(shell)")
        try tmux.send("C-d")
        try tmux.send("fg", "Enter")
        #expect(tmux.wait(for: "LOCAL NAME").contains("Belarusian State University"))
        // And on again after fg: a paste in the list runs no command.
        try tmux.tmux(["set-buffer", "q"])
        try tmux.tmux(["paste-buffer", "-p"])
        #expect(tmux.wait(for: "a paste goes into a text field").contains("LOCAL NAME"))
        // Flow control stays off: Ctrl-S reaches the program (and does not freeze the terminal).
        try tmux.send("C-s")
        #expect(tmux.wait(for: "nothing to save").contains("nothing to save"))
        try tmux.send("q")
        tmux.wait(for: "$ ")
        #expect(tmux.paneValue("#{alternate_on}") == "0")
    }

    @Test("kill -9 while editing: the next start offers the changes back; applied and saved, they are in the file")
    func recoveryAfterKill() throws {
        let (directory, path) = try CLI.copyOfSample("kill")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = FileManager.default.contents(atPath: path)

        let first = try TmuxSession(environment: ["LIAISON_DATA": path])
        first.wait(for: "Partners by region")
        // Partners, edit the first one, four fields down is the city: replace it, apply the form.
        try first.send("2", "e", "Tab", "Tab", "Tab", "Tab", "C-u", "Recovered City", "C-s")
        first.wait(for: "Ctrl-S saves")
        let pid = try #require(first.programPid)
        kill(pid, SIGKILL)
        first.wait(for: "EXITED")
        #expect(FileManager.default.contents(atPath: path) == original, "the shared file was not written")

        let second = try TmuxSession(environment: ["LIAISON_DATA": path])
        #expect(second.wait(for: "from a session that ended without saving").contains("partner minsk-bsu"))
        try second.send("a")
        second.wait(for: "recovered change")
        try second.send("C-s")
        second.wait(for: "saved")
        try second.send("q")
        #expect(second.exitStatus == 0)
        let network = try NetworkFile.load(path: path).network
        #expect(network.partners.first { $0.id == "minsk-bsu" }?.city == "Recovered City")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix("liaison-recovery") }
        #expect(leftovers.isEmpty, "the journal is removed once saved")
    }

    @Test("text typed into a form, never applied, survives kill -9 and a dropped connection (tmux kill-session: SIGHUP): offered, the form reopens with it; applied and saved it is in the file",
          arguments: [SIGKILL, SIGHUP])
    func draftSurvives(_ signal: Int32) throws {
        let (directory, path) = try CLI.copyOfSample("draft-\(signal)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try TmuxSession(environment: ["LIAISON_DATA": path])
        first.wait(for: "Partners by region")
        try first.send(":nims", "Enter")
        first.wait(for: "NIMS")
        // Four fields down is the city: replace it, and do not apply the form.
        try first.send("e", "Tab", "Tab", "Tab", "Tab", "C-u", "NIMS-typed-in-form")
        first.wait(for: "NIMS-typed-in-form")
        if signal == SIGKILL {
            // kill -9 gives no warning: the draft must have been kept when typing paused.
            let journalHasDraft = {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                return names.contains { name in
                    name.hasSuffix("liaison-recovery")
                        && ((try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "").contains("NIMS-typed-in-form")
                }
            }
            let deadline = Date().addingTimeInterval(5)
            while !journalHasDraft() && Date() < deadline { usleep(20_000) }
            #expect(journalHasDraft(), "the draft is in the journal once typing paused")
        }
        let pid = try #require(first.programPid)
        if signal == SIGHUP {
            // The terminal goes away as with a dropped SSH connection: the program gets SIGHUP.
            try first.tmux(["kill-session"])
            let deadline = Date().addingTimeInterval(10)
            while kill(pid, 0) == 0 && Date() < deadline { usleep(20_000) }
        } else {
            kill(pid, signal)
            first.wait(for: "EXITED")
        }

        let second = try TmuxSession(environment: ["LIAISON_DATA": path])
        #expect(second.wait(for: "a form left open").contains("partner nims, City: Tsukuba → NIMS-typed-in-form"))
        try second.send("a")
        let reopened = second.wait(for: "the form left open is back")
        #expect(reopened.contains("Edit partner nims") && reopened.contains("City NIMS-typed-in-form"))
        try second.send("C-s")
        second.wait(for: "Ctrl-S saves")
        try second.send("C-s")
        second.wait(for: "saved")
        try second.send("q")
        #expect(second.exitStatus == 0)
        #expect(try NetworkFile.load(path: path).network.partners.first { $0.id == "nims" }?.city == "NIMS-typed-in-form")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix("liaison-recovery") }
        #expect(leftovers.isEmpty, "no journal is left once saved")
    }

    @Test("unsaved city, a colleague saves the same field, SIGTERM: the next start asks in the conflict dialog, m applies it, Ctrl-S saves it, no journal is left")
    func recoveryConflict() throws {
        let (directory, path) = try CLI.copyOfSample("recovery-conflict")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // An office folder the group may write in: journals go to the state folder under HOME,
        // as on the server.
        chmod(directory, 0o770)
        let home = NSTemporaryDirectory() + "liaison-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["LIAISON_DATA": path, "HOME": home]
        #expect(try CLI.run(["set", "osaka", "city=City-M2"], environment: environment, data: path).status == 0)

        let first = try TmuxSession(width: 80, height: 24, environment: environment)
        first.wait(for: "Partners by region")
        try first.send("2", ":", "osaka", "Enter")
        first.wait(for: "大阪大学")
        try first.send("e", "Tab", "Tab", "Tab", "Tab", "C-u", "A-unsaved-city", "C-s")
        first.wait(for: "Ctrl-S saves")
        // A colleague saves the same field meanwhile.
        #expect(try CLI.run(["set", "osaka", "city=City-J2"], environment: environment, data: path).status == 0)
        kill(try #require(first.programPid), SIGTERM)
        #expect(first.wait(for: "1 unsaved change kept").contains("1 unsaved change kept"))

        let second = try TmuxSession(width: 80, height: 24, environment: environment)
        #expect(second.wait(for: "City: City-M2 → A-unsaved-city").contains("without saving"))
        try second.send("a")
        let asked = second.wait(for: "Changes saved since clash with recovered ones")
        #expect(asked.contains("partner osaka · City  [undecided]"), "\(asked)")
        #expect(asked.contains(#"recovered: "A-unsaved-city""#) && asked.contains(#"file's:    "City-J2""#))
        #expect(asked.contains("1 recovered change clashes with later saves: decide"), "the status line is not cut at 80 columns")
        try second.send("m", "Enter")
        #expect(second.wait(for: "1 recovered change applied").contains("Ctrl-S saves them"))
        try second.send("C-s")
        second.wait(for: "saved")
        try second.send("q")
        #expect(second.exitStatus == 0)
        #expect(try NetworkFile.load(path: path).network.partners.first { $0.id == "osaka" }?.city == "A-unsaved-city")
        let state = home + "/.local/state/liaison"
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []) + (try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(!left.contains { $0.contains("liaison-recovery") }, "no journal is left, none set aside: \(left)")
    }

    @Test("e then U+0301 typed into a form field shows é with the cursor after it, and the dashboard goes on",
          .enabled(if: TmuxSession.isAvailable, "needs tmux"))
    func combiningMarkInForm() throws {
        let (directory, path) = try CLI.copyOfSample("mark")
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let tmux = try TmuxSession(environment: ["LIAISON_DATA": path])
        tmux.wait(for: "Partners by region")
        // Partners, edit the first one: the cursor is in its name. Clear it, type "Caf", then
        // "e" and the combining acute as two separate keys, as a dead key sends them.
        try tmux.send("2", "e")
        tmux.wait(for: "Ctrl-S applies")
        try tmux.send("C-u")
        for literal in ["Caf", "e", "\u{301}"] { try tmux.tmux(["send-keys", "-l", literal]) }
        let screen = tmux.wait(for: "Café")
        let row = try #require(screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Café") })
        let line = screen.split(separator: "\n", omittingEmptySubsequences: false)[row]
        let start = try #require(line.range(of: "Caf"))
        // The line is ASCII up to the name: its columns are its scalars.
        let column = line[..<start.lowerBound].unicodeScalars.count
        #expect(tmux.paneValue("#{cursor_y}") == String(row))
        #expect(tmux.paneValue("#{cursor_x}") == String(column + 4), "the cursor after é, one column for e and its mark")

        try tmux.send("s", "C-s")
        #expect(tmux.wait(for: "changed Cafés").contains("Cafés"))
        try tmux.send("q")
        tmux.wait(for: "unsaved change")
        try tmux.send("d")
        #expect(tmux.exitStatus == 0, "the dashboard ran on and quit normally")
    }

    @Test("a 10,000-partner network opens and filters")
    func largeNetwork() throws {
        let path = NSTemporaryDirectory() + "liaison-10k-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let network = NetworkGenerator.network(partners: 10_000)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(NetworkCoding.encode(network))))
        let tmux = try TmuxSession(width: 120, height: 40, environment: ["LIAISON_DATA": path])
        #expect(tmux.wait(for: "10000 partners").contains("Partners by region"))
        // Kraków may already be on the overview: wait for the partners pane, then for the filter.
        try tmux.send("2")
        tmux.wait(for: "LOCAL NAME")
        try tmux.send("/", "kraków")
        // Each keystroke filters: wait until the whole word is in the search line.
        tmux.wait(for: "/kraków")
        try tmux.send("Enter")
        let filtered = tmux.wait(for: "Kraków")
        #expect(filtered.contains("Kraków") && filtered.contains(" match"), "\(filtered)")
        try tmux.send("q")
        #expect(tmux.exitStatus == 0)
    }
}
