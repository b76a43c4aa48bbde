import LiaisonCore

/// The themes a user can choose from: those shipped in themes/ (built into the binary) and their
/// own in `$XDG_CONFIG_HOME/liaison/themes/`.
public enum ThemeCatalog {
    public static func shipped() -> [Theme] {
        let files: [(String, [UInt8])] = [
            ("themes/dark.json", PackageResources.dark_json), ("themes/light.json", PackageResources.light_json),
            ("themes/high-contrast.json", PackageResources.high_contrast_json), ("themes/monochrome.json", PackageResources.monochrome_json),
        ]
        // The shipped files are tested; a broken one would fail the build's tests, not a user.
        return files.compactMap { try? ThemeParser.parse($0.1, file: $0.0) }
    }

    /// Shipped themes, then the user's; problems name the file, the key and what is allowed.
    public static func all(userDirectory: String?) -> (themes: [Theme], problems: [String]) {
        var themes = shipped()
        var problems: [String] = []
        guard let userDirectory, let names = listJSONFiles(in: userDirectory) else { return (themes, problems) }
        for name in names {
            let path = userDirectory + "/" + name
            switch load(path: path) {
            case .success(let theme):
                themes.removeAll { $0.name == theme.name }
                themes.append(theme)
            case .failure(let error):
                problems.append(error.description)
            }
        }
        return (themes, problems)
    }

    public static func load(path: String) -> Result<Theme, ThemeError> {
        do {
            let bytes = try FileContents.read(path)
            return Result { () throws(ThemeError) in try ThemeParser.parse(bytes, file: path) }
        } catch {
            return .failure(ThemeError(file: path, key: "", problem: error.message))
        }
    }

    /// The index of the theme a name or a path asks for; a bad choice falls back to the first
    /// theme with a message saying why.
    public static func choose(_ choice: String?, in themes: inout [Theme]) -> (index: Int, problem: String?) {
        guard let choice, !choice.isEmpty else { return (0, nil) }
        if choice.contains("/") || choice.hasSuffix(".json") {
            switch load(path: choice) {
            case .success(let theme):
                themes.append(theme)
                return (themes.count - 1, nil)
            case .failure(let error):
                return (0, "\(error.description); using the \(themes[0].name) theme")
            }
        }
        if let index = themes.firstIndex(where: { $0.name == choice }) { return (index, nil) }
        return (0, "no theme is called \"\(choice)\" (themes: \(themes.map(\.name).joined(separator: ", "))); using \(themes[0].name)")
    }

    private static func listJSONFiles(in directory: String) -> [String]? {
        DirectoryNames.list(in: directory)?.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }
}

#if canImport(Glibc)
import Glibc
#endif
