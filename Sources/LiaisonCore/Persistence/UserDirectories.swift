#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The user's own folders, by the XDG base directory rules: `$XDG_DATA_HOME`, `$XDG_CONFIG_HOME`,
/// `$XDG_STATE_HOME` when set to an absolute path, else the usual folders in the home folder.
/// The home folder is `$HOME`, or where HOME is unset (a cron job, `env -i`, some forced SSH
/// commands) the account's own from the password database: never the current directory, where
/// a relative path would put the data file, the themes or the journals wherever one happens to be.
public enum UserDirectories {
    /// `~/.local/share`: the default data file lives under it.
    public static var data: String? { base("XDG_DATA_HOME", orHome: ".local/share") }
    /// `~/.config`: the user's themes.
    public static var config: String? { base("XDG_CONFIG_HOME", orHome: ".config") }
    /// `~/.local/state`: recovery journals kept away from a shared folder.
    public static var state: String? { base("XDG_STATE_HOME", orHome: ".local/state") }
    /// `~/.cache`: what can be made again and is safe to delete (the dashboard's first screen).
    public static var cache: String? { base("XDG_CACHE_HOME", orHome: ".cache") }

    /// The user's own folder, which no one else may write in and the user may: where what is read
    /// back as the user's own (journals, the cache) may be kept.
    public static func isPrivate(_ directory: String) -> Bool {
        var info = stat()
        return stat(directory, &info) == 0 && info.st_uid == geteuid() && info.st_mode & 0o022 == 0 && access(directory, W_OK) == 0
    }

    /// Makes a folder of the user's, and its missing parents, 0700.
    public static func makePrivate(_ directory: String) {
        POSIX.makeDirectories(directory, mode: 0o700)
    }

    /// `$HOME` if it is an absolute path, else the account's home folder; nil when there is none.
    public static var home: String? {
        if let home = absolute(getenv("HOME")) { return home }
        guard let entry = getpwuid(getuid()) else { return nil }
        return absolute(entry.pointee.pw_dir)
    }

    /// A path as a shell would take it: a leading `~/` (or `~` alone) is the home folder. Typed
    /// paths need this where no shell expands them (the dashboard's prompts, completions).
    public static func expandingHome(_ path: String, home: String? = home) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    /// Said where a folder is needed and there is none.
    public static let noHome = "there is no home folder (HOME is unset and the account has none)"

    private static func base(_ variable: String, orHome relative: String) -> String? {
        absolute(getenv(variable)) ?? home.map { "\($0)/\(relative)" }
    }

    private static func absolute(_ value: UnsafeMutablePointer<CChar>?) -> String? {
        guard let value else { return nil }
        let text = String(cString: value)
        return text.hasPrefix("/") ? text : nil
    }
}
