import Foundation
import Testing
@testable import LiaisonCore
import LiaisonGenerator

/// A network file is read from its mapping with the pages behind the parser given back to the
/// kernel (ConsumedPages). What is read must be what the same bytes in memory give: the records,
/// the problems with their lines and paths (keys quoted from pages dropped long before), and the
/// spans a save copies.
@Suite("Loading a file with the pages behind the parser given back")
struct ConsumedPagesTests {
    /// Over 8 MB, so that pages are given back several times during the load.
    static let partners = 6_000

    static func largeFile() -> [UInt8] {
        NetworkCoding.encode(NetworkGenerator.network(partners: partners, seed: 11))
    }

    @Test("a large file loads as its bytes in memory decode, and a save copies its records byte for byte")
    func loadsAsInMemory() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("large.json")
        let bytes = Self.largeFile()
        #expect(bytes.count > 8 << 20)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let file = try NetworkFile.load(path: path)
        let inMemory = try #require(NetworkCoding.decode(bytes).network)
        #expect(file.network == inMemory)
        let source = try #require(file.source)
        #expect(source.canonicalRecordCount == inMemory.partners.count + inMemory.objectives.count
                + inMemory.events.count + inMemory.contacts.count)
        let reused = NetworkCoding.encode(file.network, reusing: source, changed: [])
        #expect(reused.bytes == bytes)
    }

    @Test("a problem near the end of the file is reported with the same line and path as from memory")
    func problemPastDroppedPages() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("broken.json")
        var text = String(decoding: Self.largeFile(), as: UTF8.self)
        let lastCountry = try #require(text.range(of: "\"country\": \"", options: .backwards))
        text.replaceSubrange(lastCountry, with: "\"country\": 7, \"was\": \"")
        let bytes = Array(text.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let expected = NetworkCoding.decode(bytes).diagnostics.errors.map(\.description)
        #expect(!expected.isEmpty)
        do {
            _ = try NetworkFile.load(path: path)
            Issue.record("the broken file was loaded")
        } catch {
            guard case .invalid(_, let diagnostics) = error else {
                Issue.record("unexpected: \(error)")
                return
            }
            #expect(diagnostics.errors.map(\.description) == expected)
        }
    }
}
