/// The rules of a shared deployment, applied to the facts. The office's group is the data
/// file's group: when it may write the file, the file is shared, and the directory, the lock
/// and the backup must let the group's members save too. Each rule says what it found in
/// plain words and, where a command fixes it, that command.
extension DeploymentFacts {
    public func checks() -> [DeploymentCheck] {
        var checks: [DeploymentCheck] = []
        if let file, file.kind == .regular {
            checks += directoryChecks(file: file)
            checks += fileChecks(file)
            checks.append(companionCheck("lock", at: lockPath, lock, file: file))
            checks.append(companionCheck("backup", at: backupPath, backup, file: file))
            checks.append(peopleCheck(file))
            checks.append(yourCheck(file))
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
            return DeploymentCheck("file", .problem,
                "\(path) cannot be looked at (\(reason)): you (\(account.name)) may not enter \(directoryPath)"
                    + (directory.map { inGroup ? "" : ", which is for group \(names.group($0.group)); after this, log in again" } ?? ""),
                fix: directory.flatMap { inGroup ? nil : ShellWord.command("usermod", "-aG", names.group($0.group), account.name) })
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

    // MARK: The directory

    private func directoryChecks(file: FileFacts) -> [DeploymentCheck] {
        guard let directory else { return [] }
        let group = names.group(file.group)
        let shared = file.allowsGroup(Access.write)
        var checks: [DeploymentCheck] = []
        if directory.allowsOthers(Access.write) && !directory.isSticky {
            checks.append(DeploymentCheck("directory", .problem,
                "every account on this server may create, replace and delete files in \(directoryPath), the network file too",
                fix: ShellWord.command("chmod", "o-w", directoryPath)))
        }
        if directory.allowsOthers(Access.write) && directory.isSticky {
            checks.append(DeploymentCheck("directory", .warning,
                "every account on this server may create files in \(directoryPath) (a shared folder such as /tmp): someone could make the lock or the backup before the first save; give the office a folder of its own (docs/deployment.md)"))
        }
        if shared && directory.isSticky {
            checks.append(DeploymentCheck("directory", .problem,
                "\(directoryPath) has the sticky bit: only a file's owner may replace it there, so a colleague's save fails",
                fix: ShellWord.command("chmod", "-t", directoryPath)))
        }
        if shared && directory.group == file.group && !directory.allowsGroup(Access.write | Access.search) {
            checks.append(DeploymentCheck("directory", .problem,
                "group \(group) may change \(path) but not create files in \(directoryPath), which a save does (its temporary file and the backup)",
                fix: ShellWord.command("chmod", "g+rwx", directoryPath)))
        }
        if shared && directory.group != file.group {
            checks.append(DeploymentCheck("directory", .problem,
                "\(directoryPath) belongs to group \(names.group(directory.group)), the network file to group \(group): members of \(group) may not be able to save there",
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

    // MARK: The file, its lock and its backup

    private func fileChecks(_ file: FileFacts) -> [DeploymentCheck] {
        var checks: [DeploymentCheck] = []
        if file.allowsOthers(Access.write) {
            checks.append(DeploymentCheck("file", .problem, "every account on this server may change \(path)",
                                          fix: ShellWord.command("chmod", "o-rwx", path)))
        } else if file.allowsOthers(Access.read) && (directory?.allowsOthers(Access.search) ?? true) {
            checks.append(DeploymentCheck("file", .warning,
                "every account on this server may read \(path), and with it the contacts' personal data",
                fix: ShellWord.command("chmod", "o-rwx", path)))
        }
        if checks.isEmpty {
            checks.append(DeploymentCheck("file", .ok,
                "\(path): owner \(names.user(file.owner)), group \(names.group(file.group)), mode \(file.octal)"))
        }
        return checks
    }

    /// NAME.lock and NAME.bak should have the file's group and mode (the lock without execute
    /// bits), as Liaison makes them: then whoever may save may take the lock, and the backup
    /// shows no one what the file hides.
    private func companionCheck(_ subject: String, at companionPath: String, _ companion: FileFacts?, file: FileFacts) -> DeploymentCheck {
        guard let companion else {
            let made = subject == "lock" ? "the first save makes it" : "the first save keeps the previous version there"
            return DeploymentCheck(subject, .ok, "\(companionPath) does not exist yet; \(made) with the file's group and mode")
        }
        guard companion.kind == .regular else {
            return DeploymentCheck(subject, .problem, "\(companionPath) is not a regular file (a link or a special file); Liaison needs it to be one",
                                   fix: ShellWord.command("rm", companionPath))
        }
        let wantedMode = file.mode & 0o666
        let group = names.group(file.group)
        guard companion.group != file.group || companion.mode != wantedMode else {
            return DeploymentCheck(subject, .ok, "\(companionPath): group \(group), mode \(companion.octal), as the file")
        }
        let fix = ShellWord.command("chgrp", group, companionPath) + " && "
            + ShellWord.command("chmod", FileFacts(kind: .regular, mode: wantedMode, owner: 0, group: 0).octal, companionPath)
        let found = "\(companionPath) has group \(names.group(companion.group)), mode \(companion.octal); the file has group \(group), mode \(file.octal)"
        let groupMayUse = companion.allowsOthers(Access.read) || (companion.group == file.group && companion.allowsGroup(Access.read))
        if subject == "lock" && file.allowsGroup(Access.write) && !groupMayUse {
            return DeploymentCheck(subject, .problem, "\(found): members of \(group) cannot take the lock, so their saves fail", fix: fix)
        }
        let showsMore = (companion.allowsOthers(Access.read) && !file.allowsOthers(Access.read))
            || (companion.group != file.group && companion.allowsGroup(Access.read))
        if subject == "backup" && showsMore {
            return DeploymentCheck(subject, .problem, "\(found): the previous version may be read by people who may not read the file", fix: fix)
        }
        return DeploymentCheck(subject, .warning, found, fix: fix)
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

    private func yourCheck(_ file: FileFacts) -> DeploymentCheck {
        let group = names.group(file.group)
        if account.isRoot {
            let staff = [names.user(file.owner)] + (names.members[file.group] ?? [])
            let someone = staff.first { $0 != "root" && !$0.hasPrefix("uid ") } ?? "NAME"
            return DeploymentCheck("you", .warning,
                "you are root, who may do everything: this says nothing of what staff may do; run doctor as one of them",
                fix: ShellWord.command("runuser", "-u", someone, "--", "liaison", "doctor", path))
        }
        let mayRead = file.allows(Access.read, to: account)
        let maySave = file.allows(Access.write, to: account)
            && (directory?.allows(Access.write | Access.search, to: account) ?? false)
            && !((directory?.isSticky ?? false) && file.owner != account.uid)
        let via = account.uid == file.owner ? "as the owner" : account.groups.contains(file.group) ? "as a member of \(group)" : "as everyone may"
        if maySave {
            return DeploymentCheck("you", .ok, "you (\(account.name)) may read and save \(path) \(via)")
        }
        if account.uid != file.owner && !account.groups.contains(file.group) && account.listedGroups.contains(file.group) {
            return DeploymentCheck("you", .problem,
                "you (\(account.name)) were added to group \(group) after logging in: log out and in again (a new SSH connection) to get its rights")
        }
        let groupMaySave = file.allowsGroup(Access.write)
        if !account.groups.contains(file.group) && account.uid != file.owner && (groupMaySave || !mayRead) && file.allowsGroup(Access.read) {
            return DeploymentCheck("you", .problem,
                "you (\(account.name)) are not in group \(group), which may \(groupMaySave ? "save" : "read") \(path); after this, log in again",
                fix: ShellWord.command("usermod", "-aG", group, account.name))
        }
        if mayRead {
            return DeploymentCheck("you", .warning, "you (\(account.name)) may read \(path) but not save it: the dashboard opens read-only")
        }
        return DeploymentCheck("you", .problem, "you (\(account.name)) may not read \(path)")
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
        // A UTF-8 locale SSH forwarded but the server lacks can be made; else C.UTF-8 is there.
        let parts = locale.value.split(separator: ".", maxSplits: 1)
        if !locale.isInstalled, parts.count == 2, ["utf-8", "utf8"].contains(parts[1].lowercased()) {
            return DeploymentCheck("locale", .warning, doing,
                                   fix: ShellWord.command("localedef", "-i", String(parts[0]), "-f", "UTF-8", locale.value) + "   (or: export \(locale.variable ?? "LANG")=C.UTF-8)")
        }
        return DeploymentCheck("locale", .warning, doing, fix: "export \(locale.variable ?? "LANG")=C.UTF-8")
    }

    private func terminalCheck() -> DeploymentCheck {
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
