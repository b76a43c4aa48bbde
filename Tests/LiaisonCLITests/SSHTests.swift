import Foundation
import Testing
import LiaisonCore

/// A real OpenSSH server on 127.0.0.1 for one test: its own configuration, host key and
/// authorized keys in a temporary folder (the system's sshd configuration is not touched), two
/// staff accounts in one group made for the test and removed after it, and an office folder
/// set up as docs/deployment.md says (setgid 2770, file 0660). Each key's forced command runs a
/// copy of the liaison binary with umask 022, so the files a save makes show that the group
/// keeps its rights whatever the saver's umask.
final class SSHServer {
    static let sshd = "/usr/sbin/sshd"
    static let isRoot = geteuid() == 0
    static let isAvailable = FileManager.default.isExecutableFile(atPath: sshd) && Tools.onPath("ssh") && Tools.onPath("useradd")

    let folder: String
    let group: String
    let users: [String]
    let dataPath: String
    let port: Int
    private var daemon: pid_t = 0

    init() throws {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        group = "lsn\(tag)"
        users = ["lsn\(tag)a", "lsn\(tag)b"]
        var template = Array((NSTemporaryDirectory() + "liaison-ssh-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { throw SSHTestError("mkdtemp failed") }
        folder = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        dataPath = folder + "/office/network.json"
        port = try Self.freePort()
        try setUp()
    }

    private func setUp() throws {
        // The staff must reach the binary and the office folder through this one.
        chmod(folder, 0o755)
        for sub in ["bin", "home", "keys", "client", "office"] { mkdir(folder + "/" + sub, 0o755) }
        try Self.run("/usr/sbin/groupadd", [group])
        for user in users {
            try Self.run("/usr/sbin/useradd", ["-m", "-d", "\(folder)/home/\(user)", "-s", "/bin/sh", "-G", group, "-p", "*", user])
            try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", user, "-f", "\(folder)/client/\(user)"])
        }
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", "\(folder)/host_key"])

        let binary = folder + "/bin/liaison"
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: binary)
        chmod(binary, 0o755)
        try FileManager.default.copyItem(atPath: CLI.sample, toPath: dataPath)
        try Self.run("/bin/chgrp", ["-R", group, folder + "/office"])
        chmod(folder + "/office", 0o2770)
        chmod(dataPath, 0o660)

        // The forced command: every key lands in Liaison, never in a shell. LIAISON_TODAY keeps
        // the overview the same from day to day; the toolchain's libraries under /opt/swift are
        // world-readable, so the debug binary runs as the staff.
        let command = "umask 022; exec env LANG=C.UTF-8 LIAISON_TODAY=2026-11-24 \(binary) --data \(dataPath) --ssh-lookups"
        for user in users {
            let key = try String(contentsOfFile: "\(folder)/client/\(user).pub", encoding: .utf8)
            try "restrict,pty,command=\"\(command)\" \(key)".write(toFile: "\(folder)/keys/\(user)", atomically: true, encoding: .utf8)
        }
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(folder)/host_key
            PidFile none
            AuthorizedKeysFile \(folder)/keys/%u
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            AllowUsers \(users.joined(separator: " "))
            """
        try config.write(toFile: folder + "/sshd_config", atomically: true, encoding: .utf8)
        // sshd needs its privilege separation folder, which the package's service would make.
        mkdir("/run/sshd", 0o755)

        daemon = try Self.spawn(Self.sshd, ["-D", "-e", "-f", folder + "/sshd_config"], log: folder + "/sshd.log")
        let deadline = Date().addingTimeInterval(10)
        while !sshdLog.contains("Server listening") {
            guard Date() < deadline, kill(daemon, 0) == 0 else { throw SSHTestError("sshd did not start: \(sshdLog)") }
            usleep(20_000)
        }
    }

    /// Starts a long-running program with posix_spawn, its output into `log`. (Foundation's
    /// Process would do, but its reaper blocks in waitpid on a child that keeps running, and
    /// every later Process then waits for it.)
    static func spawn(_ program: String, _ arguments: [String], log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let words = [program] + arguments
        var argv = words.map { strdup($0) } + [nil]
        defer { for word in argv { free(word) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions, nil, &argv, environ)
        guard status == 0 else { throw SSHTestError("\(program) could not start: \(String(cString: strerror(status)))") }
        return pid
    }

    var sshdLog: String { (try? String(contentsOfFile: folder + "/sshd.log", encoding: .utf8)) ?? "" }

    /// The ssh client's command line for `user`: a terminal (-t) for the dashboard, none (-T)
    /// for a lookup.
    func ssh(_ user: String, terminal: Bool) -> [String] {
        ["/usr/bin/ssh", "-F", "/dev/null", "-p", String(port), "-i", "\(folder)/client/\(user)",
         "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5", terminal ? "-t" : "-T", "\(user)@127.0.0.1"]
    }

    /// The dashboard over SSH in a tmux pane.
    func dashboard(_ user: String) throws -> TmuxSession {
        try TmuxSession(width: 110, height: 30, running: "env TERM=xterm-256color " + ssh(user, terminal: true).map(TmuxSession.quote).joined(separator: " "))
    }

    /// A command sent without a terminal, as `ssh office liaison find x` sends it.
    func lookup(_ user: String, _ words: [String]) throws -> CLI.Result {
        let command = ssh(user, terminal: false)
        return try CLI.run(Array(command.dropFirst()) + words, data: nil, program: command[0])
    }

    /// The processes an account runs (its sshd session and Liaison), from /proc.
    func processes(of user: String) -> [Int32] {
        guard let uid = getpwnam(user)?.pointee.pw_uid else { return [] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            var info = stat()
            return stat("/proc/\(pid)", &info) == 0 && info.st_uid == uid
        }
    }

    /// Waits until the account runs nothing (its connections are closed and Liaison has exited).
    @discardableResult
    func waitUntilGone(_ user: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !processes(of: user).isEmpty {
            guard Date() < deadline else { return false }
            usleep(50_000)
        }
        return true
    }

    deinit {
        kill(daemon, SIGTERM)
        var status: Int32 = 0
        waitpid(daemon, &status, 0)
        for user in users {
            // The processes left are this test's own sessions of accounts it made.
            if !waitUntilGone(user, seconds: 5) { for pid in processes(of: user) { kill(pid, SIGKILL) } }
            waitUntilGone(user, seconds: 5)
            _ = try? Self.run("/usr/sbin/userdel", ["-r", user])
        }
        _ = try? Self.run("/usr/sbin/groupdel", [group])
        try? FileManager.default.removeItem(atPath: folder)
    }

    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SSHTestError("\(program) \(arguments.joined(separator: " ")): \(text)") }
        return text
    }

    /// A port nothing listens on: bound to port 0, read back, closed.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw SSHTestError("no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct SSHTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TmuxSession {
    /// Waits for the status message to start with `text`. The message stands at the right of
    /// the status line, which starts with the file's name; "saved" alone would also match
    /// "someone saved" or a conflict's "saved by".
    @discardableResult
    func waitForStatus(_ text: String, file: String = "network.json", seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let lines = screen.split(separator: "\n")
            if lines.contains(where: { line in
                line.trimmingCharacters(in: .whitespaces).hasPrefix(file)
                    && line.components(separatedBy: "  ").last { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces).hasPrefix(text) == true
            }) { return true }
            usleep(50_000)
        } while Date() < deadline
        print("tmux: waited \(seconds) s for the status \"\(text)\"; the screen:\n\(screen)")
        return false
    }

    /// Opens a partner by id, edits its city (the fifth field of the form) and applies the form.
    func changeCity(of id: String, to city: String) throws {
        try send(":", id, "Enter")
        wait(for: "Partners")
        try send("e")
        wait(for: "Edit partner")
        try send("Tab", "Tab", "Tab", "Tab", "C-u")
        try tmux(["send-keys", "-l", city])
        try send("C-s")
        wait(for: "Ctrl-S saves")
    }
}

@Suite("Two staff members on one file over real OpenSSH", .serialized,
       .enabled(if: SSHServer.isRoot, "needs root to add the test accounts and run sshd"),
       .enabled(if: Tools.onCI || (SSHServer.isAvailable && Tools.tmux), "needs sshd (openssh-server), ssh, useradd and tmux (.ci/run installs them)"))
struct SSHTests {
    @Test("a lookup's output reaches the client's terminal sanitised, export too: an escape sequence in a note stays text")
    func lookupsAreSanitised() throws {
        let server = try SSHServer()
        // A hand-edited note in the file the forced command opens (written in place, so its
        // group and mode stay): a window title, a clear screen, a C1 CSI.
        let original = #""notes": "Partner since 1969"#
        let text = try String(contentsOfFile: server.dataPath, encoding: .utf8)
        #expect(text.contains(original))
        try text.replacingOccurrences(of: original, with: #""notes": "\u001b]0;PWNED\u0007 \u001b[2J \u009b31m Partner since 1969"#)
            .write(toFile: server.dataPath, atomically: false, encoding: .utf8)
        for words in [["export", "--format", "csv"], ["export", "--format", "json"], ["show", "utokyo"], ["find", "oldest", "--json"]] {
            let result = try server.lookup(server.users[0], words)
            #expect(result.status == 0, "\(words): \(result.stderr)")
            #expect(HostileNetwork.unsafeScalars(in: result.stdout).isEmpty, "\(words): \(result.stdout)")
            #expect(result.stdout.contains("␛]0;PWNED␇ ␛[2J �31m") || result.stdout.contains(#"\u001b]0;PWNED\u0007 \u001b[2J \u009b31m"#), "\(words)")
        }
    }

    @Test("both edit at once, different records then the same field; every edit is saved and the second saver is asked; a dropped connection's edits are offered back")
    func officeOverSSH() throws {
        let server = try SSHServer()
        let (alice, bob) = (server.users[0], server.users[1])

        // Lookups without a terminal, split without a shell; a write is refused.
        let found = try server.lookup(alice, ["liaison", "find", "kraków"])
        #expect(found.status == 0, "\(found.stderr)\n\(server.sshdLog)")
        #expect(found.stdout.contains("Jagiellonian University"))
        let refused = try server.lookup(bob, ["set", "utokyo", "city=Kyoto"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("over SSH only lookups run"))

        // Both dashboards open at once; each changes a different partner, then both save.
        let first = try server.dashboard(alice)
        let second = try server.dashboard(bob)
        #expect(first.wait(for: "Partners by region").contains("Partners by region"), "\(server.sshdLog)")
        second.wait(for: "Partners by region")
        try first.changeCity(of: "utokyo", to: "Tokyo by A")
        try second.changeCity(of: "ethz", to: "Zurich by B")
        try first.send("C-s")
        #expect(first.waitForStatus("saved"))
        try second.send("C-s")
        #expect(second.waitForStatus("saved, merged with changes others saved meanwhile"))

        // The same field: the first saver wins the race, the second is shown both values.
        try first.changeCity(of: "jagiellonian", to: "Krakow by A")
        try second.changeCity(of: "jagiellonian", to: "Krakow by B")
        try first.send("C-s")
        #expect(first.waitForStatus("saved"))
        try second.send("C-s")
        let conflict = second.wait(for: "Someone saved changes to the same values")
        #expect(conflict.contains("partner jagiellonian · City"))
        #expect(conflict.contains("yours:  \"Krakow by B\"") && conflict.contains("file's: \"Krakow by A\""), "\(conflict)")
        #expect(conflict.contains("saved by \(alice)"))
        try second.send("m", "Enter")
        #expect(second.waitForStatus("saved"))

        var partners = try NetworkFile.load(path: server.dataPath).network.partners
        func partner(_ id: String) -> Partner? { partners.first { $0.id == id } }
        #expect(partner("utokyo")?.city == "Tokyo by A")
        #expect(partner("utokyo")?.updatedBy == alice)
        #expect(partner("ethz")?.city == "Zurich by B")
        #expect(partner("ethz")?.updatedBy == bob)
        #expect(partner("jagiellonian")?.city == "Krakow by B")

        // Saved with umask 022, the file, its lock and its backup keep the group's rights.
        for path in [server.dataPath, server.dataPath + ".lock", server.dataPath + ".bak"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o660, "\(path)")
            #expect((attributes[.groupOwnerAccountName] as? String) == server.group, "\(path)")
        }
        let doctor = try server.lookup(bob, ["doctor"])
        #expect(doctor.status == 0, "\(doctor.stdout)")
        #expect(doctor.stdout.contains("ok       you        you (\(bob)) may read and save"))
        // ssh without a terminal: no TERM to set, and nothing asks a user without a shell to set it.
        #expect(doctor.stdout.contains("ok       terminal   a command over SSH, without a terminal"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("ok       history    \(server.dataPath).history.jsonl: group \(server.group), mode 0660"), "\(doctor.stdout)")

        // Under the forced command there is no shell to suspend to: Ctrl-Z stops nothing, and
        // the dashboard goes on.
        try first.send("C-z")
        // The terminal drops what was typed with a signal key, so the next key may be lost;
        // typed again, it is seen.
        var switched = false
        for _ in 0..<3 where !switched {
            try first.send("3")
            switched = first.wait(for: "Objectives 1/", seconds: 3).contains("Objectives 1/")
        }
        #expect(switched, "the dashboard goes on after Ctrl-Z")
        try first.send("q")
        #expect(first.exitStatus == 0)

        // Bob's connection drops with an edit not saved: the next connection offers it back.
        try second.changeCity(of: "minsk-bsu", to: "Minsk unsaved")
        let client = try #require(second.programPid)
        kill(client, SIGKILL)
        second.wait(for: "EXITED")
        #expect(server.waitUntilGone(bob), "Liaison ended with the connection")
        partners = try NetworkFile.load(path: server.dataPath).network.partners
        #expect(partner("minsk-bsu")?.city != "Minsk unsaved")

        let again = try server.dashboard(bob)
        #expect(again.wait(for: "from a session that ended without saving").contains("partner minsk-bsu"))
        try again.send("a")
        again.wait(for: "recovered change")
        try again.send("C-s")
        #expect(again.waitForStatus("saved"))
        try again.send("q")
        #expect(again.exitStatus == 0)
        partners = try NetworkFile.load(path: server.dataPath).network.partners
        #expect(partner("minsk-bsu")?.city == "Minsk unsaved")
        #expect(partner("jagiellonian")?.city == "Krakow by B")
    }
}
