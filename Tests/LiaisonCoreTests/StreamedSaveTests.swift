import Foundation
import Synchronization
import Testing
@testable import LiaisonCore
import LiaisonGenerator

/// A save hands its bytes to the temporary file a buffer at a time, reads the records it copies
/// from the loaded file through a window, and writes the records it stamps in place of the
/// store's: none of it may change a byte of what a full encode writes, or what the next save
/// copies from.
@Suite("Saves streamed to the file as they are made")
struct StreamedSaveTests {
    @Test("through any buffer size, the bytes handed out are a full encode's, and the spans noted are the records' places")
    func bufferBoundaries() throws {
        for file in try SourceTextTests.files() {
            let decoded = NetworkCoding.decode(file.bytes)
            var network = try #require(decoded.network, "\(file.name)")
            var changed: Set<String> = []
            if network.partners.count > 1 {
                network.partners[1].notes = "edited"
                changed.insert(network.partners[1].id)
            }
            let full = NetworkCoding.encode(network)
            for size in [1, 7, 500, 4_096, 1 << 20] {
                let output = CollectedOutput(bufferSize: size)
                let written = NetworkCoding.encode(network, reusing: decoded.source, changed: changed, replacing: [:], into: output)
                #expect(output.bytes == full, "\(file.name), buffer of \(size)")
                // Handed out a buffer at a time: every piece but the last fills one.
                #expect(output.pieces.dropLast().allSatisfy { $0.count >= size }, "\(file.name), buffer of \(size)")
                if size <= 500 { #expect(output.pieces.count > 1, "\(file.name), buffer of \(size)") }
                // The spans noted while streaming are where a reader of the bytes finds the records.
                #expect(layout(written) == layout(try #require(NetworkCoding.decode(output.bytes).source)), "\(file.name), buffer of \(size)")
                #expect(written.canonicalRecordCount == recordCount(network), "\(file.name), buffer of \(size)")
            }
        }
    }

    @Test("the loaded file is read through a window, records larger than it included; a file cut short gives no bytes past its end")
    func spansReadFromTheFile() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let bytes = NetworkCoding.encode(NetworkGenerator.network(partners: 40, seed: 3))
        let path = directory.file("n.json")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let source = try #require(NetworkCoding.decode(bytes).source)
        let spans = source.spans.values.flatMap { $0 }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }

        // A window of 300 bytes: most records are larger, and many end at its edge.
        let reader = SpanReader(descriptor: descriptor, size: bytes.count, windowSize: 300)
        defer { reader.deallocate() }
        for span in spans + spans.reversed() {
            let read = try #require(reader.read(span.range), "\(span.id)")
            #expect(Array(read.bytes) == Array(bytes[span.range]), "\(span.id)")
            #expect(read.next == (span.range.upperBound < bytes.count ? bytes[span.range.upperBound] : nil), "\(span.id)")
        }

        // Another tool cuts the file short after the load: what lies past the cut is not read.
        let cut = spans[spans.count / 2].range.lowerBound + 10
        #expect(truncate(path, off_t(cut)) == 0)
        let afterCut = SpanReader(descriptor: descriptor, size: bytes.count, windowSize: 300)
        defer { afterCut.deallocate() }
        for span in spans {
            if span.range.upperBound < cut {
                #expect(afterCut.read(span.range).map { Array($0.bytes) } == Array(bytes[span.range]), "\(span.id)")
            } else {
                #expect(afterCut.read(span.range) == nil, "\(span.id)")
            }
        }
    }

    @Test("a save streamed in small pieces from the loaded file, stamped records in place, writes a full encode's bytes; the next save copies from it")
    func savedFromTheFile() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("n.json")
        try Data(NetworkCoding.encode(NetworkGenerator.network(partners: 60, seed: 8))).write(to: URL(fileURLWithPath: path))
        let file = try NetworkFile.load(path: path)
        var network = file.network
        network.partners[3].city = "Elsewhere"
        let removed = network.partners.removeLast().id
        let stamped = [network.partners[3].id: ChangeStamp.stamped(.partner(network.partners[3]), at: "2026-11-25T21:00:00Z", by: "ada")]
        let saved = try NetworkFile.save(network, to: path, reusing: file.source, changed: [network.partners[3].id, removed],
                                         stamped: stamped, bufferSize: 97)
        network.replace(with: stamped)
        #expect(network.partners[3].updatedBy == "ada")
        #expect(directory.contents("n.json") == NetworkCoding.encode(network))

        let next = try #require(saved.source)
        let written = try #require(directory.contents("n.json"))
        #expect(layout(next) == layout(try #require(NetworkCoding.decode(written).source)))
        network.partners[0].notes = "second save"
        _ = try NetworkFile.save(network, to: path, reusing: next, changed: [network.partners[0].id], bufferSize: 5)
        #expect(directory.contents("n.json") == NetworkCoding.encode(network))
    }

    @Test("a write that fails in the middle of the stream leaves the original file, and no half file or temporary beside it")
    func failureMidStream() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("n.json")
        let original = NetworkCoding.encode(NetworkGenerator.network(partners: 50, seed: 2))
        try Data(original).write(to: URL(fileURLWithPath: path))
        let file = try NetworkFile.load(path: path)
        var network = file.network
        network.partners[0].notes = "lost to a full disk"
        let writes = Counter()
        var calls = FileSystemCalls.system
        calls.write = { fd, buffer, count in
            guard writes.next() < 3 else {
                errno = ENOSPC
                return -1
            }
            return Glibc.write(fd, buffer, count)
        }
        let error = #expect(throws: FileError.self) {
            try NetworkFile.save(network, to: path, reusing: file.source, changed: [network.partners[0].id], calls: calls, bufferSize: 1_000)
        }
        #expect(error.map { "\($0)" } == "\(path): was not saved: writing the temporary file failed: No space left on device")
        #expect(writes.count > 3, "the failure came in the middle, after pieces were written")
        #expect(directory.contents("n.json") == original)
        #expect(directory.names() == ["n.json"])
    }

    @Test("short writes are continued where they stopped")
    func shortWrites() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("n.json")
        let network = NetworkGenerator.network(partners: 20, seed: 6)
        var calls = FileSystemCalls.system
        calls.write = { fd, buffer, count in Glibc.write(fd, buffer, min(count, 3)) }
        try NetworkFile.save(network, to: path, calls: calls)
        #expect(directory.contents("n.json") == NetworkCoding.encode(network))
    }

    @Test("a save stamps exactly the records this session changed, an added one included, and no other",
          arguments: StorageKind.allCases)
    func stampsOnlyTheChanged(_ kind: StorageKind) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let storage = try kind.make(NetworkGenerator.network(partners: 30, seed: 5), in: directory)
        let document = try Document(storage: storage, editor: "ada", account: "ada", now: { "2026-11-25T21:00:00Z" }, journaling: false)
        let before = document.network
        var notes = before.partners[4]
        notes.notes = "new notes"
        var city = before.partners[9]
        city.city = "Somewhere Else"
        var back = before.partners[12]
        back.city = "For a moment"
        for record in [notes, city, back, before.partners[12]] { #expect(document.put(.partner(record)).isApplied) }
        let added = Fixtures.newPartner("added-here", name: "Added Here University", country: "FR")
        #expect(document.put(.partner(added)).isApplied)

        #expect(document.save() == .saved(merged: false))
        let saved = try storage.load().network
        let stampedIds: Set = [notes.id, city.id, added.id]
        for partner in saved.partners {
            if stampedIds.contains(partner.id) {
                #expect(partner.updatedAt == "2026-11-25T21:00:00Z" && partner.updatedBy == "ada", "\(partner.id)")
            } else {
                #expect(partner == before.partners.first { $0.id == partner.id }, "\(partner.id) was not changed")
            }
        }
        #expect(saved.partners.first { $0.id == notes.id }?.notes == "new notes")
        #expect(saved.partners.count == before.partners.count + 1)
        #expect(saved.objectives == before.objectives && saved.events == before.events && saved.contacts == before.contacts)
        // The store took the stamps: what it shows is what is stored, nothing left unsaved.
        #expect(document.network == saved)
        #expect(document.unsavedChanges == 0)
    }

    /// Each span as "kind id from..<to", in the order of the bytes.
    private func layout(_ source: SourceText) -> [String] {
        source.spans.flatMap { kind, spans in spans.map { (kind, $0) } }
            .sorted { $0.1.range.lowerBound < $1.1.range.lowerBound }
            .map { "\($0.0.rawValue) \($0.1.id) \($0.1.range)" }
    }

    private func recordCount(_ network: Network) -> Int {
        network.partners.count + network.objectives.count + network.events.count + network.contacts.count
    }
}

/// A byte output that keeps what it is handed, piece by piece.
final class CollectedOutput: ByteOutput {
    let bufferSize: Int
    private(set) var pieces: [[UInt8]] = []

    init(bufferSize: Int) { self.bufferSize = bufferSize }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) { pieces.append(Array(bytes)) }

    var bytes: [UInt8] { pieces.flatMap { $0 } }
}

/// Counts calls from a `@Sendable` closure.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// The count before this call.
    func next() -> Int { value.add(1, ordering: .relaxed).oldValue }

    var count: Int { value.load(ordering: .relaxed) }
}
