/// The rules of a shared deployment, applied to the facts. The office's group (`officeGroup`)
/// is the one the folder, the file, its lock, backup and history should all have and staff
/// should be in; each rule says what it found in plain words and, where a command fixes it,
/// that command, which moves what is odd towards the office's group.
extension DeploymentFacts {
    public func checks() -> [DeploymentCheck] {
        var checks: [DeploymentCheck] = []
        if let file, file.kind == .regular {
            let office = officeGroup ?? file.group
            checks += directoryChecks(file: file, office: office)
            checks += fileChecks(file, office: office)
            for companion in Companion.allCases {
                checks.append(companionCheck(companion, file: file, office: office))
            }
            if leftoverTemporaries > 0 { checks.append(leftoversCheck()) }
            checks.append(peopleCheck(file))
            checks.append(yourCheck(file, office: office))
            checks.append(lockingCheck())
        } else {
            checks.append(missingFileCheck())
        }
        checks.append(localeCheck())
        checks.append(terminalCheck())
        return checks
    }

    private func missingFileCheck() -> DeploymentCheck {
        if let reason = fileUnreachable {
            let inGroup = directory.map { account.groups.contains($0.group) } ?? true
            let joinable = directory.map { !inGroup && $0.group != Self.rootGroup } ?? false
            let whose = directory.map {
                inGroup ? "" : $0.group == Self.rootGroup ? ", which only root's group may enter; give the folder the office's group (docs/deployment.md)"
                    : ", which is for group \(names.group($0.group)); after this, log in again"
            } ?? ""
            return DeploymentCheck("file", .problem,
                "\(path) cannot be looked at (\(reason)): you (\(account.name)) may not enter \(directoryPath)\(whose)",
                fix: joinable ? directory.map { ShellWord.command("usermod", "-aG", names.group($0.group), account.name) } : nil)
        }
        guard let file else {
            if directory == nil {
                return DeploymentCheck("file", .problem, "\(path) does not exist, nor does its directory \(directoryPath)",
                                       fix: ShellWord.command("mkdir", "-p", directoryPath))
            }
            return DeploymentCheck("file", .problem, "\(path) does not exist; copy the network file there (liaison validate checks it)")
        }
        if file.kind == .symbolicLink {
            let target = linkTarget
            return DeploymentCheck("file", .warning,
                                   "\(path) is a symbolic link\(target.map { " to \($0)" } ?? " that leads nowhere"); check the file itself",
                                   fix: target.map { ShellWord.command("liaison", "doctor", $0) })
        }
        return DeploymentCheck("file", .problem, "\(path) is not a regular file; Liaison reads and saves only regular files")
    }

    /// Why the office's group is the one it is, in words.
    private func officeGroupReason(_ office: UInt32) -> String {
        if let directory, directory.isSetGroupID, directory.group == office {
            return "the group of its folder, which files made there get"
        }
        return "the group most of the staff are in"
    }

    // MARK: The directory

    private func directoryChecks(file: FileFacts, office: UInt32) -> [DeploymentCheck] {
        guard let directory else { return [] }
        let group = names.group(office)
        let shared = isOffice || file.allowsGroup(Access.write)
        var checks: [DeploymentCheck] = []
        if directory.allowsOthers(Access.write) && !directory.isSticky {
            checks.append(DeploymentCheck("directory", .problem,
                "every account on this server may create, replace and delete files in \(directoryPath), the network file too",
                fix: ShellWord.command("chmod", "o-w", directoryPath)))
        }
        if directory.allowsOthers(Access.write) && directory.isSticky {
            let folder = directoryPath == "/" ? "/office" : directoryPath + "/office"
            checks.append(DeploymentCheck("directory", .warning,
                "every account on this server may create files in \(directoryPath) (a shared folder such as /tmp): someone could make the lock or the backup before the first save; give the office a folder of its own (docs/deployment.md)",
                fix: ShellWord.command("install", "-d", "-m", shared ? "2770" : "0700", "-g", group, folder)
                    + " && " + ShellWord.command("mv", path, folder + "/")))
        }
        if shared && directory.isSticky {
            checks.append(DeploymentCheck("directory", .problem,
                "\(directoryPath) has the sticky bit: only a file's owner may replace it there, so a colleague's save fails",
                fix: ShellWord.command("chmod", "-t", directoryPath)))
        }
        if shared && directory.group == office && !directory.allowsGroup(Access.write | Access.search) {
            checks.append(DeploymentCheck("directory", .problem,
                "group \(group) may change \(path) but not create files in \(directoryPath), which a save does (its temporary file and the backup)",
                fix: ShellWord.command("chmod", "g+rwx", directoryPath)))
        }
        if shared && directory.group != office {
            checks.append(DeploymentCheck("directory", .problem,
                "\(directoryPath) belongs to group \(names.group(directory.group)), but the office's group is \(group) (\(officeGroupReason(office))): members of \(group) may not be able to save there",
                fix: ShellWord.command("chgrp", group, directoryPath) + " && " + ShellWord.command("chmod", "2770", directoryPath)))
        } else if shared && !directory.isSetGroupID {
            checks.append(DeploymentCheck("directory", .warning,
                "\(directoryPath) has no setgid bit: a file made in it gets its maker's own group. Liaison's saves keep group \(group), but a file copied in by hand would not",
                fix: ShellWord.command("chmod", "g+s", directoryPath)))
        }
        if checks.isEmpty {
            let sharing = shared ? (directory.isSetGroupID ? "; members of \(group) may save in it, and files made in it get group \(group)" : "; members of \(group) may save in it") : ""
            checks.append(DeploymentCheck("directory", .ok,
                "\(directoryPath): owner \(names.user(directory.owner)), group \(names.group(directory.group)), mode \(directory.octal)\(sharing)"))
        }
        return checks
    }

    // MARK: The file, its lock, backup and history

    private func fileChecks(_ file: FileFacts, office: UInt32) -> [DeploymentCheck] {
        var checks: [DeploymentCheck] = []
        if file.allowsOthers(Access.write) {
            checks.append(DeploymentCheck("file", .problem, "every account on this server may change \(path)",
                                          fix: ShellWord.command("chmod", "o-rwx", path)))
        } else if file.allowsOthers(Access.read) && (directory?.allowsOthers(Access.search) ?? true) {
            checks.append(DeploymentCheck("file", .warning,
                "every account on this server may read \(path), and with it the contacts' personal data",
                fix: ShellWord.command("chmod", "o-rwx", path)))
        }
        let group = names.group(office)
        if isOffice && file.group != office {
            checks.append(DeploymentCheck("file", .problem,
                "\(path) has group \(names.group(file.group)), but the office's group is \(group) (\(officeGroupReason(office))): members of \(group) may neither read nor save it",
                fix: ShellWord.command("chgrp", group, path)
                    + (file.allowsGroup(Access.read | Access.write) ? "" : " && " + ShellWord.command("chmod", "g+rw", path))))
        } else if isOffice && !file.allowsGroup(Access.read | Access.write) {
            let may = file.allowsGroup(Access.read) ? "may read \(path) but not save it" : "may neither read nor save \(path)"
            checks.append(DeploymentCheck("file", .problem, "\(path) has mode \(file.octal): members of \(group) \(may)",
                                          fix: ShellWord.command("chmod", "g+rw", path)))
        }
        if checks.isEmpty {
            checks.append(DeploymentCheck("file", .ok,
                "\(path): owner \(names.user(file.owner)), group \(names.group(file.group)), mode \(file.octal)"))
        }
        return checks
    }

    /// The files a save keeps beside the data file. Each should have the office's group and the
    /// file's mode (the lock and the trail without execute bits, the trail without world bits),
    /// as Liaison makes them: then whoever may save may take the lock and add to the trail, and
    /// the backup and the trail show no one what the file hides.
    enum Companion: CaseIterable {
        case lock, backup, history

        var subject: String {
            switch self {
            case .lock: "lock"
            case .backup: "backup"
            case .history: "history"
            }
        }

        /// The bits of the file's mode the companion takes.
        var allowed: UInt32 { self == .history ? 0o660 : 0o666 }

        var madeBy: String {
            switch self {
            case .lock: "the first save makes it"
            case .backup: "the first save keeps the previous version there"
            case .history: "the first save makes it"
            }
        }
    }

    /// The mode the file should have: the one it has, with read and write for the office's group.
    private func wantedMode(of file: FileFacts) -> UInt32 { isOffice ? file.mode | 0o060 : file.mode }

    private func companionPath(_ companion: Companion) -> String {
        switch companion {
        case .lock: lockPath
        case .backup: backupPath
        case .history: historyPath
        }
    }

    private func companionFacts(_ companion: Companion) -> FileFacts? {
        switch companion {
        case .lock: lock
        case .backup: backup
        case .history: history
        }
    }

    private func companionCheck(_ companion: Companion, file: FileFacts, office: UInt32) -> DeploymentCheck {
        let subject = companion.subject
        let companionPath = companionPath(companion)
        let wanted = FileFacts(kind: .regular, mode: wantedMode(of: file) & companion.allowed, owner: file.owner, group: office)
        let group = names.group(office)
        guard let found = companionFacts(companion) else {
            return DeploymentCheck(subject, .ok, "\(companionPath) does not exist yet; \(companion.madeBy) with group \(group), mode \(wanted.octal)")
        }
        guard found.kind == .regular else {
            return DeploymentCheck(subject, .problem, "\(companionPath) is not a regular file (a link or a special file); Liaison needs it to be one",
                                   fix: ShellWord.command("rm", companionPath))
        }
        guard found.group != office || found.mode != wanted.mode else {
            return DeploymentCheck(subject, .ok, "\(companionPath): group \(group), mode \(found.octal), as it should be")
        }
        let fix = ShellWord.command("chgrp", group, companionPath) + " && " + ShellWord.command("chmod", wanted.octal, companionPath)
        let foundText = "\(companionPath) has group \(names.group(found.group)), mode \(found.octal); it should have group \(group), mode \(wanted.octal)"
        let groupMay = { (access: UInt32) in found.allowsOthers(access) || (found.group == office && found.allowsGroup(access)) }
        switch companion {
        case .lock where isOffice && !groupMay(Access.read):
            return DeploymentCheck(subject, .problem, "\(foundText): members of \(group) cannot take the lock, so their saves fail", fix: fix)
        case .history where found.mode & 0o007 != 0:
            return DeploymentCheck(subject, .problem,
                "\(foundText): every account on this server may \(found.allowsOthers(Access.write) ? "change" : "read") the history, with the old and new value of every change",
                fix: fix)
        case .history where isOffice && !groupMay(Access.read | Access.write):
            return DeploymentCheck(subject, .problem,
                "\(foundText): members of \(group) cannot add to the history, so each of their saves warns and liaison history fails for them",
                fix: fix)
        case .backup where (found.allowsOthers(Access.read) && !file.allowsOthers(Access.read))
            || (found.group != office && found.group != file.group && found.allowsGroup(Access.read)):
            return DeploymentCheck(subject, .problem, "\(foundText): the previous version may be read by people who may not read the file", fix: fix)
        default:
            return DeploymentCheck(subject, .warning, foundText, fix: fix)
        }
    }

    /// Temporaries of killed saves: harmless, and the next save clears them, so only a note.
    private func leftoversCheck() -> DeploymentCheck {
        let many = leftoverTemporaries == 1 ? "1 temporary file" : "\(leftoverTemporaries) temporary files"
        return DeploymentCheck("leftovers", .ok,
            "\(many) of saves that were stopped before they ended (.\(POSIX.fileName(of: path)).liaison-XXXXXX) in \(directoryPath); the next save removes them")
    }

    // MARK: People

    private func peopleCheck(_ file: FileFacts) -> DeploymentCheck {
        func rights(_ read: Bool, _ write: Bool) -> String {
            write ? (read ? "read and save" : "save but not read") : read ? "read only" : "nothing"
        }
        let members = names.members[file.group] ?? []
        let groupText = "group \(names.group(file.group))" + (members.isEmpty ? " (no members)" : " (\(members.joined(separator: ", ")))")
        let parts = [
            "\(names.user(file.owner)) (owner): \(rights(file.allowsOwner(Access.read), file.allowsOwner(Access.write)))",
            "\(groupText): \(rights(file.allowsGroup(Access.read), file.allowsGroup(Access.write)))",
            "everyone else: \(rights(file.allowsOthers(Access.read), file.allowsOthers(Access.write)))",
        ]
        return DeploymentCheck("people", .ok, parts.joined(separator: "; "))
    }

    private func yourCheck(_ file: FileFacts, office: UInt32) -> DeploymentCheck {
        let group = names.group(office)
        if account.isRoot {
            let staff = staff(in: office).isEmpty ? [names.user(file.owner)] : staff(in: office)
            let someone = staff.first { $0 != "root" && !$0.hasPrefix("uid ") } ?? "NAME"
            return DeploymentCheck("you", .warning,
                "you are root, who may do everything: this says nothing of what staff may do; run doctor as one of them",
                fix: ShellWord.command("runuser", "-u", someone, "--", "liaison", "doctor", path))
        }
        let isOwner = account.uid == file.owner
        if !isOwner && !account.groups.contains(office) && account.listedGroups.contains(office) {
            return DeploymentCheck("you", .problem,
                "you (\(account.name)) were added to group \(group) after logging in: log out and in again (a new SSH connection) to get its rights",
                fix: ShellWord.command("newgrp", group))
        }
        let maySave = file.allows(Access.read | Access.write, to: account)
            && (directory?.allows(Access.write | Access.search, to: account) ?? false)
            && !((directory?.isSticky ?? false) && !isOwner)
        if maySave {
            let via = isOwner ? "as the owner" : account.groups.contains(file.group) ? "as a member of \(names.group(file.group))" : "as everyone may"
            return DeploymentCheck("you", .ok, "you (\(account.name)) may read and save \(path) \(via)")
        }
        if !isOwner && !account.groups.contains(office) && office == Self.rootGroup {
            let setUp = [
                ShellWord.command("groupadd", "office"),
                ShellWord.command("chgrp", "office", directoryPath, path),
                ShellWord.command("chmod", "2770", directoryPath),
                ShellWord.command("chmod", "g+rw", path),
                ShellWord.command("usermod", "-aG", "office", account.name),
            ]
            return DeploymentCheck("you", .problem,
                "you (\(account.name)) may not \(file.allows(Access.read, to: account) ? "save" : "read") \(path): it belongs to root's group, which no staff should be in; give the office a group of its own (docs/deployment.md)",
                fix: setUp.joined(separator: " && "))
        }
        let blocks = yourBlocks(file, office: office)
        let fix = blocks.compactMap(\.fix)
        let reasons = blocks.map(\.reason).joined(separator: "; ")
        if file.allows(Access.read, to: account) {
            return DeploymentCheck("you", .warning,
                "you (\(account.name)) may read \(path) but not save it, so the dashboard opens read-only: \(reasons)",
                fix: fix.isEmpty ? nil : fix.joined(separator: " && "))
        }
        return DeploymentCheck("you", .problem, "you (\(account.name)) may not read \(path): \(reasons)",
                               fix: fix.isEmpty ? nil : fix.joined(separator: " && "))
    }

    /// What keeps the account from saving the file, each with the command that lifts it,
    /// towards the office's group: none when it may save.
    private func yourBlocks(_ file: FileFacts, office: UInt32) -> [(reason: String, fix: String?)] {
        let group = names.group(office)
        let isOwner = account.uid == file.owner
        var blocks: [(reason: String, fix: String?)] = []
        // As the account will be once in the office's group, to find what else is in the way.
        var member = account
        if !isOwner && !account.groups.contains(office) {
            if isOffice || (file.group == office && file.allowsGroup(Access.read)) {
                blocks.append(("you are not in group \(group), the office's; after this, log in again",
                               ShellWord.command("usermod", "-aG", group, account.name)))
                member.groups.insert(office)
            } else if !file.allows(Access.read | Access.write, to: account) {
                blocks.append(("it is \(names.user(file.owner))'s own (group \(names.group(file.group)), mode \(file.octal)); to share it, give the office a group (docs/deployment.md)", nil))
                return blocks
            }
        }
        if !isOwner && member.groups.contains(office) && file.group != office {
            blocks.append(("it has group \(names.group(file.group)), not the office's \(group)", ShellWord.command("chgrp", group, path)))
            member.groups.insert(file.group)
        }
        if !file.allows(Access.read | Access.write, to: member) {
            blocks.append(("its mode \(file.octal) does not let \(isOwner ? "its owner" : "the group") read and save it",
                           ShellWord.command("chmod", isOwner ? "u+rw" : "g+rw", path)))
        }
        guard let directory else { return blocks }
        if !directory.allows(Access.write | Access.search, to: member) {
            if directory.owner == account.uid {
                blocks.append(("you may not create files in \(directoryPath)", ShellWord.command("chmod", "u+rwx", directoryPath)))
            } else if directory.group != office {
                blocks.append(("\(directoryPath) has group \(names.group(directory.group)), not the office's \(group)",
                               ShellWord.command("chgrp", group, directoryPath) + " && " + ShellWord.command("chmod", "2770", directoryPath)))
            } else {
                blocks.append(("group \(group) may not create files in \(directoryPath)", ShellWord.command("chmod", "g+rwx", directoryPath)))
            }
        }
        if directory.isSticky && !isOwner {
            blocks.append(("\(directoryPath) has the sticky bit: only the owner may replace the file", ShellWord.command("chmod", "-t", directoryPath)))
        }
        return blocks
    }

    // MARK: The system

    private func lockingCheck() -> DeploymentCheck {
        switch locking {
        case .supported:
            return DeploymentCheck("locking", .ok, "the file system of \(directoryPath) takes the lock a save takes (flock)")
        case .held:
            return DeploymentCheck("locking", .ok, "someone holds the save lock right now (a save going on): the file system takes locks")
        case .unsupported(let reason):
            return DeploymentCheck("locking", .problem,
                "the file system of \(directoryPath) does not take flock locks (\(reason)): two saves at once could overwrite each other; keep the file on a local file system")
        case .untried(let reason):
            return DeploymentCheck("locking", .warning, "the lock could not be tried: \(reason)")
        }
    }

    private func localeCheck() -> DeploymentCheck {
        let setting = locale.variable.map { "\($0)=\(locale.value)" } ?? "no LANG (the C locale)"
        if locale.isUTF8 {
            return DeploymentCheck("locale", .ok, "the locale (\(setting)) is UTF-8")
        }
        let what = locale.isInstalled ? "the locale (\(setting)) is not UTF-8" : "the locale \(setting) is not installed on this server"
        guard locale.hasUTF8Fallback else {
            return DeploymentCheck("locale", .problem, "\(what), and C.UTF-8 is missing too: names outside ASCII cannot be shown",
                                   fix: "apt-get install locales && localedef -i en_US -f UTF-8 en_US.UTF-8")
        }
        let doing = "\(what); the dashboard switches to C.UTF-8 for its own output and says so on its status line"
        let useFallback = useUTF8Fallback(locale.variable ?? "LANG")
        // A UTF-8 locale SSH forwarded but the server lacks can be made; else C.UTF-8 is there.
        let parts = locale.value.split(separator: ".", maxSplits: 1)
        if !locale.isInstalled, parts.count == 2, ["utf-8", "utf8"].contains(parts[1].lowercased()) {
            return DeploymentCheck("locale", .warning, doing,
                                   fix: ShellWord.command("localedef", "-i", String(parts[0]), "-f", "UTF-8", locale.value) + "   (or: \(useFallback))")
        }
        return DeploymentCheck("locale", .warning, isForcedCommand ? doing + "; sshd gives this session its locale, so the fix is the server administrator's" : doing,
                               fix: useFallback)
    }

    /// How to use C.UTF-8: in one's own shell, or, for a user whose SSH key runs Liaison with no
    /// shell, in sshd's configuration (SetEnv overrides what the client sends with AcceptEnv).
    private func useUTF8Fallback(_ variable: String) -> String {
        guard isForcedCommand else { return "export \(variable)=C.UTF-8" }
        return "echo " + ShellWord.quote("SetEnv \(variable)=C.UTF-8") + " >> /etc/ssh/sshd_config.d/liaison.conf && systemctl reload ssh"
    }

    private func terminalCheck() -> DeploymentCheck {
        if isForcedCommand {
            return DeploymentCheck("terminal", .ok,
                "a command over SSH, without a terminal: the TERM check does not apply (the dashboard, ssh -t, gets the type of the terminal it is started from)")
        }
        if !terminal.outputIsTerminal {
            return DeploymentCheck("terminal", .ok,
                "the output is not a terminal: the TERM check does not apply (run doctor in the terminal the dashboard is to run in)")
        }
        guard let term = terminal.term, !term.isEmpty, term != "dumb" else {
            return DeploymentCheck("terminal", .warning,
                "TERM is \(terminal.term == "dumb" ? "dumb" : "not set"): the dashboard cannot start here, the lookups work (ssh -t gives a terminal)",
                fix: "export TERM=xterm-256color")
        }
        guard let drawnAs = terminal.drawnAs else {
            return DeploymentCheck("terminal", .problem, "TERM=\(term) is not a terminal type this system knows: the dashboard will not start",
                                   fix: "export TERM=xterm-256color")
        }
        if drawnAs != term {
            return DeploymentCheck("terminal", .warning,
                "TERM=\(term) is not installed here; the dashboard draws as \(drawnAs). For its own entry, on the computer that has it: infocmp -x \(term) > \(term).ti; copy that file here and run",
                fix: ShellWord.command("tic", "-x", "\(term).ti"))
        }
        return DeploymentCheck("terminal", .ok, "TERM=\(term) is known here")
    }
}
