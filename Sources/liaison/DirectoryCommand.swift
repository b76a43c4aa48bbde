import ArgumentParser
import LiaisonCore
import LiaisonInterchange

/// `liaison directory`: the reference directory of institutions (the ECHE list, ROR, a list of
/// universities), kept under the user's data folder, apart from the network file.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "The reference directory of institutions: import the ECHE list, ROR or a list of universities; find entries.",
        discussion: "The directory lives in $XDG_DATA_HOME/liaison/directory (~/.local/share/liaison/directory), one file per source.",
        subcommands: [DirectoryImport.self, DirectoryFind.self]
    )

    static func storage() throws -> DirectoryStorage {
        guard let storage = DirectoryStorage.user else { throw CLIFailure(message: "liaison: \(UserDirectories.noHome), so there is no directory", code: 1) }
        return storage
    }

    static let empty = "the directory is empty; fill it with `liaison directory import FILE`"

    /// The directory indexed for completion and duplicate checks, or nil when nothing is imported
    /// (or there is no home folder to hold it).
    static func loadIndex() throws -> DirectoryIndex? {
        guard let storage = DirectoryStorage.user else { return nil }
        let entries: [DirectoryEntry]
        do { entries = try storage.load() } catch { throw CLIFailure(message: "liaison: \(error)", code: 1) }
        return entries.isEmpty ? nil : DirectoryIndex(entries)
    }

    /// An entry on one line: "name - city, country - codes".
    static func line(for entry: DirectoryEntry) -> String {
        let codes = [entry.erasmusCode, entry.pic.map { "PIC \($0)" }, entry.schac].compactMap { $0 }.joined(separator: "  ")
        let place = [entry.city, entry.countryCode].compactMap { $0 }.joined(separator: ", ")
        return [entry.name, place, codes].filter { !$0.isEmpty }.joined(separator: " — ")
    }
}

struct DirectoryImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a list into the directory, replacing the earlier import of the same source.",
        discussion: """
        The kind is found from the content: a workbook with the ECHE list's columns (Erasmus Code, \
        Legal Name, ...), a ROR data dump (JSON, schema v2.x), or a JSON list of universities \
        (name, alpha_two_code, domains, web_pages).
        """
    )

    @Argument(help: "The file to read.")
    var file: String

    func run() throws {
        let contents: DirectoryFile.Contents
        // A file that cannot be read (missing, a folder, not a list) and a directory that cannot
        // be written exit 2, as `liaison --help` says of unreadable files and unwritable output.
        do { contents = try DirectoryFile.read(path: file) } catch { throw CLIFailure.usage(error.description) }
        let storage = try DirectoryCommand.storage()
        do { try storage.write(contents.entries, as: contents.source) } catch { throw CLIFailure.usage("\(error)") }
        Console.print("\(file): \(contents.source.title), \(Counted.text(contents.entries.count, "institution")) stored in \(storage.path(of: contents.source))")
        if !contents.skipped.isEmpty {
            Console.print("left out for lack of a name or code: \(Counted.text(contents.skipped.count, "entry", plural: "entries")) (\(contents.source == .eche ? "rows" : "elements") \(contents.skipped.prefix(10).map(String.init).joined(separator: ", "))\(contents.skipped.count > 10 ? ", …" : ""))")
        }
    }
}

struct DirectoryFind: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "The directory's best matches for part of a name (any script; case and diacritics ignored).",
        discussion: "Each word typed must start a word of one of an entry's names. Exit 1 when nothing matches."
    )

    @Argument(help: "Part of a name, in any script: \"ruhr bochum\", \"lodz\".")
    var text: [String]

    @Option(name: .long, help: "Show at most this many entries.")
    var limit = 10

    @Flag(name: .long, help: "Print the entries as a JSON array.")
    var json = false

    func run() throws {
        guard let index = try DirectoryCommand.loadIndex() else {
            throw CLIFailure.notFound(DirectoryCommand.empty)
        }
        let found = index.complete(text.joined(separator: " "), limit: max(0, limit))
        if json {
            JSONOutput.print(.array(found.map { entry in
                guard case .object(var object) = DirectoryEntryCoding.encode(entry) else { return .null }
                object.members.insert(.init("source", .string(entry.source.rawValue)), at: 0)
                return .object(object)
            }))
        } else {
            for entry in found { Console.print(DirectoryCommand.line(for: entry)) }
        }
        if found.isEmpty { throw CLIFailure.notFound("no directory entry matches \"\(text.joined(separator: " "))\"") }
    }
}
