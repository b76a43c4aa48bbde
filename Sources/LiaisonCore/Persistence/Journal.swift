#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unsaved changes, written as they are made to a private file (mode 0600) and flushed to disk
/// each time, so that a crash or a dropped connection loses nothing: the next start offers them
/// back. The shared data file is never written for this. One JSON line per change: the record as
/// it became, or the id that was deleted; replaying the lines in order gives the unsaved state.
public final class Journal {
    public let path: String
    private var fd: Int32 = -1

    public struct Entry: Equatable, Sendable {
        public enum Operation: Equatable, Sendable {
            case put(Record)
            case delete(String)
        }
        public var operation: Operation
        /// The record as it was in the file the session started from (nil if it was not there):
        /// recovery merges against it, so changes others saved since are not overwritten.
        public var base: Record?

        public init(operation: Operation, base: Record? = nil) {
            self.operation = operation
            self.base = base
        }

        public var summary: String {
            switch operation {
            case .put(let record): "\(record.kind.rawValue) \(record.id): \(record.displayName)"
            case .delete(let id): "delete \(id)"
            }
        }
    }

    /// The journal for a data file: beside it if its directory is writable, else under
    /// `$XDG_STATE_HOME/liaison/`. Per user, since each person's unsaved changes are their own,
    /// and per session: two dashboards of one login (two terminals, a shared office account, a
    /// reconnect while the old session lives) each keep their own.
    public static func path(for dataPath: String, user: String = ChangeStamp.loginName(), session: String? = nil,
                            stateHome: String? = nil) -> String {
        let (directory, prefix) = place(for: dataPath, user: user, stateHome: stateHome)
        return "\(directory)/\(prefix)" + (session.map { "\($0)." } ?? "") + "liaison-recovery"
    }

    /// The folder journals of a data file live in, and the start of their names.
    private static func place(for dataPath: String, user: String, stateHome: String?) -> (directory: String, prefix: String) {
        let directory = POSIX.directory(of: dataPath)
        let name = POSIX.fileName(of: dataPath)
        if access(directory, W_OK) == 0 { return (directory, ".\(name).\(user).") }
        let home = stateHome ?? ((getenv("HOME").map { String(cString: $0) } ?? ".") + "/.local/state")
        let flattened = dataPath.map { $0 == "/" ? "%" : $0 }
        return ("\(home)/liaison", "\(String(flattened)).\(user).")
    }

    /// A name for this session's journal: the process and a random part.
    public static func newSession() -> String {
        "\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// Journals of this user for the file that no running session holds: those of sessions that
    /// ended without saving. A live session holds an exclusive flock on its journal.
    public static func abandoned(for dataPath: String, user: String, stateHome: String? = nil, excluding own: String? = nil) -> [Journal] {
        let (directory, prefix) = place(for: dataPath, user: user, stateHome: stateHome)
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var found: [(path: String, modified: Int)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix), name.hasSuffix(".liaison-recovery") else { continue }
            let path = "\(directory)/\(name)"
            guard path != own else { continue }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            // Held: a live session's. Free: ours to offer (the lock goes with the close).
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            var info = stat()
            fstat(fd, &info)
            found.append((path, Int(info.st_mtim.tv_sec)))
        }
        return found.sorted { ($0.modified, $0.path) < ($1.modified, $1.path) }.map { Journal(path: $0.path) }
    }

    public init(path: String) {
        self.path = path
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Writes an entry and flushes it to disk before returning.
    func writeDurably(_ entry: Entry) throws(FileError) {
        if fd < 0 {
            var directory = POSIX.directory(of: path)
            if access(directory, F_OK) != 0 {
                // Make the state directory (and its parents) on first use.
                var partial = ""
                for component in directory.split(separator: "/") {
                    partial += "/" + component
                    mkdir(partial, 0o700)
                }
                directory = partial
            }
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw FileError(path: path, "cannot keep unsaved changes here: \(POSIX.errorText())") }
            fchmod(fd, 0o600)
            // Held while this session lives, so another session never offers or drops it.
            flock(fd, LOCK_EX | LOCK_NB)
        }
        // One line per entry: {"op": …, "kind": …, "id": …, "record": {…}, "base": {…}}.
        var line = Array("{\"op\": ".utf8)
        switch entry.operation {
        case .put(let record):
            line += Array("\"put\", \"kind\": \"\(record.kind.rawValue)\", \"record\": ".utf8) + compact(NetworkCoding.encode(record))
        case .delete(let id):
            var writer = JSONWriter(capacity: 64)
            writer.string(id)
            line += Array("\"delete\", \"id\": ".utf8) + writer.bytes
        }
        if let base = entry.base {
            line += Array(", \"baseKind\": \"\(base.kind.rawValue)\", \"base\": ".utf8) + compact(NetworkCoding.encode(base))
        }
        line.append(UInt8(ascii: "}"))
        line.append(0x0A)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw FileError(path: path, "could not keep an unsaved change: \(POSIX.errorText())")
        }
    }

    /// Keeps the journal under another name (changes that could not be recovered), returning it.
    public func setAside() -> String {
        if fd >= 0 { close(fd) }
        fd = -1
        let kept = path + ".kept"
        rename(path, kept)
        return kept
    }

    /// Removes the journal: after a save, or when the user drops the changes.
    public func remove() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(path)
    }

    /// The entries a journal holds, or nil if there is none. Lines that cannot be read (a crash
    /// in the middle of a write) end the list; what came before them is kept.
    public static func read(path: String) -> [Entry]? {
        guard let bytes = try? FileContents.read(path) else { return nil }
        var entries: [Entry] = []
        for line in bytes.split(separator: 0x0A) {
            guard case .object(let object)? = try? JSONReader.parse(Array(line)) else { break }
            var base: Record?
            if case .string(let kindName)? = object["baseKind"], let kind = RecordKind(rawValue: kindName),
               case .object(let baseObject)? = object["base"] {
                base = decode(baseObject, kind: kind)
            }
            switch (object["op"], object["kind"], object["record"], object["id"]) {
            case (.string("put")?, .string(let kindName)?, .object(let recordObject)?, _):
                guard let kind = RecordKind(rawValue: kindName), let record = decode(recordObject, kind: kind) else { return entries }
                entries.append(Entry(operation: .put(record), base: base))
            case (.string("delete")?, _, _, .string(let id)?):
                entries.append(Entry(operation: .delete(id), base: base))
            default:
                return entries
            }
        }
        return entries
    }

    private static func decode(_ object: JSONObject, kind: RecordKind) -> Record? {
        var context = DecodeContext()
        let value = JSONValue.object(object)
        switch kind {
        case .partner: return Schemas.partner.decode(value, &context).map(Record.partner)
        case .objective: return Schemas.objective.decode(value, &context).map(Record.objective)
        case .event: return Schemas.event.decode(value, &context).map(Record.event)
        case .contact: return Schemas.contact.decode(value, &context).map(Record.contact)
        }
    }

    /// Canonical JSON on one line: line breaks outside strings removed (inside strings they are escaped).
    private func compact(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var atLineStart = false
        for byte in bytes {
            if byte == 0x0A {
                atLineStart = true
                continue
            }
            if atLineStart && byte == 0x20 { continue }
            atLineStart = false
            result.append(byte)
        }
        return result
    }
}
