import LiaisonCore
import TerminalUI

/// Named roles that views ask for; themes map them to styles (htop's ColorElements). Views
/// never name a colour.
public enum Role: String, CaseIterable, Sendable {
    case text
    case muted
    case title
    case label
    case header
    case border
    case tab
    case tabActive = "tab.active"
    case listHeader = "list.header"
    case listSelection = "list.selection"
    case listSelectionInactive = "list.selection.inactive"
    case link
    case chartBar = "chart.bar"
    case statusBar = "status.bar"
    case statusKey = "status.key"
    case warning
    case error
    case ok
    case searchMatch = "search.match"
    case prompt
    case overlay
    case control

    /// Roles whose text must be readable: the contrast test checks these.
    var isText: Bool {
        switch self {
        case .border, .chartBar, .control: false
        default: true
        }
    }
}

public struct Theme: Sendable {
    public var name: String
    public var styles: [Role: Style]
    /// The terminal's own colours this theme was made for, to judge contrast where it uses "default".
    public var assumedForeground: Color
    public var assumedBackground: Color

    public init(name: String, styles: [Role: Style], assumedForeground: Color, assumedBackground: Color) {
        (self.name, self.styles, self.assumedForeground, self.assumedBackground) = (name, styles, assumedForeground, assumedBackground)
    }

    public func style(_ role: Role) -> Style { styles[role] ?? styles[.text] ?? .plain }

    /// Attributes only: what is shown with NO_COLOR or on a terminal without colours.
    public static let fallback = Theme(name: "built-in", styles: [
        .title: Style(attributes: [.bold]), .header: Style(attributes: [.bold]), .tabActive: Style(attributes: [.reverse, .bold]),
        .listHeader: Style(attributes: [.underline]), .listSelection: Style(attributes: [.reverse]),
        .listSelectionInactive: Style(attributes: [.underline]), .link: Style(attributes: [.underline]),
        .statusBar: Style(attributes: [.reverse]), .statusKey: Style(attributes: [.reverse, .bold]),
        .error: Style(attributes: [.bold]), .warning: Style(attributes: [.bold]), .muted: Style(attributes: [.dim]),
        .chartBar: Style(attributes: [.reverse]), .searchMatch: Style(attributes: [.underline, .bold]),
        .prompt: Style(attributes: [.bold]), .overlay: Style(attributes: [.reverse]), .control: Style(attributes: [.reverse]),
    ], assumedForeground: .default, assumedBackground: .default)
}

/// A problem in a theme file: the file, the key and what is allowed.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var key: String
    public var problem: String
    public var description: String { "\(file): \(key.isEmpty ? "" : key + ": ")\(problem)" }
}

public enum ThemeParser {
    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
                             "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white"]
    static let attributeNames: [String: Attributes] = ["bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "reverse": .reverse]
    static let allowedColors = "\"default\", a colour name (\(colorNames.joined(separator: ", "))), 0–255, or \"#rrggbb\""

    /// Parses a theme file: `{"name": …, "assumes": {"fg": …, "bg": …}, "styles": {"role": {"fg": …, "bg": …, "attrs": […]}}}`.
    public static func parse(_ bytes: [UInt8], file: String) throws(ThemeError) -> Theme {
        func fail(_ key: String, _ problem: String) -> ThemeError { ThemeError(file: file, key: key, problem: problem) }
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw fail("", "invalid JSON at line \(error.line), column \(error.column): \(error.message)")
        }
        guard case .object(let object) = root else { throw fail("", "must be a JSON object") }
        var theme = Theme(name: "", styles: [:], assumedForeground: .default, assumedBackground: .default)
        for member in object.members {
            switch member.key {
            case "name":
                guard case .string(let name) = member.value, !name.isEmpty else { throw fail("name", "must be a non-empty string") }
                theme.name = name
            case "description":
                break
            case "assumes":
                guard case .object(let assumes) = member.value else { throw fail("assumes", "must be an object with \"fg\" and \"bg\"") }
                if let fg = assumes["fg"] { theme.assumedForeground = try color(fg, key: "assumes.fg", file: file) }
                if let bg = assumes["bg"] { theme.assumedBackground = try color(bg, key: "assumes.bg", file: file) }
            case "styles":
                guard case .object(let styles) = member.value else { throw fail("styles", "must be an object of roles") }
                for entry in styles.members {
                    guard let role = Role(rawValue: entry.key) else {
                        throw fail("styles." + entry.key, "unknown role (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    theme.styles[role] = try style(entry.value, key: "styles." + entry.key, file: file)
                }
            default:
                throw fail(member.key, "unknown key (keys: name, description, assumes, styles)")
            }
        }
        guard !theme.name.isEmpty else { throw fail("name", "is required") }
        return theme
    }

    static func style(_ value: JSONValue, key: String, file: String) throws(ThemeError) -> Style {
        guard case .object(let object) = value else { throw ThemeError(file: file, key: key, problem: "must be an object with fg, bg, attrs") }
        var style = Style()
        for member in object.members {
            switch member.key {
            case "fg": style.foreground = try color(member.value, key: key + ".fg", file: file)
            case "bg": style.background = try color(member.value, key: key + ".bg", file: file)
            case "attrs":
                guard case .array(let names) = member.value else {
                    throw ThemeError(file: file, key: key + ".attrs", problem: "must be an array of \(attributeNames.keys.sorted().joined(separator: ", "))")
                }
                for name in names {
                    guard case .string(let text) = name, let attribute = attributeNames[text] else {
                        throw ThemeError(file: file, key: key + ".attrs", problem: "\(ThemeValueText.describe(name)) is not an attribute (allowed: \(attributeNames.keys.sorted().joined(separator: ", ")))")
                    }
                    style.attributes.insert(attribute)
                }
            default:
                throw ThemeError(file: file, key: key + "." + member.key, problem: "unknown key (allowed: fg, bg, attrs)")
            }
        }
        return style
    }

    static func color(_ value: JSONValue, key: String, file: String) throws(ThemeError) -> Color {
        let failure = ThemeError(file: file, key: key, problem: "\(ThemeValueText.describe(value)) is not a colour (allowed: \(allowedColors))")
        switch value {
        case .number(let text):
            guard let index = Int(text), (0...255).contains(index) else { throw failure }
            return .indexed(UInt8(index))
        case .string(let text):
            if text == "default" { return .default }
            if let index = colorNames.firstIndex(of: text) { return .indexed(UInt8(index)) }
            let hex = Array(text.utf8)
            if hex.count == 7, hex[0] == UInt8(ascii: "#"), let rgb = UInt32(String(text.dropFirst()), radix: 16) {
                return .rgb(UInt8(rgb >> 16), UInt8(rgb >> 8 & 0xFF), UInt8(rgb & 0xFF))
            }
            throw failure
        default:
            throw failure
        }
    }
}

enum ThemeValueText {
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .number(let text): text
        default: value.typeName
        }
    }
}

