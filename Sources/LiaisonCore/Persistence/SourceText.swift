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
/// file's device, inode, size, modification and change times are what they were; each span must
/// start with its record's `"id"` and end as a record; anything else and the record is encoded.
public struct SourceText: Sendable {
    /// One record's bytes: `range` from its `{` to past its `}`. 32 bytes (offsets in 32 bits
    /// where a file is under 4 GB): a save holds two lists of them, the file's and the one it
    /// writes.
    struct Span: Sendable {
        let id: String
        private let start: UInt32
        private let count: UInt32
        let isCanonical: Bool

        /// A range past 4 GB is kept as not canonical (its record encoded on save), never cut.
        init(id: String, range: Range<Int>, isCanonical: Bool) {
            self.id = id
            let fits = range.upperBound <= UInt32.max
            start = fits ? UInt32(range.lowerBound) : 0
            count = fits ? UInt32(range.count) : 0
            self.isCanonical = isCanonical && fits
        }

        var range: Range<Int> { Int(start)..<Int(start) + Int(count) }
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

    /// Runs `body` with a reader of the base's bytes, or nil when they can no longer be trusted.
    func withBytes<T>(_ body: (SpanReader?) -> T) -> T {
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

    init(descriptor: Int32, stamp: FileStamp) { storage = .file(descriptor: descriptor, stamp: stamp) }

    deinit {
        if case .file(let descriptor, _) = storage { close(descriptor) }
    }

    func withBytes<T>(_ body: (SpanReader?) -> T) -> T {
        switch storage {
        case .memory(let bytes):
            return bytes.withUnsafeBufferPointer { body(SpanReader(memory: $0)) }
        case .file(let descriptor, let stamp):
            // Written in place by another tool since the load: its size or times show it.
            var info = stat()
            guard fstat(descriptor, &info) == 0, FileStamp(info) == stamp, stamp.size > 0 else { return body(nil) }
            #if os(Linux)
            // Read front to back: the kernel reads ahead.
            _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
            #endif
            let reader = SpanReader(descriptor: descriptor, size: Int(stamp.size))
            defer { reader.deallocate() }
            return body(reader)
        }
    }
}

/// Reads the spans of records a save copies, front to back, from bytes in memory or from a
/// file. A file is read with `pread` into a window of a few hundred records, not mapped: the
/// pages of a 140 MB file never join the process's memory, and a file cut short by another tool
/// meanwhile gives a short read (the records past it are encoded), where a mapping would
/// stop the process with SIGBUS.
final class SpanReader {
    /// 1 MB: hundreds of records per read, and still in the processor's caches when copied.
    static let windowSize = 1 << 20

    private let memory: UnsafeBufferPointer<UInt8>?
    private let descriptor: Int32
    /// The file's size when the save began.
    let size: Int
    private var window: UnsafeMutableRawBufferPointer
    /// Where the window's bytes are in the file, and how many it holds.
    private var windowStart = 0
    private var windowCount = 0

    init(memory: UnsafeBufferPointer<UInt8>) {
        self.memory = memory
        descriptor = -1
        size = memory.count
        window = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    }

    init(descriptor: Int32, size: Int, windowSize: Int = SpanReader.windowSize) {
        memory = nil
        self.descriptor = descriptor
        self.size = size
        window = .allocate(byteCount: max(1, windowSize), alignment: 16)
    }

    func deallocate() {
        if memory == nil { window.deallocate() }
    }

    /// The bytes of `range` and the byte after it (nil at the end of the bytes), or nil when
    /// they cannot be read: past the end, or the file got shorter.
    func read(_ range: Range<Int>) -> (bytes: UnsafeBufferPointer<UInt8>, next: UInt8?)? {
        guard range.lowerBound >= 0, range.upperBound <= size else { return nil }
        let end = min(range.upperBound + 1, size)
        if let memory {
            return (UnsafeBufferPointer(rebasing: memory[range]), end > range.upperBound ? memory[range.upperBound] : nil)
        }
        if range.lowerBound < windowStart || end > windowStart + windowCount {
            guard fill(from: range.lowerBound, atLeast: end - range.lowerBound) else { return nil }
        }
        let bytes = UnsafeBufferPointer(start: window.baseAddress!.assumingMemoryBound(to: UInt8.self) + (range.lowerBound - windowStart),
                                        count: range.count)
        return (bytes, end > range.upperBound ? window[range.upperBound - windowStart] : nil)
    }

    /// Reads the file from `offset` into the window (made larger for a record larger than it).
    private func fill(from offset: Int, atLeast needed: Int) -> Bool {
        if window.count < needed {
            window.deallocate()
            window = .allocate(byteCount: needed, alignment: 16)
        }
        windowStart = offset
        windowCount = 0
        let wanted = min(window.count, size - offset)
        while windowCount < wanted {
            let result = pread(descriptor, window.baseAddress! + windowCount, wanted - windowCount, off_t(offset + windowCount))
            if result < 0 && errno == EINTR { continue }
            if result <= 0 { break }
            windowCount += result
        }
        return windowCount >= needed
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
/// `NetworkCoding.encode(_:reusing:changed:)`): the base's bytes for records not changed, the
/// records stamped by the save in place of the network's, and where every record lands in the
/// new bytes, which become the next save's source.
final class RecordReuse {
    private let base: SpanReader?
    private let spans: [RecordKind: [SourceText.Span]]
    private let changed: Set<String>
    /// Records written instead of the network's own (the save's stamped records, by id), so that
    /// stamping never copies the store's lists.
    private let replacements: [String: Record]
    /// Built only when a record is not at its place of the file's order.
    private var positions: [RecordKind: [String: Int]] = [:]
    private(set) var written: [RecordKind: [SourceText.Span]] = [:]
    private(set) var copied = 0

    init(base: SpanReader?, spans: [RecordKind: [SourceText.Span]], changed: Set<String>, replacements: [String: Record] = [:]) {
        self.base = base
        self.spans = spans
        self.changed = changed
        self.replacements = replacements
    }

    /// The record to write in place of the network's record with this id, if there is one.
    func replacement<Nested>(for id: String, as type: Nested.Type) -> Nested? {
        guard !replacements.isEmpty, let record = replacements[id] else { return nil }
        switch record {
        case .partner(let value): return value as? Nested
        case .objective(let value): return value as? Nested
        case .event(let value): return value as? Nested
        case .contact(let value): return value as? Nested
        }
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
        guard span.isCanonical, let (bytes, next) = base.read(span.range) else { return nil }
        // The span must still be that record, start and end: a file changed in place where
        // nothing else noticed would otherwise be copied from at shifted places.
        guard Self.startsWithId(bytes, id), Self.endsAsRecord(bytes, followedBy: next) else { return nil }
        copied += 1
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
