import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When `NetworkCoding.decode` reads a large top-level list of records (the partners) on two
/// threads: the list is cut at a record near the middle of what is left of the file, and the
/// second thread reads from there to the list's end while the first reads up to the cut.
///
/// The result is the one thread's, record for record: the same records in the same order, the
/// same problems (paths renumbered to the list's index), the same spans (both cursors read the
/// same buffer, so offsets, lines and columns are the file's). Whenever the cut is not exactly
/// where the first thread arrives at a record, or the second thread meets broken JSON, the
/// second thread's work is dropped and the first reads on alone, so errors are as before.
public struct DecodeThreads: Sendable {
    /// A list is cut only when at least this many bytes of the file are left where it starts:
    /// a thread and the join cost more than they save on a small file.
    public var minimumBytes: Int
    /// Tests: the first thread waits at the cut for a second thread that has not begun yet,
    /// instead of reading on alone, so that a small file is always read by both.
    var waitsForSecondThread = false

    public init(minimumBytes: Int) {
        self.minimumBytes = minimumBytes
    }

    /// Two threads for a megabyte or more, where the machine has more than one core.
    public static var automatic: DecodeThreads {
        DecodeThreads(minimumBytes: sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 ? 1 << 20 : .max)
    }

    /// Always one thread.
    public static let one = DecodeThreads(minimumBytes: .max)
}

extension JSONCursor {
    /// Reads the top-level list of records at the cursor into `records`, on two threads when
    /// the list is large (`topLevel.threads`).
    mutating func readTopLevelRecords<Nested: Identified & Sendable>(_ kind: RecordKind, _ schema: RecordSchema<Nested>,
                                                                     into records: inout [Nested]) throws(JSONSyntaxError) {
        let open = position
        guard try beginArray() else { return }
        var second = startSecondThread(listOpenedAt: open, kind, schema, reserved: records.capacity)
        // The second thread reads these bytes: it is joined or stopped before they are left.
        defer { second?.stop() }
        var index = 0
        repeat {
            if let thread = second, position >= thread.start {
                second = nil
                if position == thread.start {
                    // Nil when it met broken JSON or had not begun: read on alone.
                    if let half = thread.join() {
                        take(half, kind, schema, into: &records, firstIndex: index)
                        return
                    }
                } else {
                    // The cut was inside a record (of a nested list): not a place to join.
                    thread.stop()
                }
            }
            try readTopLevelElement(index, kind, schema, into: &records)
            index += 1
        } while try nextElement()
    }

    fileprivate mutating func readTopLevelElement<Nested: Identified>(_ index: Int, _ kind: RecordKind, _ schema: RecordSchema<Nested>,
                                                                  into records: inout [Nested]) throws(JSONSyntaxError) {
        pathStack.append(.index(index))
        if let record = try decodeTopLevelRecord(kind, schema) { records.append(record) }
        pathStack.removeLast()
    }

    /// Starts the second thread at a cut, or returns nil when the list stays on one thread.
    /// `reserved`: the room made for the whole list, of which the second thread makes its share.
    private func startSecondThread<Nested: Identified & Sendable>(listOpenedAt open: Int, _ kind: RecordKind,
                                                                  _ schema: RecordSchema<Nested>, reserved: Int) -> SecondHalf<Nested>? {
        guard bytes.count - position >= topLevel.threads.minimumBytes,
              let cut = Self.cut(in: bytes, elementsFrom: position, separator: open + 1..<position) else { return nil }
        let start = SecondHalfStart(bytes: SharedBytes(bytes), start: cut, depth: depth, pathStack: pathStack, basePath: basePath,
                                    dropsPages: topLevel.consumedPages != nil,
                                    capacity: Int(Double(reserved) * Double(bytes.count - cut) / Double(bytes.count)))
        return SecondHalf(start, patient: topLevel.threads.waitsForSecondThread) { isStopped in start.decode(kind, schema, isStopped: isStopped) }
    }

    /// A place near the middle of the rest of the file where one record of the list ends and
    /// the next begins: `}`, `,`, then the same whitespace as between the list's `[` and its
    /// first record, then `{`. That whitespace must hold a newline: a newline is never inside a
    /// string, so the `},` before it closes an object and the `{` after it opens one. Whether it
    /// is a record of this list (not of a nested list) is settled when the first thread gets
    /// there. Returns the offset of the `{`.
    static func cut(in bytes: UnsafeBufferPointer<UInt8>, elementsFrom first: Int, separator: Range<Int>) -> Int? {
        guard first < bytes.count, bytes[first] == UInt8(ascii: "{"), bytes[separator].contains(0x0A) else { return nil }
        let gap = separator.count
        let middle = first + 1 + (bytes.count - first) / 2
        var index = middle
        while index + 2 + gap < bytes.count {
            if bytes[index] == UInt8(ascii: "}"), bytes[index + 1] == UInt8(ascii: ","), bytes[index + 2 + gap] == UInt8(ascii: "{"),
               memcmp(bytes.baseAddress! + index + 2, bytes.baseAddress! + separator.lowerBound, gap) == 0 {
                return index + 2 + gap
            }
            index += 1
        }
        return nil
    }

    /// Continues as if this cursor had read the second half itself.
    private mutating func take<Nested>(_ half: consuming DecodedHalf<Nested>, _ kind: RecordKind, _ schema: RecordSchema<Nested>,
                                       into records: inout [Nested], firstIndex: Int) {
        let prefix = pathText + "["
        diagnostics += half.diagnostics.map { $0.renumbered(under: prefix, by: firstIndex) }
        topLevel.diagnostics += half.recordDiagnostics.map { $0.renumbered(under: prefix, by: firstIndex) }
        topLevel.spans[kind, default: []] += half.spans
        // Moved, not copied: a copy would retain every field of 50,000 partners (and so would
        // `reverse`, to `popLast` from the front). Each record is moved out of the second list and
        // an empty one left in its place, which costs nothing to free.
        records.reserveCapacity(records.count + half.records.count)
        let empty = schema.make()
        half.records.withUnsafeMutableBufferPointer { moved in
            for index in moved.indices {
                records.append((moved.baseAddress! + index).move())
                (moved.baseAddress! + index).initialize(to: empty)
            }
        }
        position = half.end
        depth = half.depth
        isCanonical = half.isCanonical
    }
}

/// The bytes being decoded, handed to the second thread as an address, since a buffer pointer
/// is not `Sendable`. Sound here because both threads only read the bytes and the first never
/// leaves `readTopLevelRecords` (whose caller keeps the bytes) before the second has finished
/// or never started (`SecondHalf.join`, `stop`).
private struct SharedBytes: Sendable {
    let address: UInt
    let count: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        address = UInt(bitPattern: bytes.baseAddress)
        count = bytes.count
    }

    var buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: UnsafePointer(bitPattern: address), count: count)
    }
}

/// Where the second thread starts: the first cursor's state at the list, moved to the cut.
private struct SecondHalfStart: Sendable {
    let bytes: SharedBytes
    let start: Int
    let depth: Int
    let pathStack: [JSONCursor.PathComponent]
    let basePath: [JSONPath.Component]
    let dropsPages: Bool
    /// The records expected after the cut.
    let capacity: Int

    /// Reads the records from the cut to the list's end; nil on broken JSON or when stopped.
    func decode<Nested: Identified & Sendable>(_ kind: RecordKind, _ schema: RecordSchema<Nested>,
                                               isStopped: () -> Bool) -> DecodedHalf<Nested>? {
        let buffer = bytes.buffer
        var cursor = JSONCursor(bytes: buffer)
        cursor.position = start
        cursor.depth = depth
        cursor.pathStack = pathStack
        cursor.basePath = basePath
        if dropsPages {
            cursor.topLevel.consumedPages = ConsumedPages(fileMapping: buffer.baseAddress.map(UnsafeRawPointer.init), from: start)
        }
        var records: [Nested] = []
        // Room for more than malloc's largest threshold for mapping a block of its own (32 MiB on
        // 64-bit glibc): such a list is unmapped when it is freed after the join. A smaller one
        // would stay in this thread's malloc arena and add its size to the load's peak memory.
        // Room never written costs address space, not memory.
        records.reserveCapacity(max(capacity, (32 << 20) / MemoryLayout<Nested>.stride + 1))
        var index = 0
        do {
            repeat {
                guard !isStopped() else { return nil }
                try cursor.readTopLevelElement(index, kind, schema, into: &records)
                index += 1
            } while try cursor.nextElement()
        } catch {
            return nil
        }
        return DecodedHalf(records: records, diagnostics: cursor.diagnostics, recordDiagnostics: cursor.topLevel.diagnostics,
                           spans: cursor.topLevel.spans[kind] ?? [], end: cursor.position, depth: cursor.depth,
                           isCanonical: cursor.isCanonical)
    }
}

/// What the second thread read, paths numbered from the cut.
private struct DecodedHalf<Nested: Sendable>: Sendable {
    var records: [Nested]
    let diagnostics: [Diagnostic]
    let recordDiagnostics: [Diagnostic]
    let spans: [SourceText.Span]
    /// The cursor past the list's `]`, and its depth there.
    let end: Int
    let depth: Int
    let isCanonical: Bool
}

/// The second thread: started at once on a queue of its own; the first joins it at the cut, or
/// stops it when the cut proves wrong (or the first throws). A thread that has not begun by then
/// never begins, so a busy machine costs the first thread no wait.
private final class SecondHalf<Nested: Sendable>: Sendable {
    private enum State: Int { case waiting, running, stopped }

    let start: Int
    private let patient: Bool
    private let state = Atomic<Int>(State.waiting.rawValue)
    private let result = Mutex<DecodedHalf<Nested>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    init(_ start: SecondHalfStart, patient: Bool, work: @escaping @Sendable (_ isStopped: () -> Bool) -> DecodedHalf<Nested>?) {
        self.start = start.start
        self.patient = patient
        // A queue of its own, not the global one: a queue made with a label gets a thread even
        // when the global pool's (which on Linux also runs Swift's tasks) are all busy or waiting.
        DispatchQueue(label: "liaison.decode.second-half").async { [self] in
            defer { finished.signal() }
            guard state.compareExchange(expected: State.waiting.rawValue, desired: State.running.rawValue, ordering: .acquiringAndReleasing).exchanged else { return }
            let half = work { self.state.load(ordering: .relaxed) == State.stopped.rawValue }
            result.withLock { $0 = half }
        }
    }

    /// The second half, once it is read; nil when it failed or had not begun (the first thread
    /// then reads on alone).
    func join() -> DecodedHalf<Nested>? {
        if !patient, state.compareExchange(expected: State.waiting.rawValue, desired: State.stopped.rawValue, ordering: .acquiringAndReleasing).exchanged {
            return nil
        }
        finished.wait()
        return result.withLock { $0.take() }
    }

    /// Stops the second thread and waits until it no longer reads the bytes.
    func stop() {
        let before = state.exchange(State.stopped.rawValue, ordering: .acquiringAndReleasing)
        if before == State.running.rawValue { finished.wait() }
    }
}

extension Diagnostic {
    /// The same problem with the list index that follows `prefix` (`partners[`) moved by
    /// `offset`: the second thread numbers its records from the cut.
    func renumbered(under prefix: String, by offset: Int) -> Diagnostic {
        guard offset != 0, path.hasPrefix(prefix) else { return self }
        let rest = path.dropFirst(prefix.count)
        guard let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]) else { return self }
        var moved = self
        moved.path = prefix + String(index + offset) + rest[close...]
        return moved
    }
}
