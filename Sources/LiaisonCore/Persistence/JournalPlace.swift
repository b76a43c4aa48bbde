#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the recovery journals of a data file live, and what their names start with.
///
/// Beside the data file only when its folder is the user's own and no one else may write in it;
/// a folder others may write in (a shared office folder, 2770; /tmp) would let them plant a file
/// or a link at a journal's name, so there journals go to `$XDG_STATE_HOME/liaison/`
/// (`~/.local/state/liaison/`), which is made 0700 and used only while it is the user's and
/// private. Each journal is still made exclusively, never through a link, 0600 (Journal).
struct JournalPlace: Equatable {
    let directory: String
    /// `.NAME.USER.` beside the file; the file's whole path, `/` as `%`, in the state folder.
    let prefix: String
    let isStateDirectory: Bool

    static let suffix = ".liaison-recovery"

    static func of(dataPath: String, user: String, stateHome: String? = nil) -> JournalPlace {
        let directory = POSIX.directory(of: dataPath)
        if UserDirectories.isPrivate(directory) {
            return JournalPlace(directory: directory, prefix: ".\(POSIX.fileName(of: dataPath)).\(user).", isStateDirectory: false)
        }
        let flattened = absolute(dataPath).map { $0 == "/" ? "%" : $0 }
        // No home folder, no state folder: an empty directory, which `problem` refuses.
        return JournalPlace(directory: stateDirectory(stateHome) ?? "", prefix: "\(String(flattened)).\(user).", isStateDirectory: true)
    }

    /// `$XDG_STATE_HOME/liaison` (only an absolute XDG_STATE_HOME counts, as the XDG rules say),
    /// else `~/.local/state/liaison`.
    static func stateDirectory(_ given: String? = nil) -> String? {
        if let given { return given + "/liaison" }
        return UserDirectories.state.map { $0 + "/liaison" }
    }

    func path(session: String) -> String { "\(directory)/\(prefix)\(session)\(Self.suffix)" }

    /// Whether a file in the folder is one of these journals. Versions before 2026-11 renamed a
    /// journal whose recovery clashed to `….liaison-recovery.kept` and never offered it again;
    /// those are offered like any other.
    func holds(_ name: String) -> Bool {
        name.hasPrefix(prefix) && (name.hasSuffix(Self.suffix) || name.hasSuffix(Self.suffix + ".kept"))
    }

    /// Makes the state folder (0700, parents too) if it is missing; then why journals may not be
    /// kept in the folder, naming it, or nil when they may.
    func prepare() -> String? {
        if directory.isEmpty { return "\(UserDirectories.noHome), so unsaved changes are not journaled" }
        if isStateDirectory && access(directory, F_OK) != 0 { POSIX.makeDirectories(directory, mode: 0o700) }
        return problem().map { "\(directory): \($0), so unsaved changes are not journaled" + (isStateDirectory ? "; chmod 700 \(directory)" : "") }
    }

    /// Why journals may not be kept in the folder, or read from it: it is missing, it is not the
    /// user's, or others may write in it.
    func problem() -> String? {
        if directory.isEmpty { return UserDirectories.noHome }
        var info = stat()
        guard stat(directory, &info) == 0 else { return POSIX.errorText() }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "it is \(POSIX.kindName(info.st_mode))" }
        if info.st_uid != geteuid() { return "it belongs to someone else (uid \(info.st_uid)), not you" }
        if info.st_mode & 0o022 != 0 { return "others may write in it (mode \(String(info.st_mode & 0o7777, radix: 8)))" }
        return nil
    }

    private static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/"), let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }
}
