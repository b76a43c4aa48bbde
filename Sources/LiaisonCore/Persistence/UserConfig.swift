#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The user's settings, `$XDG_CONFIG_HOME/liaison/config.json`, so that what a user would
/// otherwise type on every start is said once:
///
///     {"data": "~/office/network.json", "theme": "light", "mouse": true, "pager": "less -R"}
///
/// Every key is optional. A command-line option wins over the environment, which wins over this
/// file, which wins over the defaults. The file is read strictly: a key it does not know or a
/// value of the wrong kind is an error naming the file, the key and what is allowed, never
/// ignored, because a setting that silently does not apply (the data file above all) would have
/// the user edit a file they did not mean to.
public struct UserConfig: Equatable, Sendable {
    /// The network file; `~/` is the home folder.
    public var data: String?
    /// A theme name (`liaison themes`) or a theme file.
    public var theme: String?
    /// Whether the dashboard starts with the mouse on.
    public var mouse: Bool?
    /// The program long CLI output goes through on a terminal, as $PAGER; "" or "cat" for none.
    public var pager: String?

    public init(data: String? = nil, theme: String? = nil, mouse: Bool? = nil, pager: String? = nil) {
        (self.data, self.theme, self.mouse, self.pager) = (data, theme, mouse, pager)
    }

    public static let keys = ["data", "theme", "mouse", "pager"]

    /// Where the file is; nil without a home folder.
    public static var defaultPath: String? { UserDirectories.config.map { $0 + "/liaison/config.json" } }

    /// The settings in the user's file; none when there is no file.
    public static func load() throws(FileError) -> UserConfig {
        guard let path = defaultPath else { return UserConfig() }
        return try load(path: path)
    }

    public static func load(path: String) throws(FileError) -> UserConfig {
        guard access(path, F_OK) == 0 else { return UserConfig() }
        return try parse(try POSIX.readFile(path).bytes, path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(FileError) -> UserConfig {
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw FileError(path: path, "not valid JSON: \(error.description)")
        }
        guard case .object(let object) = root else {
            throw FileError(path: path, "must be a JSON object such as {\"theme\": \"light\"}, not \(root.typeName)")
        }
        var config = UserConfig()
        for member in object.members {
            func problem(_ rule: String) -> FileError {
                FileError(path: path, "\"\(member.key)\" \(rule), not \(member.value.typeName)")
            }
            switch (member.key, member.value) {
            case ("data", .string(let text)) where !text.isEmpty:
                config.data = UserDirectories.expandingHome(text)
            case ("data", _): throw problem("must be the path of the network file")
            case ("theme", .string(let text)) where !text.isEmpty:
                config.theme = UserDirectories.expandingHome(text)
            case ("theme", _): throw problem("must be a theme name (liaison themes lists them) or a theme file")
            case ("mouse", .bool(let on)): config.mouse = on
            case ("mouse", _): throw problem("must be true or false")
            case ("pager", .string(let command)): config.pager = command
            case ("pager", _): throw problem("must be a command such as \"less -FRX\", or \"\" for none")
            default:
                throw FileError(path: path, "\"\(member.key)\" is not a setting (settings: \(keys.joined(separator: ", ")))")
            }
        }
        return config
    }
}

/// What the terminal says of its own colours: COLORFGBG ("15;0", set by rxvt, Konsole and
/// others) names its foreground and background as ANSI colour numbers; a background of 7 or 15
/// (white) is a light terminal, which the light theme suits.
public enum TerminalBackground {
    public static func isLight(colorFGBG: String?) -> Bool? {
        guard let colorFGBG, let last = colorFGBG.split(separator: ";").last, let background = Int(last) else { return nil }
        return background == 7 || background == 15
    }
}
