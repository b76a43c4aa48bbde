#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the reference directory lives and how it is written: beside the user's data, not in the
/// network file (`$XDG_DATA_HOME/liaison/directory/`), one JSON Lines file per source
/// (`eche.jsonl`, `ror.jsonl`, `list.jsonl`), each replaced whole and atomically by an import.
/// One compact line per entry loads with the JSON reader the network file uses, line by line.
public struct DirectoryStorage: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// The user's directory folder, or nil when there is no home folder.
    public static var user: DirectoryStorage? {
        UserDirectories.data.map { DirectoryStorage(folder: "\($0)/liaison/directory") }
    }

    public func path(of source: DirectoryEntry.Source) -> String { "\(folder)/\(source.rawValue).jsonl" }

    /// Replaces the source's file with these entries.
    public func write(_ entries: [DirectoryEntry], as source: DirectoryEntry.Source) throws(FileError) {
        POSIX.makeDirectories(folder, mode: 0o755)
        var writer = JSONWriter(capacity: entries.count * 256, compact: true)
        for entry in entries {
            writer.value(DirectoryEntryCoding.encode(entry))
            writer.finishDocument()
        }
        try AtomicFile(path: path(of: source), keepsBackup: false).write(writer.bytes)
    }

    /// Every source's entries that has a file; a source without one is left out. A line that is
    /// not an entry is an error naming the file and the line.
    public func load() throws(FileError) -> [DirectoryEntry] {
        var entries: [DirectoryEntry] = []
        for source in DirectoryEntry.Source.allCases {
            let path = path(of: source)
            guard access(path, F_OK) == 0 else { continue }
            let bytes = try POSIX.readFile(path).bytes
            var start = 0, line = 1
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if end > start {
                    let value: JSONValue
                    do { value = try JSONReader.parse(Array(bytes[start..<end])) } catch {
                        throw FileError(path: path, "line \(line): \(error.message); import the list again")
                    }
                    guard let entry = DirectoryEntryCoding.decode(value, source: source) else {
                        throw FileError(path: path, "line \(line) is not a directory entry (it needs an \"id\" and a \"names\" list); import the list again")
                    }
                    entries.append(entry)
                }
                start = end + 1
                line += 1
            }
        }
        return entries
    }
}

/// An entry as one JSON object: short keys in a fixed order, absent values left out.
public enum DirectoryEntryCoding {
    public static func encode(_ entry: DirectoryEntry) -> JSONValue {
        var members: [JSONObject.Member] = [.init("id", .string(entry.id))]
        members.append(.init("names", .array(entry.names.map { name in
            var parts: [JSONObject.Member] = [.init("text", .string(name.text))]
            if let language = name.language { parts.append(.init("lang", .string(language))) }
            if name.kind != .display { parts.append(.init("kind", .string(name.kind.rawValue))) }
            return .object(JSONObject(parts))
        })))
        func add(_ key: String, _ value: String?) { if let value { members.append(.init(key, .string(value))) } }
        add("country", entry.countryCode)
        add("city", entry.city)
        add("website", entry.website)
        if !entry.domains.isEmpty { members.append(.init("domains", .array(entry.domains.map(JSONValue.string)))) }
        add("erasmusCode", entry.erasmusCode)
        add("pic", entry.pic)
        add("schac", entry.schac)
        return .object(JSONObject(members))
    }

    static func decode(_ value: JSONValue, source: DirectoryEntry.Source) -> DirectoryEntry? {
        guard case .object(let object) = value, case .string(let id)? = object["id"],
              case .array(let names)? = object["names"] else { return nil }
        func text(_ key: String, in object: JSONObject = object) -> String? {
            if case .string(let string)? = object[key] { return string }
            return nil
        }
        let decodedNames: [DirectoryEntry.Name] = names.compactMap { name in
            guard case .object(let parts) = name, let written = text("text", in: parts) else { return nil }
            return DirectoryEntry.Name(written, language: text("lang", in: parts),
                                       kind: text("kind", in: parts).flatMap(DirectoryEntry.Name.Kind.init) ?? .display)
        }
        var domains: [String] = []
        if case .array(let list)? = object["domains"] {
            domains = list.compactMap { if case .string(let domain) = $0 { domain } else { nil } }
        }
        return DirectoryEntry(source: source, id: id, names: decodedNames, countryCode: text("country"), city: text("city"),
                              website: text("website"), domains: domains, erasmusCode: text("erasmusCode"), pic: text("pic"),
                              schac: text("schac"))
    }
}
