import Foundation
import Testing
import LiaisonCore

/// An office set up as docs/deployment.md says, with real accounts made for one test and
/// removed after it: a group `ldt…`, two staff members in it (umask 022), a setgid folder 2770
/// of the group and the network file 0660 in it. Doctor runs as a staff member (runuser); the
/// fixes it gives run as root in a shell, as the server's administrator would run them.
final class DoctorOffice {
    static let runuser = "/usr/sbin/runuser"
    static let hasTools = FileManager.default.isExecutableFile(atPath: runuser) && Tools.onPath("useradd")

    let group: String
    let staff: [String]
    let folder: String
    var path: String { folder + "/network.json" }
    var historyPath: String { path + ".history.jsonl" }

    init() throws {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        group = "ldt\(tag)"
        staff = ["ldt\(tag)m", "ldt\(tag)j"]
        folder = try CLI.copyOfSample("doctor-office").directory
        try SSHServer.run("/usr/sbin/groupadd", [group])
        for user in staff {
            try SSHServer.run("/usr/sbin/useradd", ["-M", "-s", "/usr/sbin/nologin", "-G", group, user])
        }
        try SSHServer.run("/bin/chgrp", ["-R", group, folder])
        chmod(folder, 0o2770)
        chmod(path, 0o660)
    }

    deinit {
        for user in staff { _ = try? SSHServer.run("/usr/sbin/userdel", [user]) }
        _ = try? SSHServer.run("/usr/sbin/groupdel", [group])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs liaison as the first staff member, with umask 022, in a UTF-8 locale.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        let command = "umask 022; exec \"$0\" \"$@\""
        return try CLI.run(["-u", staff[0], "--", "/bin/sh", "-c", command, CLI.binary] + arguments,
                           environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "HOME": folder].merging(environment) { $1 },
                           data: path, program: Self.runuser)
    }

    /// `liaison doctor --json` as the first staff member: its exit status and its checks.
    func doctor(environment: [String: String] = [:]) throws -> (status: Int32, checks: [DoctorFinding]) {
        let result = try run(["doctor", "--json", path], environment: environment)
        let document = try #require(try CLI.json(result.stdout) as? [String: Any], "\(result.stdout)\(result.stderr)")
        let checks = try #require(document["checks"] as? [[String: Any]])
        return (result.status, checks.map(DoctorFinding.init))
    }

    /// Runs every fix doctor gives for a problem or warning, as root in a shell, and says
    /// which did not work. Each problem and warning must have one.
    func applyFixes(_ checks: [DoctorFinding]) -> [String] {
        var failed: [String] = []
        for check in checks where check.status != "ok" {
            guard let fix = check.fix else {
                failed.append("\(check.subject): no fix for \(check.text)")
                continue
            }
            if system(fix) != 0 { failed.append("\(check.subject): \(fix)") }
        }
        return failed
    }
}

/// One check of `liaison doctor --json`.
struct DoctorFinding: CustomStringConvertible {
    var subject: String
    var status: String
    var text: String
    var fix: String?

    init(_ json: [String: Any]) {
        subject = json["subject"] as? String ?? ""
        status = json["status"] as? String ?? ""
        text = json["text"] as? String ?? ""
        fix = json["fix"] as? String
    }

    var description: String { "\(status) \(subject): \(text)\(fix.map { " [fix: \($0)]" } ?? "")" }
}

private extension [DoctorFinding] {
    func about(_ subject: String) -> DoctorFinding? { first { $0.subject == subject } }
    var notOK: [DoctorFinding] { filter { $0.status != "ok" } }
}

@Suite("liaison doctor: the fixes it gives work, with real accounts and groups", .serialized,
       .enabled(if: geteuid() == 0, "needs root to add the office's accounts"),
       .enabled(if: Tools.onCI || DoctorOffice.hasTools, "needs runuser (util-linux) and useradd (passwd); .ci/run installs them"))
struct DoctorFixTests {
    @Test("the office as docs/deployment.md sets it up: nothing wrong for a staff member")
    func setUpAsDocumented() throws {
        let office = try DoctorOffice()
        let (status, checks) = try office.doctor()
        #expect(status == 0)
        #expect(checks.notOK.isEmpty, "\(checks)")
        #expect(checks.about("you")?.text == "you (\(office.staff[0])) may read and save \(office.path) as a member of \(office.group)")
    }

    @Test("chgrp root FILE: the file gets the office's group back; no one is added to root, the folder stays the office's")
    func fileInRootsGroup() throws {
        let office = try DoctorOffice()
        try SSHServer.run("/bin/chgrp", ["root", office.path])
        let (status, checks) = try office.doctor()
        #expect(status == 1)
        let file = try #require(checks.about("file"))
        #expect(file.status == "problem")
        #expect(file.text.contains("has group root, but the office's group is \(office.group)"))
        #expect(file.fix == "chgrp \(office.group) \(office.path)")
        #expect(checks.about("directory")?.status == "ok", "\(checks)")
        #expect(checks.about("you")?.fix == "chgrp \(office.group) \(office.path)")
        for check in checks {
            #expect(check.fix?.contains("usermod -aG root") != true && check.fix?.contains("chgrp root") != true, "\(check)")
        }
        #expect(office.applyFixes(checks).isEmpty)
        let after = try office.doctor()
        #expect(after.status == 0 && after.checks.notOK.isEmpty, "\(after.checks)")
    }

    @Test("chgrp root FILE and chmod 0600 FILE at once: one fix gives the group back and lets it read and save")
    func fileInRootsGroupAndPrivate() throws {
        let office = try DoctorOffice()
        try SSHServer.run("/bin/chgrp", ["root", office.path])
        chmod(office.path, 0o600)
        let (status, checks) = try office.doctor()
        #expect(status == 1)
        #expect(checks.about("file")?.fix == "chgrp \(office.group) \(office.path) && chmod g+rw \(office.path)")
        #expect(checks.about("you")?.fix == "chgrp \(office.group) \(office.path) && chmod g+rw \(office.path)")
        #expect(office.applyFixes(checks).isEmpty)
        let after = try office.doctor()
        #expect(after.status == 0 && after.checks.notOK.isEmpty, "\(after.checks)")
    }

    @Test("without the setgid bit, the group most staff are in is the office's, not the file's maker's own")
    func fileInAStaffMembersOwnGroup() throws {
        let office = try DoctorOffice()
        chmod(office.folder, 0o770)
        // useradd gave each account a group of its own name, with only that account in it.
        try SSHServer.run("/bin/chgrp", [office.staff[1], office.path])
        let (status, checks) = try office.doctor()
        #expect(status == 1)
        #expect(checks.about("file")?.fix == "chgrp \(office.group) \(office.path)", "\(checks)")
        #expect(checks.about("file")?.text.contains("the group most of the staff are in") == true)
        #expect(office.applyFixes(checks).isEmpty)
        let after = try office.doctor()
        #expect(after.status == 0 && after.checks.notOK.isEmpty, "\(after.checks)")
    }

    @Test("chmod 0644 FILE: the group may not save, a problem with chmod g+rw; chmod 0600: you may not read, with the same fix",
          arguments: [0o644, 0o600] as [mode_t])
    func fileTheGroupMayNotSave(mode: mode_t) throws {
        let office = try DoctorOffice()
        chmod(office.path, mode)
        let (status, checks) = try office.doctor()
        #expect(status == 1)
        let file = try #require(checks.about("file"))
        #expect(file.status == "problem")
        #expect(file.fix == "chmod g+rw \(office.path)")
        let you = try #require(checks.about("you"))
        #expect(you.text.contains(mode == 0o600 ? "may not read" : "the dashboard opens read-only"), "\(you)")
        #expect(you.fix == "chmod g+rw \(office.path)")
        #expect(office.applyFixes(checks).isEmpty)
        let after = try office.doctor()
        #expect(after.status == 0 && after.checks.notOK.isEmpty, "\(after.checks)")
        #expect(try office.run(["set", "utokyo", "city=Bunkyo"]).status == 0)
    }

    @Test("a history staff may not add to (root:root 0600), one every account may read, or a link: problems whose fixes let the next save add to it")
    func history() throws {
        let office = try DoctorOffice()
        #expect(try office.doctor().checks.about("history")?.text.contains("does not exist yet; the first save makes it with group \(office.group), mode 0660") == true)
        let first = try office.run(["set", "utokyo", "city=Bunkyo"])
        #expect(first.status == 0 && !first.stderr.contains("history"), "\(first.stderr)")
        #expect(try office.doctor().checks.about("history")?.status == "ok")

        for (owner, mode) in [("root:root", "600"), ("root:\(office.group)", "664")] {
            try SSHServer.run("/bin/chown", [owner, office.historyPath])
            try SSHServer.run("/bin/chmod", [mode, office.historyPath])
            if owner == "root:root" {
                // What staff see before the fix: the save warns that the history cannot be added to.
                let warned = try office.run(["set", "utokyo", "city=Bunkyo City"])
                #expect(warned.stderr.contains("cannot be opened to add to the history: Permission denied"), "\(warned.stderr)")
            }
            let (status, checks) = try office.doctor()
            #expect(status == 1)
            let history = try #require(checks.about("history"))
            #expect(history.status == "problem", "\(history)")
            #expect(history.fix == "chgrp \(office.group) \(office.historyPath) && chmod 0660 \(office.historyPath)")
            #expect(office.applyFixes(checks).isEmpty)
            #expect(try office.doctor().status == 0)
        }
        let save = try office.run(["set", "utokyo", "city=Tokyo"])
        #expect(save.status == 0 && !save.stderr.contains("history"), "\(save.stderr)")
        #expect(try office.run(["history", "utokyo"]).status == 0)

        // A link in the history's place: removing it lets the next save make the history anew.
        try FileManager.default.moveItem(atPath: office.historyPath, toPath: office.folder + "/kept.jsonl")
        try FileManager.default.createSymbolicLink(atPath: office.historyPath, withDestinationPath: office.folder + "/kept.jsonl")
        let linked = try office.doctor()
        #expect(linked.checks.about("history")?.status == "problem")
        #expect(office.applyFixes(linked.checks).isEmpty)
        #expect(try office.doctor().status == 0)
    }

    @Test("temporaries of killed saves: a note saying how many and that the next save removes them; it does")
    func leftovers() throws {
        let office = try DoctorOffice()
        for name in ["Ab12Cd", "xY9zQ0"] {
            _ = FileManager.default.createFile(atPath: "\(office.folder)/.network.json.liaison-\(name)", contents: Data("{".utf8))
        }
        let (status, checks) = try office.doctor()
        #expect(status == 0)
        let note = try #require(checks.about("leftovers"))
        #expect(note.status == "ok")
        #expect(note.text.hasPrefix("2 temporary files of saves that were stopped"))
        #expect(note.text.hasSuffix("the next save removes them"))
        #expect(try office.run(["set", "utokyo", "city=Bunkyo"]).status == 0)
        #expect(try office.doctor().checks.about("leftovers") == nil)
    }

    @Test("a lookup over SSH (SSH_ORIGINAL_COMMAND, no terminal): the TERM check does not apply, the locale's fix is sshd's")
    func forcedCommand() throws {
        let office = try DoctorOffice()
        let result = try office.run(["doctor", office.path], environment: ["SSH_ORIGINAL_COMMAND": "doctor", "LANG": "C", "TERM": ""])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("TERM is not set"))
        #expect(result.stdout.contains("ok       terminal   a command over SSH, without a terminal: the TERM check does not apply"))
        #expect(result.stdout.contains("fix: echo 'SetEnv LANG=C.UTF-8' >> /etc/ssh/sshd_config.d/liaison.conf"))
    }
}
