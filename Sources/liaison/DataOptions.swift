import ArgumentParser
import LiaisonCore
#if canImport(Glibc)
import Glibc
#endif

/// Which network file a command works on: `--data PATH`, else `LIAISON_DATA`, else
/// `$XDG_DATA_HOME/liaison/network.json` (`~/.local/share/liaison/network.json`), which is
/// created from the built-in RUB sample network the first time it is needed.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The network file (default: $LIAISON_DATA, else the settings file's data, else $XDG_DATA_HOME/liaison/network.json).", valueName: "path"),
            completion: .file())
    var data: String?

    func resolvedPath() throws -> String {
        let (path, created) = try resolve()
        if let created { Console.note(created) }
        return path
    }

    /// The file, created from the sample when it is the default and missing, with the note
    /// saying so: the dashboard shows it on its status line, where it is read.
    func resolve() throws -> (path: String, created: String?) {
        let path = try chosenPath()
        let isDefault = try data == nil && environmentValue("LIAISON_DATA") == nil && userConfig().data == nil
        guard isDefault && access(path, F_OK) != 0 else { return (path, nil) }
        try Self.createFromSample(at: path)
        return (path, "created \(path) from the built-in RUB sample network")
    }

    /// The file the options name, whether or not it exists (the default is not created).
    func chosenPath() throws -> String {
        // A broken settings file stops here, naming the key: it may have named the data file.
        _ = try userConfig()
        guard let path = Self.path(given: data) else {
            throw CLIFailure.usage("no data file: \(UserDirectories.noHome) to hold the default one; give --data FILE or set LIAISON_DATA")
        }
        return path
    }

    /// The file a command works on given its --data value (shell completion reads that from
    /// the command line), whether or not it exists; nil when none is given and there is no
    /// home folder for the default.
    static func path(given data: String?) -> String? {
        data ?? environmentValue("LIAISON_DATA") ?? (try? userConfig())?.data ?? UserDirectories.data.map { $0 + "/liaison/network.json" }
    }

    /// Loads the file; warnings are summarised on stderr, errors end the command (exit 2).
    func load() throws -> NetworkFile {
        let path = try resolvedPath()
        let file: NetworkFile
        do {
            file = try NetworkFile.load(path: path)
        } catch {
            throw CLIFailure.usage(error.description)
        }
        if !file.warnings.isEmpty {
            let count = file.warnings.count
            Console.note("\(path): \(Counted.text(count, "warning")) (`liaison validate` lists them)")
        }
        if let reason = file.readOnlyReason, file.network.schemaVersion > Network.currentSchemaVersion {
            Console.note(reason)
        }
        return file
    }

    /// Opens the file as a Document for editing; warnings summarised, errors end the command (exit 2).
    func openDocument(at path: String) throws -> Document {
        let document: Document
        do {
            document = try Document(storage: FileStorage(path: path), journaling: false)
        } catch {
            throw CLIFailure.usage(error.description)
        }
        if !document.warnings.isEmpty {
            let count = document.warnings.count
            Console.note("\(path): \(Counted.text(count, "warning")) (`liaison validate` lists them)")
        }
        return document
    }

    static func createFromSample(at path: String) throws {
        var directory = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/").dropLast() {
            directory += "/" + component
            mkdir(directory, 0o755)
        }
        do {
            try AtomicFile(path: path).write(SampleNetwork.bytes)
        } catch {
            throw CLIFailure.usage("cannot create the data file: \(error)")
        }
    }
}

/// The user's settings file (UserConfig), read once; an error names the file and the key.
func userConfig() throws -> UserConfig {
    do {
        return try loadedUserConfig.get()
    } catch {
        throw CLIFailure.usage(error.description)
    }
}

private let loadedUserConfig = Result<UserConfig, FileError> { () throws(FileError) in try UserConfig.load() }

func environmentValue(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts (and nothing else on stdout).")
    var json = false
}

/// The day "today" means for expiry; LIAISON_TODAY=YYYY-MM-DD fixes it for reproducible reports.
func today() throws -> Day {
    guard let text = environmentValue("LIAISON_TODAY") else { return .today() }
    guard let day = Day(text) else { throw CLIFailure.usage("LIAISON_TODAY=\(text) is not a date in the form YYYY-MM-DD") }
    return day
}

/// `180d`, `6w`, `6m`, `1y`.
func parseDuration(_ text: String, option: String) throws -> Day {
    guard let day = SearchQuery.relativeDay(text, today: try today()) else {
        throw CLIFailure.usage("\(option) \(text): expected a number of days, weeks, months or years, as in 180d, 6w, 6m, 1y")
    }
    return day
}
