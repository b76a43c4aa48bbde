#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each top-level record (partner, objective, event, contact) lies in the bytes a network
/// was read from, and whether those bytes are exactly what `NetworkCoding.encode` writes for it.
/// A save then copies the bytes of records that did not change instead of encoding them again
/// (`NetworkCoding.encode(_:reusing:changed:)`): the output is byte for byte the same either way.
///
/// Never trusted without a check: the bytes are read again only from the file that was loaded
/// (its descriptor, kept open, so a rename over the path leaves them valid) and only while that
/// file's size and modification time are what they were; each span must start with its
/// record's `"id"`; anything else and the record is encoded.
public struct SourceText: Sendable {
    /// One record's bytes: `range` from its `{` to past its `}`.
    struct Span: Sendable {
        let id: String
        let range: Range<Int>
        let isCanonical: Bool
    }

    /// Per kind, in the file's order.
    var spans: [RecordKind: [Span]]
    var origin: SourceOrigin?

    /// Spans without bytes yet: the decoder notes them; the loader says where the bytes are.
    init(spans: [RecordKind: [Span]] = [:], origin: SourceOrigin? = nil) {
        self.spans = spans
        self.origin = origin
    }

    /// How many records may be copied, for tests and measurements.
    public var canonicalRecordCount: Int {
        spans.values.reduce(0) { $0 + $1.filter(\.isCanonical).count }
    }

    /// Runs `body` with the base's bytes, or nil when they can no longer be trusted.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard let origin else { return body(nil) }
        return origin.withBytes(body)
    }
}

/// The bytes a network was read from: in memory, or a file by its open descriptor.
final class SourceOrigin: Sendable {
    enum Storage {
        case memory([UInt8])
        /// A descriptor of the file as loaded and its stamp then.
        case file(descriptor: Int32, stamp: FileStamp)
    }

    let storage: Storage

    init(bytes: [UInt8]) { storage = .memory(bytes) }

    /// Whether `withBytes` hands out a mapping of the file, whose pages may be dropped (never
    /// bytes in memory: dropping those would lose them).
    var isFile: Bool {
        if case .file = storage { return true }
        return false
    }

    init(descriptor: Int32, stamp: FileStamp) { storage = .file(descriptor: descriptor, stamp: stamp) }

    deinit {
        if case .file(let descriptor, _) = storage { close(descriptor) }
    }

    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        switch storage {
        case .memory(let bytes):
            return bytes.withUnsafeBufferPointer { body($0) }
        case .file(let descriptor, let stamp):
            // Written in place by another tool since the load: its size or time shows it.
            var info = stat()
            guard fstat(descriptor, &info) == 0, FileStamp(info) == stamp, stamp.size > 0 else { return body(nil) }
            let size = Int(stamp.size)
            guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else { return body(nil) }
            defer { munmap(mapping, size) }
            // Read front to back: the kernel may read ahead, and the pages copied are dropped
            // as the copy moves on (RecordReuse), so the save's peak memory stays its output's.
            madvise(mapping, size, MADV_SEQUENTIAL)
            return body(UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: size))
        }
    }
}

/// What the decoder notes about the top-level records as it reads them.
struct TopLevelRecords {
    var spans: [RecordKind: [SourceText.Span]] = [:]
    /// The records' own problems, kept apart from the file's so they are listed after them.
    var diagnostics: [Diagnostic] = []
    /// The problems of the record being read, checked as its values are read.
    var values = ValueProblems()
    /// Set when the bytes are a file's mapping: the pages of the records read are given back.
    var consumedPages: ConsumedPages?
    /// Whether a long list of records is read on two threads (TwoThreadDecoding).
    var threads = DecodeThreads.one
}

extension JSONCursor {
    /// Reads one top-level record, checking its values and rules as it is read (ValueProblems),
    /// and notes its span.
    mutating func decodeTopLevelRecord<Record: Identified>(_ kind: RecordKind, _ schema: RecordSchema<Record>) throws(JSONSyntaxError) -> Record? {
        let start = position
        let reported = diagnostics.count
        isCanonical = true
        topLevel.values.isOn = true
        defer { topLevel.values.isOn = false }
        let record = try schema.decode(&self)
        let structural = Array(diagnostics[reported...])
        diagnostics.removeSubrange(reported...)
        topLevel.diagnostics += structural
        let problems = topLevel.values.take()
        guard let record else { return nil }
        if !problems.isEmpty {
            topLevel.diagnostics += Diagnostic.notReportedBefore(problems, structural: structural)
        }
        topLevel.spans[kind, default: []].append(SourceText.Span(id: record.recordId, range: start..<position,
                                                                  isCanonical: isCanonical && structural.isEmpty))
        topLevel.consumedPages?.release(before: position)
        return record
    }
}

extension Diagnostic {
    /// Every problem is reported at once, but a value the structure check already refused
    /// (say, a missing name) is not reported a second time by the rules.
    static func notReportedBefore(_ rules: [Diagnostic], structural: [Diagnostic]) -> [Diagnostic] {
        guard !structural.isEmpty else { return rules }
        let reported = structural.map(\.path)
        return rules.filter { rule in
            !reported.contains { rule.path == $0 || rule.path.hasPrefix($0 + ".") || rule.path.hasPrefix($0 + "[") }
        }
    }
}

/// What a save copies and notes while it writes the top-level records (see
/// `NetworkCoding.encode(_:reusing:changed:)`): the base's bytes for records not changed, and
/// where every record lands in the new bytes, which become the next save's source.
final class RecordReuse {
    private let base: UnsafeBufferPointer<UInt8>?
    private let spans: [RecordKind: [SourceText.Span]]
    private let changed: Set<String>
    /// The base's pages copied past, given back (a file's only): otherwise a 200 MB file would
    /// count whole in the save's memory. A record out of order reads its page again.
    private var consumedPages: ConsumedPages?
    /// Built only when a record is not at its place of the file's order.
    private var positions: [RecordKind: [String: Int]] = [:]
    private(set) var written: [RecordKind: [SourceText.Span]] = [:]
    private(set) var copied = 0

    init(base: UnsafeBufferPointer<UInt8>?, spans: [RecordKind: [SourceText.Span]], changed: Set<String>, dropsPages: Bool) {
        self.base = base
        consumedPages = dropsPages ? ConsumedPages(fileMapping: base?.baseAddress.map(UnsafeRawPointer.init)) : nil
        self.spans = spans
        self.changed = changed
    }

    /// The base's bytes of the record at `index` of its list, when they may be copied.
    func reusableBytes(_ kind: RecordKind, id: String, index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let base, !changed.contains(id), let list = spans[kind] else { return nil }
        let spanIndex: Int
        if index < list.count, list[index].id == id {
            spanIndex = index
        } else {
            if positions[kind] == nil {
                positions[kind] = Dictionary(list.indices.map { (list[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            guard let found = positions[kind]?[id] else { return nil }
            spanIndex = found
        }
        let span = list[spanIndex]
        guard span.isCanonical, span.range.upperBound <= base.count else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: base[span.range])
        // The span must still be that record, start and end: a file changed in place where
        // nothing else noticed would otherwise be copied from at shifted places.
        guard Self.startsWithId(bytes, id), Self.endsAsRecord(bytes, followedBy: span.range.upperBound < base.count ? base[span.range.upperBound] : nil) else {
            return nil
        }
        copied += 1
        consumedPages?.release(before: span.range.lowerBound)
        return bytes
    }

    /// A canonical record at the top level starts `{`, a newline, six spaces and its id.
    private static let idPrefix = Array("{\n      \"id\": \"".utf8)

    private static func startsWithId(_ bytes: UnsafeBufferPointer<UInt8>, _ id: String) -> Bool {
        let prefix = idPrefix.count
        var id = id
        return id.withUTF8 { id in
            guard bytes.count > prefix + id.count + 1, bytes[prefix + id.count] == UInt8(ascii: "\"") else { return false }
            return idPrefix.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, prefix) == 0 }
                && (id.isEmpty || memcmp(id.baseAddress!, bytes.baseAddress! + prefix, id.count) == 0)
        }
    }

    /// A canonical record at the top level ends with a newline, four spaces and `}`, and is
    /// followed by the comma before the next record or the newline before the list's end.
    private static let recordEnd = Array("\n    }".utf8)

    private static func endsAsRecord(_ bytes: UnsafeBufferPointer<UInt8>, followedBy next: UInt8?) -> Bool {
        let end = recordEnd
        guard bytes.count >= end.count, next == UInt8(ascii: ",") || next == UInt8(ascii: "\n") else { return false }
        return (0..<end.count).allSatisfy { bytes[bytes.count - end.count + $0] == end[$0] }
    }

    func noteWritten(_ kind: RecordKind, id: String, range: Range<Int>) {
        written[kind, default: []].append(SourceText.Span(id: id, range: range, isCanonical: true))
    }
}
