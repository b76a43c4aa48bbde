#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unsaved changes, written as they are made to a private file (mode 0600) and flushed to disk
/// each time, so that a crash or a dropped connection loses nothing: the next start offers them
/// back. The shared data file is never written for this. One JSON line per change: the record as
/// it became, or the id that was deleted; replaying the lines in order gives the unsaved state.
/// A form left open may add one last line, its draft (`FormDraft`): each draft replaces the one
/// before it (the file is cut back to where it began), and a change or dropping the draft cuts it
/// off, so the file holds at most one, always last.
public final class Journal {
    public private(set) var path: String
    private let place: JournalPlace
    private var fd: Int32 = -1
    /// A failed write left part of a line that could not be cut off.
    private var brokenLine = false
    /// Where the draft line begins, while the journal ends with one.
    private var draftStart: off_t?

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

    /// What a journal holds: the entries that could be read, and how many lines could not (cut
    /// short by a crash or a full disk, or not journal lines at all). Those are skipped; the
    /// lines after them are still read.
    public struct Contents: Equatable, Sendable {
        public var entries: [Entry]
        public var unreadableLines: Int
        /// The form its session had open with typed text, if it ended so.
        public var draft: FormDraft?

        public init(entries: [Entry], unreadableLines: Int = 0, draft: FormDraft? = nil) {
            self.entries = entries
            self.unreadableLines = unreadableLines
            self.draft = draft
        }
    }

    /// The path of a journal for a data file (JournalPlace says where), for a session.
    public static func path(for dataPath: String, user: String = ChangeStamp.loginName(), session: String, stateHome: String? = nil) -> String {
        JournalPlace.of(dataPath: dataPath, user: user, stateHome: stateHome).path(session: session)
    }

    /// A name for a session's journal: the process and a random part.
    public static func newSession() -> String {
        "\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// This session's journal for a data file; the file is made with the first change.
    public convenience init(for dataPath: String, user: String, stateHome: String? = nil) {
        self.init(place: JournalPlace.of(dataPath: dataPath, user: user, stateHome: stateHome))
    }

    init(place: JournalPlace) {
        self.place = place
        self.path = place.path(session: Self.newSession())
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Why changes cannot be kept where this journal goes (its folder made if missing), or nil.
    public func prepare() -> String? { place.prepare() }

    /// Writes an entry and flushes it to disk before returning. A draft before it goes: the
    /// change is the form's, applied.
    func writeDurably(_ entry: Entry) throws(FileError) {
        try writeLineDurably(Self.line(for: entry))
    }

    /// Writes a form's draft in place of the one before, flushed to disk before returning.
    func writeDraftDurably(_ draft: FormDraft) throws(FileError) {
        let start = try writeLineDurably(draft.journalLine)
        draftStart = start
    }

    /// Cuts the draft off the end: its form was left or applied.
    func cutDraft() {
        guard let start = draftStart, fd >= 0 else { return }
        if ftruncate(fd, start) == 0 { fsync(fd) }
        draftStart = nil
    }

    /// Appends a line after cutting off any draft; returns where it begins.
    @discardableResult
    private func writeLineDurably(_ bytes: [UInt8]) throws(FileError) -> off_t {
        if fd < 0 { try create() }
        // Not synced on its own: the line written next is, with the cut.
        if let start = draftStart, ftruncate(fd, start) == 0 { draftStart = nil }
        var line = bytes
        // A line an earlier failure cut short and could not cut off ends here, not in this entry.
        if brokenLine { line.insert(0x0A, at: 0) }
        let end = lseek(fd, 0, SEEK_END)
        var written = 0
        var failure: Int32 = 0
        line.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 { failure = result < 0 ? errno : ENOSPC; return }
                written += result
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        guard failure != 0 else {
            brokenLine = false
            return end
        }
        // Half a line would hide nothing (the reader skips it), but cutting it off keeps the file clean.
        brokenLine = end < 0 || ftruncate(fd, end) != 0
        throw FileError(path: path, "could not keep an unsaved change: \(POSIX.errorText(failure))")
    }

    /// Makes the journal file: only a new file (O_EXCL), never through a link (O_NOFOLLOW), 0600,
    /// in a folder no one else may write in. A name that is taken, by a file or a link someone
    /// planted, is never used: another is chosen.
    private func create() throws(FileError) {
        if let problem = place.prepare() { throw FileError(path: path, problem) }
        for _ in 0..<8 {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_APPEND | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                fd = descriptor
                fchmod(fd, 0o600)
                // Held while this session lives, so another session never offers or drops it.
                flock(fd, LOCK_EX | LOCK_NB)
                return
            }
            guard errno == EEXIST else { throw FileError(path: path, "cannot keep unsaved changes here: \(POSIX.errorText())") }
            path = place.path(session: Self.newSession())
        }
        throw FileError(path: path, "cannot keep unsaved changes: every name tried was taken")
    }

    /// One line per entry: {"op": …, "kind": …, "record": {…}, "baseKind": …, "base": {…}}.
    static func line(for entry: Entry) -> [UInt8] {
        var line = Array(lineStart)
        switch entry.operation {
        case .put(let record):
            line += Array("\"put\", \"kind\": \"\(record.kind.rawValue)\", \"record\": ".utf8) + NetworkCoding.encode(record, compact: true)
        case .delete(let id):
            var writer = JSONWriter(capacity: 64)
            writer.string(id)
            line += Array("\"delete\", \"id\": ".utf8) + writer.bytes
        }
        if let base = entry.base {
            line += Array(", \"baseKind\": \"\(base.kind.rawValue)\", \"base\": ".utf8) + NetworkCoding.encode(base, compact: true)
        }
        line.append(UInt8(ascii: "}"))
        line.append(0x0A)
        return line
    }

    /// How every line starts. Inside a JSON string a quote is escaped, so these bytes mark the
    /// start of an entry wherever they are: after a torn line with no line break, reading
    /// resumes at the next entry.
    static let lineStart = Array("{\"op\": ".utf8)

    /// Removes the journal: after a save, or when the user drops the changes.
    public func remove() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
        draftStart = nil
    }

    /// The entries in a journal's bytes; lines that cannot be read are counted and skipped.
    public static func parse(_ bytes: [UInt8]) -> Contents {
        var contents = Contents(entries: [])
        for line in bytes.split(separator: 0x0A) where line.contains(where: { $0 != 0x20 && $0 != 0x0D }) {
            for piece in pieces(of: line) {
                if let entry = entry(from: piece) {
                    contents.entries.append(entry)
                    // A change after a draft is its form applied (a cut that failed left it).
                    contents.draft = nil
                } else if let draft = draft(from: piece) {
                    contents.draft = draft
                } else {
                    contents.unreadableLines += 1
                }
            }
        }
        return contents
    }

    /// A line, or, if it does not read as one entry, the parts of it that begin an entry.
    private static func pieces(of line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        if entry(from: line) != nil || draft(from: line) != nil { return [line] }
        var starts: [Int] = [line.startIndex]
        var index = line.startIndex + 1
        while index + lineStart.count <= line.endIndex {
            if line[index] == lineStart[0] && line[index..<index + lineStart.count].elementsEqual(lineStart) { starts.append(index) }
            index += 1
        }
        return starts.indices.map { line[starts[$0]..<(($0 + 1 < starts.count) ? starts[$0 + 1] : line.endIndex)] }
    }

    private static func draft(from line: ArraySlice<UInt8>) -> FormDraft? {
        guard case .object(let object)? = try? JSONReader.parse(Array(line)) else { return nil }
        return FormDraft(journalObject: object)
    }

    private static func entry(from line: ArraySlice<UInt8>) -> Entry? {
        guard case .object(let object)? = try? JSONReader.parse(Array(line)) else { return nil }
        var base: Record?
        if case .string(let kindName)? = object["baseKind"], let kind = RecordKind(rawValue: kindName),
           case .object(let baseObject)? = object["base"] {
            base = decode(baseObject, kind: kind)
        }
        switch (object["op"], object["kind"], object["record"], object["id"]) {
        case (.string("put")?, .string(let kindName)?, .object(let recordObject)?, _):
            guard let kind = RecordKind(rawValue: kindName), let record = decode(recordObject, kind: kind) else { return nil }
            return Entry(operation: .put(record), base: base)
        case (.string("delete")?, _, _, .string(let id)?):
            return Entry(operation: .delete(id), base: base)
        default:
            return nil
        }
    }

    private static func decode(_ object: JSONObject, kind: RecordKind) -> Record? {
        var context = DecodeContext()
        let value = JSONValue.object(object)
        let record: Record? = switch kind {
        case .partner: Schemas.partner.decode(value, &context).map(Record.partner)
        case .objective: Schemas.objective.decode(value, &context).map(Record.objective)
        case .event: Schemas.event.decode(value, &context).map(Record.event)
        case .contact: Schemas.contact.decode(value, &context).map(Record.contact)
        }
        // A record the file's own rules would refuse to load is not a line this program wrote.
        return context.diagnostics.errors.isEmpty ? record : nil
    }
}
