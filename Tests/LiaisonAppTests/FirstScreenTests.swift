import Foundation
import Testing
@testable import LiaisonApp
import LiaisonCore
import LiaisonGenerator
import TerminalUI

@Suite("The first screen kept in the cache: drawn as the loaded one is, used only for the same bytes")
struct FirstScreenTests {
    typealias F = AppFixtures

    /// The state the dashboard draws while the file loads: an empty placeholder with the facts.
    private func earlyState(_ facts: OverviewFacts, like loaded: AppState) -> AppState {
        var early = AppState(data: DataSnapshot(placeholderFor: loaded.data.fileName, readOnlyReason: loaded.data.readOnlyReason,
                                                journalProblem: loaded.data.journalProblem, today: loaded.data.today),
                             size: loaded.size, themes: loaded.themes)
        early.preloaded = facts
        early.message = loaded.message
        return early
    }

    /// The facts as they come back from the cache's file.
    private func keptAndRead(_ facts: OverviewFacts) throws -> OverviewFacts {
        try JSONDecoder().decode(OverviewFacts.self, from: JSONEncoder().encode(facts))
    }

    @Test("the first screen from the kept facts is the loaded one, cell for cell and style for style")
    func sameScreen() throws {
        let generated = NetworkGenerator.network(partners: 3_000, withIIAs: false)
        for (width, height) in ScreenTests.sizes {
            let sample = try F.sampleState(width: width, height: height, themes: [F.probeTheme])
            var large = F.state(network: generated, width: width, height: height)
            large.themes = [F.probeTheme]
            // Read-only: the status line says so on the cached screen too.
            let network = sample.data.network
            var readOnly = AppState(data: DataSnapshot(network: network, fileName: "rub-network.json", readOnlyReason: "opened with --read-only", today: F.today),
                                    size: sample.size, themes: [F.probeTheme])
            readOnly.message = StatusMessage(text: "read-only: opened with --read-only", kind: .warning)
            for loaded in [sample, large, readOnly] {
                let early = earlyState(try keptAndRead(OverviewFacts(loaded.data)), like: loaded)
                let expected = Screen.render(loaded)
                #expect(Screen.render(early) == expected, "\(width)x\(height) \(loaded.data.network.partners.count) partners")
                // What the test compares is a full screen, not two empty ones.
                #expect(expected.lines.joined().contains("Agreements ending in the next"))
                #expect(expected.lines.joined().contains("[read-only]") == (loaded.data.readOnlyReason != nil))
            }
        }
    }

    @Test("the facts keep the first rows only, and say how many there are")
    func rowsLimited() throws {
        let state = F.state(network: NetworkGenerator.network(partners: 6_000, withIIAs: false))
        let facts = OverviewFacts(state.data)
        #expect(facts.endingSoonCount == state.data.endingSoon.items.count)
        #expect(facts.endingSoonCount > OverviewFacts.rowLimit)
        #expect(facts.endingSoonRows(0..<1_000).count == OverviewFacts.rowLimit)
        #expect(facts.endingSoonRows(190..<210) == state.data.endingSoonRows(190..<200))
    }

    /// A data file in a folder of its own, with a cache folder beside it.
    private struct Place {
        let directory = NSTemporaryDirectory() + "liaison-first-screen-\(UUID().uuidString)"
        var path: String { directory + "/network.json" }
        var cache: FirstScreenCache { FirstScreenCache(directory: directory + "/cache") }

        init() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: F.repositoryRoot + "/sample-data/rub-network.json", toPath: path)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }

        func data() throws -> DataSnapshot {
            DataSnapshot(document: try Document(storage: FileStorage(path: path), journaling: false), fileName: "network.json", today: F.today)
        }
    }

    @Test("kept facts are found for the same bytes on the same day, and not otherwise")
    func keptForTheSameBytes() throws {
        let place = try Place()
        defer { place.remove() }
        let facts = OverviewFacts(try place.data())
        let digest = try #require(FileDigest.of(path: place.path))
        #expect(place.cache.facts(for: place.path, today: F.today) == nil)
        place.cache.keep(facts, for: place.path, digest: digest, today: F.today)
        #expect(place.cache.facts(for: place.path, today: F.today)?.facts == facts)
        #expect(place.cache.facts(for: place.path, today: F.today.adding(days: 1)) == nil)

        // The same size, the modification time put back (as `cp -p` or `touch -r` would): the
        // change time and the bytes tell.
        var bytes = try #require(FileManager.default.contents(atPath: place.path))
        let modified = try FileManager.default.attributesOfItem(atPath: place.path)[.modificationDate] as! Date
        let at = bytes.firstRange(of: Data("Ruhr".utf8))!.lowerBound
        bytes.replaceSubrange(at..<at + 4, with: Data("Rurh".utf8))
        try bytes.write(to: URL(fileURLWithPath: place.path))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: place.path)
        #expect(place.cache.facts(for: place.path, today: F.today) == nil)
    }

    @Test("a damaged or foreign entry is no entry, and an unwritable cache folder loses nothing")
    func damagedEntries() throws {
        let place = try Place()
        defer { place.remove() }
        let data = try place.data()
        let digest = try #require(FileDigest.of(path: place.path))
        place.cache.keep(OverviewFacts(data), for: place.path, digest: digest, today: F.today)
        let entry = place.cache.entryPath(for: place.path)
        for damage in ["", "{", "{\"format\": 99}", String(repeating: "\u{1B}[2J", count: 3)] {
            try damage.write(toFile: entry, atomically: true, encoding: .utf8)
            #expect(place.cache.facts(for: place.path, today: F.today) == nil, "\(damage)")
        }
        // A link in the entry's place is not followed, and the next keep puts an entry there.
        try FileManager.default.removeItem(atPath: entry)
        try FileManager.default.createSymbolicLink(atPath: entry, withDestinationPath: place.path)
        #expect(place.cache.facts(for: place.path, today: F.today) == nil)
        place.cache.keep(OverviewFacts(data), for: place.path, digest: digest, today: F.today)
        #expect(place.cache.facts(for: place.path, today: F.today) != nil)
        #expect(FirstScreenCache.isOwnFile(entry))
        // A folder others may write in: what is in it may not be this user's.
        place.cache.keep(OverviewFacts(data), for: place.path, digest: digest, today: F.today)
        #expect(place.cache.facts(for: place.path, today: F.today) != nil)
        #expect(chmod(place.cache.directory, 0o777) == 0)
        #expect(place.cache.facts(for: place.path, today: F.today) == nil)
        #expect(chmod(place.cache.directory, 0o700) == 0)
        // A file where the folder should be: keeping fails quietly, finding finds nothing.
        let blocked = FirstScreenCache(directory: place.path + "/cache")
        blocked.keep(OverviewFacts(data), for: place.path, digest: digest, today: F.today)
        #expect(blocked.facts(for: place.path, today: F.today) == nil)
    }

    @Test("the keeper hashes the file beside the session and keeps the facts when the keys pause; not with unsaved changes")
    func keeper() throws {
        let place = try Place()
        defer { place.remove() }
        let data = try place.data()
        let keeper = FirstScreenKeeper(cache: place.cache, dataPath: place.path)
        let deadline = ContinuousClock.now + .seconds(30)
        while !keeper.step(data) && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(place.cache.facts(for: place.path, today: F.today)?.facts == OverviewFacts(data))
        // Kept: the next pauses do nothing.
        #expect(!keeper.step(data))

        // An edit not saved: the store no longer holds the file's bytes, nothing is kept.
        let other = try place.data()
        var partner = other.network.partners[0]
        partner.notes = "changed"
        _ = other.document.put(.partner(partner))
        try FileManager.default.removeItem(atPath: place.cache.directory)
        let unsaved = FirstScreenKeeper(cache: place.cache, dataPath: place.path)
        unsaved.finish(other)
        #expect(place.cache.facts(for: place.path, today: F.today) == nil)
        // Saved: the end of the session keeps the saved file's first screen.
        _ = other.document.save()
        unsaved.finish(other)
        let kept = try #require(place.cache.facts(for: place.path, today: F.today))
        #expect(kept.facts == OverviewFacts(other))
        #expect(kept.digest.version == other.document.version)
    }
}
