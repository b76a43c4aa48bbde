import Foundation
import Testing
@testable import LiaisonCore

/// A group other than the process's own, to give the office's files: as root any group
/// (`users`), else one of the user's supplementary groups; nil if there is none.
enum OfficeGroup {
    static let gid: UInt32? = {
        if geteuid() == 0 { return getgrnam("users").map { UInt32($0.pointee.gr_gid) } }
        var list = [gid_t](repeating: 0, count: 256)
        let count = getgroups(Int32(list.count), &list)
        let own = getegid()
        let groups: [gid_t] = Array(list[0..<Int(max(count, 0))])
        return groups.first { $0 != own }.map { UInt32($0) }
    }()

    static var name: String { getgrgid(gid_t(gid!)).map { String(cString: $0.pointee.gr_name) } ?? "gid \(gid!)" }
}

/// An office deployment in a temporary directory, made with real modes and groups.
private struct OfficeFolder {
    let directory = TemporaryDirectory()
    var path: String { directory.file("network.json") }
    var folder: String { directory.path }

    /// The data file, made as a first saver with umask 022 would, then set to `mode`.
    init(fileMode: mode_t, directoryMode: mode_t, group: UInt32?) {
        let previous = umask(0o022)
        _ = directory.write("network.json", "{}")
        umask(previous)
        chmod(path, fileMode)
        chmod(folder, directoryMode)
        if let group {
            chown(path, uid_t.max, gid_t(group))
            chown(folder, uid_t.max, gid_t(group))
            // chown clears setgid on a directory for non-root; set the mode again after it.
            chmod(folder, directoryMode)
        }
    }

    /// A companion file (NAME.lock, NAME.bak) made under umask 022 with the process's own group.
    func make(_ name: String) -> String {
        let previous = umask(0o022)
        let target = directory.write(name, "")
        umask(previous)
        return target
    }

    /// The facts as a member of the group who is neither root nor the owner would see them.
    func facts(as account: Account? = nil) -> DeploymentFacts {
        var facts = DeploymentFacts.gather(path: path, terminal: TerminalFacts(term: "xterm-256color", drawnAs: "xterm-256color"))
        facts.account = account ?? Account(uid: 60_001, name: "bob", groups: [OfficeGroup.gid ?? UInt32(getegid())])
        return facts
    }

    func remove() { directory.remove() }
}

private extension [DeploymentCheck] {
    func about(_ subject: String) -> [DeploymentCheck] { filter { $0.subject == subject } }
    func status(of subject: String) -> DeploymentCheck.Status? { about(subject).map(\.status).max() }
}

/// Runs a fix command as a shell would, and says whether it worked.
private func run(_ command: String) -> Bool { system(command) == 0 }

@Suite("liaison doctor: the checks of a deployment", .serialized)
struct DeploymentCheckTests {
    @Test("a shared office folder (setgid 2770, file and lock 0660 in the group) is all right for a member",
          .enabled(if: OfficeGroup.gid != nil, "needs a second group to give the files (root, or a user in two groups)"))
    func sharedFolder() throws {
        let office = OfficeFolder(fileMode: 0o660, directoryMode: 0o2770, group: OfficeGroup.gid)
        defer { office.remove() }
        let lock = office.make("network.json.lock")
        chown(lock, uid_t.max, gid_t(OfficeGroup.gid!))
        chmod(lock, 0o660)
        let checks = office.facts().checks()
        for subject in ["directory", "file", "lock", "backup", "people", "you", "locking", "terminal"] {
            #expect(checks.status(of: subject) == .ok, "\(subject): \(checks.about(subject))")
        }
        #expect(checks.about("directory").first?.text.contains("files made in it get group \(OfficeGroup.name)") == true)
        #expect(checks.about("people").first?.text.contains("group \(OfficeGroup.name)") == true)
        #expect(checks.about("you").first?.text == "you (bob) may read and save \(office.path) as a member of \(OfficeGroup.name)")
    }

    @Test("a lock made 0644 in the maker's group (umask 022) stops the group's saves; the fix given makes it right",
          .enabled(if: OfficeGroup.gid != nil, "needs a second group to give the files (root, or a user in two groups)"))
    func lockOfOneUser() throws {
        let office = OfficeFolder(fileMode: 0o660, directoryMode: 0o2770, group: OfficeGroup.gid)
        defer { office.remove() }
        let lock = office.make("network.json.lock")
        chmod(lock, 0o600)
        let check = try #require(office.facts().checks().about("lock").first)
        #expect(check.status == .problem)
        #expect(check.text.contains("cannot take the lock"))
        #expect(check.fix == "chgrp \(OfficeGroup.name) \(lock) && chmod 0660 \(lock)")
        #expect(run(check.fix!))
        #expect(office.facts().checks().status(of: "lock") == .ok)
    }

    @Test("a folder the group may not write, without setgid, in another group: each is named with its fix, and the fixes work",
          .enabled(if: OfficeGroup.gid != nil, "needs a second group to give the files (root, or a user in two groups)"))
    func folderOfOneUser() throws {
        let office = OfficeFolder(fileMode: 0o660, directoryMode: 0o755, group: OfficeGroup.gid)
        defer { office.remove() }
        let checks = office.facts().checks().about("directory")
        #expect(checks.map(\.status) == [.problem, .warning])
        #expect(checks[0].fix == "chmod g+rwx \(office.folder)")
        #expect(checks[1].fix == "chmod g+s \(office.folder)")
        for check in checks { #expect(run(check.fix!)) }
        #expect(office.facts().checks().status(of: "directory") == .ok)

        // The folder in the maker's group instead of the office's: chgrp and 2770.
        chown(office.folder, uid_t.max, getegid())
        let other = try #require(office.facts().checks().about("directory").first)
        #expect(other.status == .problem && other.text.contains("belongs to group"))
        #expect(run(other.fix!))
        #expect(office.facts().checks().status(of: "directory") == .ok)
    }

    @Test("files every account may change, or a backup that shows more than the file, are problems")
    func exposedFiles() throws {
        let office = OfficeFolder(fileMode: 0o666, directoryMode: 0o777, group: nil)
        defer { office.remove() }
        let backup = office.make("network.json.bak")
        chmod(backup, 0o644)
        let checks = office.facts().checks()
        #expect(checks.about("directory").first?.status == .problem)
        #expect(checks.about("directory").first?.fix == "chmod o-w \(office.folder)")
        #expect(checks.about("file").first?.status == .problem)
        chmod(office.path, 0o660)
        let backupCheck = try #require(office.facts().checks().about("backup").first)
        #expect(backupCheck.status == .problem)
        #expect(backupCheck.text.contains("may be read by people who may not read the file"))
        #expect(run(backupCheck.fix!))
        #expect(office.facts().checks().status(of: "backup") == .ok)
    }

    @Test("a shared file in a sticky folder: a colleague cannot replace it")
    func stickyFolder() throws {
        let office = OfficeFolder(fileMode: 0o660, directoryMode: 0o1770, group: nil)
        defer { office.remove() }
        let check = try #require(office.facts().checks().about("directory").first { $0.text.contains("sticky") })
        #expect(check.status == .problem)
        #expect(check.fix == "chmod -t \(office.folder)")
    }

    @Test("you: a member saves, one added after logging in is told to log in again, an outsider is added to the office's group, root is told to ask as staff")
    func you() throws {
        let office = OfficeFolder(fileMode: 0o660, directoryMode: 0o2770, group: nil)
        defer { office.remove() }
        let intl: UInt32 = 60_100
        func you(_ account: Account, group: UInt32 = intl) -> DeploymentCheck? {
            var facts = office.facts(as: account)
            facts.file?.group = group
            facts.directory?.group = group
            facts.names.groups[intl] = "intl"
            facts.names.members[intl] = ["bob", "carol"]
            return facts.checks().about("you").first
        }

        #expect(you(Account(uid: 60_001, name: "bob", groups: [intl]))?.status == .ok)
        let late = try #require(you(Account(uid: 60_002, name: "carol", groups: [60_002], listedGroups: [60_002, intl])))
        #expect(late.status == .problem)
        #expect(late.text.contains("log out and in again"))
        #expect(late.fix == "newgrp intl")
        let outsider = try #require(you(Account(uid: 60_003, name: "dave", groups: [60_003])))
        #expect(outsider.status == .problem)
        #expect(outsider.fix == "usermod -aG intl dave")
        let root = you(Account(uid: 0, name: "root", groups: [0]))
        #expect(root?.status == .warning)
        #expect(root?.fix == "runuser -u bob -- liaison doctor \(office.path)")

        // Files in root's group: no one is to be added to it; the office gets a group of its own.
        let rootsGroup = try #require(you(Account(uid: 60_003, name: "dave", groups: [60_003]), group: 0))
        #expect(rootsGroup.status == .problem)
        #expect(rootsGroup.fix?.hasPrefix("groupadd office && chgrp office ") == true)
        #expect(rootsGroup.fix?.hasSuffix(" && usermod -aG office dave") == true)

        // A folder the group may not write: the fix is the folder's, not the file's.
        var readOnlyFolder = office.facts(as: Account(uid: 60_001, name: "bob", groups: [intl]))
        readOnlyFolder.file?.group = intl
        readOnlyFolder.directory?.group = intl
        readOnlyFolder.directory?.mode = 0o2750
        let folderBlocked = try #require(readOnlyFolder.checks().about("you").first)
        #expect(folderBlocked.status == .warning)
        #expect(folderBlocked.fix == "chmod g+rwx \(office.folder)")

        // A file the group may read only: a member may read, and the fix lets them save.
        chmod(office.path, 0o640)
        let viewer = try #require(you(Account(uid: 60_001, name: "bob", groups: [intl])))
        #expect(viewer.status == .warning)
        #expect(viewer.text.contains("the dashboard opens read-only"))
        #expect(viewer.fix == "chmod g+rw \(office.path)")
    }

    @Test("a folder one may not enter: the file is said to be out of reach, not missing, with the group to join, never root's")
    func folderOutOfReach() throws {
        let office = OfficeFolder(fileMode: 0o660, directoryMode: 0o2770, group: nil)
        defer { office.remove() }
        var facts = office.facts(as: Account(uid: 60_003, name: "dave", groups: [60_003]))
        // What lstat says to someone outside the folder's group (root passes everywhere).
        facts.file = nil
        facts.fileUnreachable = "Permission denied"
        facts.directory?.group = 60_100
        facts.names.groups[60_100] = "intl"
        let check = try #require(facts.checks().about("file").first)
        #expect(check.status == .problem)
        #expect(check.text.contains("cannot be looked at (Permission denied): you (dave) may not enter \(office.folder)"))
        #expect(check.fix == "usermod -aG intl dave")

        facts.directory?.group = 0
        let rootsFolder = try #require(facts.checks().about("file").first)
        #expect(rootsFolder.text.contains("which only root's group may enter"))
        #expect(rootsFolder.fix == nil)
    }

    @Test("the office's group: the setgid folder's; else the one most staff are in; root's only when there is no other")
    func officeGroup() throws {
        let office = OfficeFolder(fileMode: 0o660, directoryMode: 0o2770, group: nil)
        defer { office.remove() }
        var facts = office.facts()
        facts.names.members = [60_100: ["ana", "bob", "carol"], 60_200: ["dave"], 0: ["root"]]
        facts.directory?.group = 60_100
        facts.file?.group = 0
        #expect(facts.officeGroup == 60_100)
        facts.file?.group = 60_200
        #expect(facts.officeGroup == 60_100)
        facts.directory?.mode = 0o770
        #expect(facts.officeGroup == 60_100)
        facts.names.members[60_200] = ["dave", "erik", "fay", "gus"]
        #expect(facts.officeGroup == 60_200)
        facts.directory?.group = 0
        facts.file?.group = 0
        #expect(facts.officeGroup == 0)
        #expect(!facts.isOffice)
        // A setgid folder of root's group does not make root's group the office's.
        facts.directory?.mode = 0o2770
        facts.file?.group = 60_200
        #expect(facts.officeGroup == 60_200)
    }

    @Test("every problem and warning of a shared office comes with a fix")
    func everyFindingHasAFix() throws {
        let intl: UInt32 = 60_100
        for fileMode: mode_t in [0o600, 0o640, 0o644, 0o660, 0o666] {
            for directoryMode: mode_t in [0o755, 0o770, 0o2770, 0o3770, 0o777] {
                let office = OfficeFolder(fileMode: fileMode, directoryMode: directoryMode, group: nil)
                defer { office.remove() }
                for fileGroup: UInt32 in [intl, 0, 60_200] {
                    var facts = office.facts(as: Account(uid: 60_001, name: "bob", groups: [intl]))
                    facts.directory?.group = intl
                    facts.file?.group = fileGroup
                    facts.history = FileFacts(kind: .regular, mode: 0o600, owner: 0, group: 0)
                    facts.names.groups = [intl: "intl", 60_200: "maria", 0: "root"]
                    facts.names.members = [intl: ["bob", "maria"], 60_200: ["maria"]]
                    for check in facts.checks() where check.status != .ok && check.subject != "locking" {
                        #expect(check.fix != nil, "\(check)")
                        #expect(check.fix?.contains("usermod -aG root") != true && check.fix?.contains("chgrp root") != true, "\(check)")
                    }
                }
            }
        }
    }

    @Test("the lock is tried on the real file system: free, or held by a save going on")
    func locking() throws {
        let office = OfficeFolder(fileMode: 0o600, directoryMode: 0o700, group: nil)
        defer { office.remove() }
        #expect(office.facts().locking == .supported)
        let holder = open(office.make("network.json.lock"), O_RDWR)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX) == 0)
        #expect(office.facts().locking == .held)
        #expect(office.facts().checks().status(of: "locking") == .ok)
    }

    @Test("a missing file, a missing folder, a FIFO and a symbolic link are each named; none hangs")
    func oddFiles() throws {
        let office = OfficeFolder(fileMode: 0o600, directoryMode: 0o700, group: nil)
        defer { office.remove() }
        let terminal = TerminalFacts(term: "xterm", drawnAs: "xterm")
        let missing = DeploymentFacts.gather(path: office.folder + "/none/network.json", terminal: terminal).checks().about("file")
        #expect(missing.first?.fix == "mkdir -p \(office.folder)/none")
        let fifo = office.folder + "/fifo.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(DeploymentFacts.gather(path: fifo, terminal: terminal).checks().status(of: "file") == .problem)
        let link = office.folder + "/link.json"
        #expect(symlink(office.path, link) == 0)
        let linked = try #require(DeploymentFacts.gather(path: link, terminal: terminal).checks().about("file").first)
        #expect(linked.status == .warning)
        #expect(linked.fix?.hasSuffix("/network.json") == true && linked.fix?.hasPrefix("liaison doctor ") == true)
    }

    @Test("the locale: UTF-8 is fine; a missing UTF-8 locale gets localedef, LANG=C gets C.UTF-8; without C.UTF-8 it is a problem")
    func locale() throws {
        let office = OfficeFolder(fileMode: 0o600, directoryMode: 0o700, group: nil)
        defer { office.remove() }
        func check(_ locale: LocaleFacts) -> DeploymentCheck? {
            var facts = office.facts()
            facts.locale = locale
            return facts.checks().about("locale").first
        }
        #expect(check(LocaleFacts(variable: "LANG", value: "C.UTF-8", isInstalled: true, codeset: "UTF-8", hasUTF8Fallback: true))?.status == .ok)
        let forwarded = check(LocaleFacts(variable: "LANG", value: "de_DE.UTF-8", isInstalled: false, codeset: "", hasUTF8Fallback: true))
        #expect(forwarded?.status == .warning)
        #expect(forwarded?.fix?.hasPrefix("localedef -i de_DE -f UTF-8 de_DE.UTF-8") == true)
        let plain = check(LocaleFacts(variable: "LC_ALL", value: "C", isInstalled: true, codeset: "ANSI_X3.4-1968", hasUTF8Fallback: true))
        #expect(plain?.fix == "export LC_ALL=C.UTF-8")
        #expect(plain?.text.contains("switches to C.UTF-8") == true)
        #expect(check(LocaleFacts(variable: nil, value: "C", isInstalled: true, codeset: "ANSI_X3.4-1968", hasUTF8Fallback: false))?.status == .problem)
        // What this process's own environment gives is one of these.
        let current = LocaleFacts.current()
        #expect(current.isUTF8 == (current.isInstalled && current.codeset == "UTF-8"))
    }

    @Test("the terminal: known, drawn as a stand-in, unknown, or none; not checked without a terminal or over SSH")
    func terminal() throws {
        let office = OfficeFolder(fileMode: 0o600, directoryMode: 0o700, group: nil)
        defer { office.remove() }
        func check(_ term: String?, _ drawnAs: String?, outputIsTerminal: Bool = true, forcedCommand: Bool = false) -> DeploymentCheck? {
            var facts = office.facts()
            facts.terminal = TerminalFacts(term: term, drawnAs: drawnAs, outputIsTerminal: outputIsTerminal)
            facts.isForcedCommand = forcedCommand
            return facts.checks().about("terminal").first
        }
        #expect(check("tmux-256color", "tmux-256color")?.status == .ok)
        let kitty = check("xterm-kitty", "xterm-256color")
        #expect(kitty?.status == .warning)
        #expect(kitty?.fix == "tic -x xterm-kitty.ti")
        #expect(check("no-such", nil)?.status == .problem)
        #expect(check(nil, nil)?.status == .warning)
        let piped = try #require(check(nil, nil, outputIsTerminal: false))
        #expect(piped.status == .ok && piped.fix == nil)
        #expect(piped.text.contains("the output is not a terminal: the TERM check does not apply"))
        let overSSH = try #require(check("no-such", nil, forcedCommand: true))
        #expect(overSSH.status == .ok && overSSH.fix == nil)
        #expect(overSSH.text.contains("a command over SSH"))
    }

    @Test("the locale over SSH with a forced command: the fix is sshd's SetEnv, which the administrator applies")
    func localeOverSSH() throws {
        let office = OfficeFolder(fileMode: 0o600, directoryMode: 0o700, group: nil)
        defer { office.remove() }
        var facts = office.facts()
        facts.isForcedCommand = true
        facts.locale = LocaleFacts(variable: "LANG", value: "C", isInstalled: true, codeset: "ANSI_X3.4-1968", hasUTF8Fallback: true)
        let plain = try #require(facts.checks().about("locale").first)
        #expect(plain.status == .warning)
        #expect(plain.fix == "echo 'SetEnv LANG=C.UTF-8' >> /etc/ssh/sshd_config.d/liaison.conf && systemctl reload ssh")
        facts.locale = LocaleFacts(variable: "LC_ALL", value: "de_DE.UTF-8", isInstalled: false, codeset: "", hasUTF8Fallback: true)
        let forwarded = try #require(facts.checks().about("locale").first)
        #expect(forwarded.fix == "localedef -i de_DE -f UTF-8 de_DE.UTF-8   (or: echo 'SetEnv LC_ALL=C.UTF-8' >> /etc/ssh/sshd_config.d/liaison.conf && systemctl reload ssh)")
    }

    @Test("fix commands quote what a shell would split or expand")
    func quoting() {
        #expect(ShellWord.command("chmod", "g+s", "/srv/office files/it's") == "chmod g+s '/srv/office files/it'\\''s'")
        #expect(ShellWord.command("chgrp", "intl", "/srv/liaison/network.json") == "chgrp intl /srv/liaison/network.json")
        #expect(ShellWord.quote("$(reboot)") == "'$(reboot)'")
    }
}
