import Foundation
import Testing
@testable import LiaisonCore
import LiaisonGenerator

/// A save that copies the bytes of unchanged records must write exactly what a full encode
/// writes, whatever the file looked like and whatever was changed.
@Suite("Saving with the original bytes of unchanged records")
struct SourceTextTests {
    /// Canonical files (the sample, generated networks with IIAs, one with unknown keys) and
    /// files in other layouts, each with whether every record is expected to be copied.
    static func files() throws -> [(name: String, bytes: [UInt8], canonical: Bool)] {
        let sample = Fixtures.sampleBytes()
        let generated = NetworkCoding.encode(NetworkGenerator.network(partners: 300, seed: 4))
        let iia = NetworkCoding.encode(SampleIIA.network())
        let text = String(decoding: sample, as: UTF8.self)
        let unknownKeys = NetworkCoding.encode(try #require(Fixtures.decode(Fixtures.network(partners: [
            Fixtures.partner("p1", extra: #", "rank": 12.0, "future": {"a": [1, "\u0001"]}"#),
            Fixtures.partner("p2", extra: #", "tags": ["x"]"#),
        ])).network))
        return [
            ("sample", sample, true),
            ("generated with IIAs", generated, true),
            ("sample IIAs", iia, true),
            ("unknown keys", unknownKeys, true),
            ("tabs for indentation", Array(text.replacingOccurrences(of: "\n      \"name\"", with: "\n\t\"name\"").utf8), false),
            ("escaped é", Array(text.replacingOccurrences(of: "é", with: "\\u00e9").utf8), false),
            ("escaped slash", Array(text.replacingOccurrences(of: "https://", with: "https:\\/\\/").utf8), false),
            ("one line", Array(text.replacingOccurrences(of: "\n", with: "").utf8), false),
            ("other key order", Array(text.replacingOccurrences(of: "\"id\": \"", with: "\"zz\": 1, \"id\": \"").utf8), false),
            ("minus zero", Array(String(decoding: generated, as: UTF8.self)
                .replacingOccurrences(of: "\"incoming\": 0", with: "\"incoming\": -0").utf8), false),
            ("a list left out", Array(text.replacingOccurrences(of: ",\n      \"objectiveIds\": []", with: "").utf8), false),
        ]
    }

    @Test("unchanged, every file is written as a full encode writes it, canonical records copied")
    func unchanged() throws {
        for file in try Self.files() {
            let decoded = NetworkCoding.decode(file.bytes)
            let network = try #require(decoded.network, "\(file.name)")
            let source = try #require(decoded.source)
            let reused = NetworkCoding.encode(network, reusing: source, changed: [])
            #expect(reused.bytes == NetworkCoding.encode(network), "\(file.name)")
            let records = network.partners.count + network.objectives.count + network.events.count + network.contacts.count
            if file.canonical {
                #expect(source.canonicalRecordCount == records, "\(file.name)")
                #expect(reused.bytes == file.bytes, "\(file.name)")
            } else {
                #expect(source.canonicalRecordCount < records, "\(file.name)")
            }
        }
    }

    @Test("after edits, deletes and adds, the output is a full encode's")
    func edited() throws {
        for file in try Self.files() {
            let decoded = NetworkCoding.decode(file.bytes)
            var network = try #require(decoded.network)
            var changed: Set<String> = []
            if !network.partners.isEmpty {
                network.partners[0].name += " (edited)"
                changed.insert(network.partners[0].id)
                changed.insert(network.partners.removeLast().id)
            }
            network.partners.insert(Fixtures.newPartner("added", name: "Added", country: "FR"), at: 0)
            changed.insert("added")
            network.contacts.reverse()
            let reused = NetworkCoding.encode(network, reusing: decoded.source, changed: changed)
            #expect(reused.bytes == NetworkCoding.encode(network), "\(file.name)")
            // The spans noted while writing serve the next save.
            let again = NetworkCoding.encode(network, reusing: reused.source.with(bytes: reused.bytes), changed: [])
            #expect(again.bytes == reused.bytes, "\(file.name)")
        }
    }

    @Test("a record left out of the changed set is not copied when its span does not name it")
    func wrongSpanIsNotTrusted() throws {
        let bytes = Fixtures.sampleBytes()
        let decoded = NetworkCoding.decode(bytes)
        var network = try #require(decoded.network)
        // Two partners swap ids: each id's span now holds the other record's bytes… but the
        // spans are found by id, so both are still copied from the right place.
        try #require(network.partners.count >= 2)
        network.partners.swapAt(0, 1)
        #expect(NetworkCoding.encode(network, reusing: decoded.source, changed: []).bytes == NetworkCoding.encode(network))
    }

    @Test("documents on a file: edits, undo, and a merged save write what a full encode writes")
    func documentSaves() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("net.json")
        try Data(NetworkCoding.encode(NetworkGenerator.network(partners: 200, seed: 7))).write(to: URL(fileURLWithPath: path))
        let mine = try Document(storage: FileStorage(path: path), editor: "ada", account: "ada", journaling: false)
        let theirs = try Document(storage: FileStorage(path: path), editor: "bob", account: "bob", journaling: false)

        var first = mine.network.partners[0]
        first.name += " A"
        _ = mine.put(.partner(first))
        var second = mine.network.partners[1]
        second.city = "Elsewhere"
        _ = mine.put(.partner(second))
        _ = mine.undo()
        _ = mine.delete(id: mine.network.partners[5].id)
        #expect(mine.save() == .saved(merged: false))
        #expect(directory.contents("net.json") == NetworkCoding.encode(mine.network))

        // Saved again from the spans of what the last save wrote.
        var third = mine.network.partners[2]
        third.notes = "again"
        _ = mine.put(.partner(third))
        #expect(mine.save() == .saved(merged: false))
        #expect(directory.contents("net.json") == NetworkCoding.encode(mine.network))

        // Theirs is now out of date: its save merges with what is stored.
        var other = theirs.network.partners[10]
        other.tags.append("merged")
        _ = theirs.put(.partner(other))
        #expect(theirs.save() == .saved(merged: true))
        #expect(directory.contents("net.json") == NetworkCoding.encode(theirs.network))
        #expect(theirs.network.partners[0].name.hasSuffix(" A"))
    }

    @Test("a file changed in place after the load is not copied from: the save encodes everything")
    func changedInPlace() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("net.json")
        let bytes = Fixtures.sampleBytes()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let file = try NetworkFile.load(path: path)
        // Another tool rewrites a name in place (same inode), and adds a byte at the end.
        var edited = String(decoding: bytes, as: UTF8.self)
        let name = file.network.partners[0].name
        edited = edited.replacingOccurrences(of: "\"\(name)\"", with: "\"\(String(repeating: "X", count: name.utf8.count))\"") + " "
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(edited.utf8))
        try handle.close()
        let saved = NetworkCoding.encode(file.network, reusing: file.source, changed: [])
        #expect(saved.bytes == NetworkCoding.encode(file.network))
    }

    /// What `cp -p`, `rsync --inplace -t` or `touch -r` leave: another tool's write in place that
    /// keeps the file's size and puts its modification time back.
    @Test("a write in place that keeps size and modification time is noticed: the save merges, nothing is cut or lost")
    func changedInPlaceKeepingSizeAndTime() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("net.json")
        try Data(Fixtures.sampleBytes()).write(to: URL(fileURLWithPath: path))
        let document = try Document(storage: FileStorage(path: path), editor: "ada", account: "ada", journaling: false)
        let partners = document.network.partners
        // Mine: a third partner's city.
        var mine = partners[2]
        mine.city = "Edited Here"
        #expect(document.put(.partner(mine)).isApplied)
        // Theirs: the first partner's name 5 bytes longer, the second's 5 shorter (same size).
        var before = stat()
        #expect(stat(path, &before) == 0)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let longer = partners[0].name + "PLUS5", shorter = String(partners[1].name.dropLast(5))
        text = text.replacingOccurrences(of: "\"name\": \"\(partners[0].name)\"", with: "\"name\": \"\(longer)\"")
        text = text.replacingOccurrences(of: "\"name\": \"\(partners[1].name)\"", with: "\"name\": \"\(shorter)\"")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)

        #expect(document.save() == .saved(merged: true))
        let saved = try NetworkFile.load(path: path).network
        #expect(saved.partners.first { $0.id == partners[0].id }?.name == longer)
        #expect(saved.partners.first { $0.id == partners[1].id }?.name == shorter)
        #expect(saved.partners.first { $0.id == partners[2].id }?.city == "Edited Here")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == NetworkCoding.encode(saved))
    }
}

extension SourceText {
    /// The spans with bytes in memory, as a test's stand-in for the file written.
    func with(bytes: [UInt8]) -> SourceText {
        SourceText(spans: spans, origin: SourceOrigin(bytes: bytes))
    }
}
