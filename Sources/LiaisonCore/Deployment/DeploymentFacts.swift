#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything `liaison doctor` looks at, gathered from the system once. The checks
/// (`DeploymentFacts.checks()`) are worked out from these values alone, so that tests can ask
/// about any account and any modes without being that account.
public struct DeploymentFacts: Sendable {
    public var path: String
    public var directoryPath: String
    public var directory: FileFacts?
    /// The data file itself, not what a link points to (lstat).
    public var file: FileFacts?
    /// Why the data file could not be looked at, when it is there but out of reach (EACCES).
    public var fileUnreachable: String?
    /// Where the data file leads when it is a symbolic link (nil when it leads nowhere).
    public var linkTarget: String?
    public var lock: FileFacts?
    public var backup: FileFacts?
    /// The audit trail, `NAME.history.jsonl`, which every save appends to.
    public var history: FileFacts?
    /// How many temporary files of killed saves (`.NAME.liaison-XXXXXX`) are left in the folder.
    public var leftoverTemporaries: Int
    public var locking: LockProbe
    public var locale: LocaleFacts
    public var terminal: TerminalFacts
    public var account: Account
    public var names: Names
    /// Whether doctor runs as an SSH forced command (sshd set SSH_ORIGINAL_COMMAND): its user
    /// has no shell, so a fix must be one the server's administrator applies.
    public var isForcedCommand: Bool

    public var lockPath: String { path + ".lock" }
    public var backupPath: String { AtomicFile(path: path).backupPath }
    public var historyPath: String { HistoryFile(dataPath: path).path }

    /// Looks at the data file at `path` and its neighbours as the current user. The terminal's
    /// facts come from the caller, since only the terminal library knows its types.
    public static func gather(path: String, terminal: TerminalFacts) -> DeploymentFacts {
        let directoryPath = POSIX.directory(of: path)
        let found = [directoryPath, path, path + ".lock", AtomicFile(path: path).backupPath, HistoryFile(dataPath: path).path]
            .map(FileFacts.of)
        var info = stat()
        let unreachable = found[1] == nil && lstat(path, &info) != 0 && errno != ENOENT ? POSIX.errorText() : nil
        let account = Account.current()
        let groups = Set(found.compactMap { $0?.group })
        let owners = Set(found.compactMap { $0?.owner } + [account.uid])
        return DeploymentFacts(path: path, directoryPath: directoryPath, directory: found[0], file: found[1],
                               fileUnreachable: unreachable, linkTarget: found[1]?.kind == .symbolicLink ? realPath(path) : nil,
                               lock: found[2], backup: found[3], history: found[4],
                               leftoverTemporaries: AtomicFile(path: path).staleTemporaries().count,
                               locking: LockProbe.probe(path: path), locale: LocaleFacts.current(), terminal: terminal,
                               account: account, names: Names.lookUp(users: owners, groups: groups),
                               isForcedCommand: getenv("SSH_ORIGINAL_COMMAND") != nil)
    }
}

private func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// What lstat says of one file, as far as sharing it goes.
public struct FileFacts: Equatable, Sendable {
    public enum Kind: Sendable { case regular, directory, symbolicLink, other }
    public var kind: Kind
    /// Permission bits with setuid, setgid and sticky (07777).
    public var mode: UInt32
    public var owner: UInt32
    public var group: UInt32

    public init(kind: Kind, mode: UInt32, owner: UInt32, group: UInt32) {
        self.kind = kind
        self.mode = mode
        self.owner = owner
        self.group = group
    }

    static func of(_ path: String) -> FileFacts? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind: Kind = switch info.st_mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .other
        }
        return FileFacts(kind: kind, mode: UInt32(info.st_mode) & 0o7777, owner: UInt32(info.st_uid), group: UInt32(info.st_gid))
    }

    /// The mode as chmod takes it: 0660, 2770.
    public var octal: String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public var isSetGroupID: Bool { mode & 0o2000 != 0 }
    public var isSticky: Bool { mode & 0o1000 != 0 }

    /// Whether `account` may read (4), write (2) or search/execute (1): the owner's bits for
    /// the owner, the group's for its members, the others' for everyone else; root may all.
    public func allows(_ access: UInt32, to account: Account) -> Bool {
        if account.isRoot { return true }
        let shift: UInt32 = account.uid == owner ? 6 : account.groups.contains(group) ? 3 : 0
        return (mode >> shift) & access == access
    }

    public func allowsOwner(_ access: UInt32) -> Bool { (mode >> 6) & access == access }
    public func allowsGroup(_ access: UInt32) -> Bool { (mode >> 3) & access == access }
    public func allowsOthers(_ access: UInt32) -> Bool { mode & access == access }
}

public enum Access {
    public static let read: UInt32 = 4
    public static let write: UInt32 = 2
    public static let search: UInt32 = 1
}

/// Who runs the check: the groups this login has now, and those the group database lists
/// (a member added after logging in has the second but not yet the first).
public struct Account: Equatable, Sendable {
    public var uid: UInt32
    public var name: String
    public var groups: Set<UInt32>
    public var listedGroups: Set<UInt32>

    public init(uid: UInt32, name: String, groups: Set<UInt32>, listedGroups: Set<UInt32>? = nil) {
        self.uid = uid
        self.name = name
        self.groups = groups
        self.listedGroups = listedGroups ?? groups
    }

    public var isRoot: Bool { uid == 0 }

    static func current() -> Account {
        let uid = UInt32(geteuid())
        var groups: Set<UInt32> = [UInt32(getegid())]
        let count = getgroups(0, nil)
        if count > 0 {
            var list = [gid_t](repeating: 0, count: Int(count))
            let filled = getgroups(count, &list)
            if filled > 0 { groups.formUnion(list.prefix(Int(filled)).map { UInt32($0) }) }
        }
        var name = "uid \(uid)"
        var listed = groups
        if let entry = getpwuid(uid_t(uid)), let text = entry.pointee.pw_name.flatMap({ String(validatingCString: $0) }) {
            name = text
            listed = Self.listedGroups(of: entry.pointee.pw_name, primary: entry.pointee.pw_gid)
        }
        return Account(uid: uid, name: name, groups: groups, listedGroups: listed)
    }

    private static func listedGroups(of user: UnsafePointer<CChar>, primary: gid_t) -> Set<UInt32> {
        var count: Int32 = 64
        var list = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, primary, &list, &count) < 0 {
            list = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(user, primary, &list, &count) >= 0 else { return [UInt32(primary)] }
        }
        return Set(list.prefix(Int(count)).map { UInt32($0) })
    }
}

/// Names for the numbers in the facts, and who is in each group.
public struct Names: Equatable, Sendable {
    public var users: [UInt32: String]
    public var groups: [UInt32: String]
    /// Members of each group: those the group lists, and those whose primary group it is.
    public var members: [UInt32: [String]]

    public init(users: [UInt32: String] = [:], groups: [UInt32: String] = [:], members: [UInt32: [String]] = [:]) {
        self.users = users
        self.groups = groups
        self.members = members
    }

    public func user(_ uid: UInt32) -> String { users[uid] ?? "uid \(uid)" }
    public func group(_ gid: UInt32) -> String { groups[gid] ?? "gid \(gid)" }

    static func lookUp(users: Set<UInt32>, groups: Set<UInt32>) -> Names {
        var names = Names()
        for uid in users {
            if let entry = getpwuid(uid_t(uid)), let name = entry.pointee.pw_name.flatMap({ String(validatingCString: $0) }) {
                names.users[uid] = name
            }
        }
        for gid in groups {
            guard let entry = getgrgid(gid_t(gid)) else { continue }
            names.groups[gid] = entry.pointee.gr_name.flatMap { String(validatingCString: $0) }
            var members: [String] = []
            var member = entry.pointee.gr_mem
            while let pointer = member?.pointee, let name = String(validatingCString: pointer) {
                members.append(name)
                member = member?.advanced(by: 1)
            }
            names.members[gid] = members
        }
        // Members by primary group are in the password database only.
        setpwent()
        while let entry = getpwent() {
            let gid = UInt32(entry.pointee.pw_gid)
            guard groups.contains(gid), let name = entry.pointee.pw_name.flatMap({ String(validatingCString: $0) }) else { continue }
            if !(names.members[gid] ?? []).contains(name) { names.members[gid, default: []].append(name) }
        }
        endpwent()
        for gid in names.members.keys { names.members[gid]?.sort() }
        return names
    }
}

/// Whether the file system takes the lock a save takes (flock), tried on the lock file if
/// there is one, else on the data file (on its folder when the file may not be read); a shared
/// lock tried without waiting, released at once.
public enum LockProbe: Equatable, Sendable {
    case supported
    /// Someone holds the lock: a save is going on, which shows the locks work.
    case held
    case unsupported(String)
    case untried(String)

    static func probe(path: String) -> LockProbe {
        let lockPath = path + ".lock"
        var target = access(lockPath, F_OK) == 0 ? lockPath : path
        var fd = open(target, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        if fd < 0 && errno == EACCES {
            // One who may not read the file (which another check names) may still try the
            // file system on its folder: flock takes directories too.
            target = POSIX.directory(of: path)
            fd = open(target, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        }
        guard fd >= 0 else { return .untried("\(target) cannot be opened: \(POSIX.errorText())") }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return .supported
        }
        if errno == EWOULDBLOCK { return .held }
        return .unsupported(POSIX.errorText())
    }
}

/// The character set the locale of the environment gives, tried without changing the
/// process's own locale.
public struct LocaleFacts: Equatable, Sendable {
    /// The variable that decides the character set (LC_ALL, LC_CTYPE or LANG) and its value;
    /// nil when none is set (the C locale).
    public var variable: String?
    public var value: String
    public var isInstalled: Bool
    public var codeset: String
    public var hasUTF8Fallback: Bool

    public init(variable: String?, value: String, isInstalled: Bool, codeset: String, hasUTF8Fallback: Bool) {
        self.variable = variable
        self.value = value
        self.isInstalled = isInstalled
        self.codeset = codeset
        self.hasUTF8Fallback = hasUTF8Fallback
    }

    public var isUTF8: Bool { isInstalled && codeset == "UTF-8" }

    static func current() -> LocaleFacts {
        let variable = ["LC_ALL", "LC_CTYPE", "LANG"].first { (name: String) in getenv(name).map { $0.pointee != 0 } ?? false }
        let value = variable.flatMap { (name: String) in getenv(name) }.map { String(cString: $0) } ?? "C"
        let wanted = newlocale(LC_CTYPE_MASK, value, nil)
        let codeset = wanted.map { String(cString: nl_langinfo_l(nl_item(CODESET), $0)) } ?? ""
        if let wanted { freelocale(wanted) }
        let fallback = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
        if let fallback { freelocale(fallback) }
        return LocaleFacts(variable: variable, value: value, isInstalled: wanted != nil, codeset: codeset,
                           hasUTF8Fallback: fallback != nil)
    }
}

/// The terminal type: TERM, and the terminfo entry the dashboard would draw with (nil: none);
/// and whether doctor writes to a terminal at all (not to a pipe, not `ssh -T`).
public struct TerminalFacts: Equatable, Sendable {
    public var term: String?
    public var drawnAs: String?
    public var outputIsTerminal: Bool

    public init(term: String?, drawnAs: String?, outputIsTerminal: Bool = true) {
        self.term = term
        self.drawnAs = drawnAs
        self.outputIsTerminal = outputIsTerminal
    }
}
