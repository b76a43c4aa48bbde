import Foundation
import Testing
import LiaisonCore
import LiaisonGenerator
@testable import liaison_bench

@Suite("liaison-bench user: the parts that decide what is timed")
struct UserBenchPartsTests {
    @Test("an answer is complete after its marker and then the quiet, and ends at its last byte")
    func markerThenQuiet() {
        var watch = AnswerWatch(marker: "quit", quiet: 0.05)
        watch.receive(Array("\u{1B}[1;1H Overview".utf8), at: 1.000)
        #expect(!watch.isComplete(at: 2.0), "no marker yet, however long the quiet")
        #expect(watch.wait(at: 2.0) == nil)
        // The marker split over two writes, as a terminal's reads may cut it.
        watch.receive(Array(" q \u{1B}[0m qu".utf8), at: 1.010)
        #expect(!watch.markerSeen)
        watch.receive(Array("it\u{1B}[K".utf8), at: 1.020)
        #expect(watch.markerSeen)
        #expect(!watch.isComplete(at: 1.060), "the quiet has lasted 40 ms of 50")
        #expect(abs(watch.wait(at: 1.060)! - 0.010) < 1e-9)
        // More of the same frame: the quiet starts again.
        watch.receive(Array("\u{1B}[40;1H".utf8), at: 1.065)
        #expect(!watch.isComplete(at: 1.100))
        #expect(watch.isComplete(at: 1.115))
        #expect(watch.lastByte == 1.065)
        #expect(watch.bytes == "\u{1B}[1;1H Overview".utf8.count + " q \u{1B}[0m qu".utf8.count + "it\u{1B}[K".utf8.count + "\u{1B}[40;1H".utf8.count)
    }

    @Test("without a marker, the first bytes start the quiet; nothing received is never complete")
    func anyByte() {
        var watch = AnswerWatch(quiet: 0.06)
        #expect(!watch.isComplete(at: 10))
        watch.receive([], at: 0.5)
        #expect(!watch.isComplete(at: 10), "an empty read is not an answer")
        watch.receive(Array("▌".utf8), at: 0.001)
        #expect(watch.isComplete(at: 0.061))
        #expect(!watch.isComplete(at: 0.060))
    }

    @Test("a marker longer than the bytes so far, or never sent, is not seen")
    func markerNotSent() {
        var watch = AnswerWatch(marker: "saved", quiet: 0.01)
        watch.receive(Array("sav".utf8), at: 0)
        watch.receive(Array("es".utf8), at: 0.001)
        #expect(!watch.markerSeen, "\"saves\" is not \"saved\"")
        #expect(!watch.isComplete(at: 5))
    }

    @Test("median of odd and even counts, and the spread of the runs")
    func spread() {
        #expect(median([3]) == 3)
        #expect(median([5, 1, 3]) == 3)
        #expect(median([4, 1, 3, 2]) == 2.5)
        let spread = Spread([12, 10, 30, 11, 13])
        #expect(spread.median == 12 && spread.min == 10 && spread.max == 30 && spread.runs == 5)
    }

    @Test("ratios from alternating runs are taken per pair, then their median")
    func alternatingRatio() {
        // The third pair ran at a busy moment: both slow, the ratio as the others.
        let ratio = AlternatingRatio(ours: [10, 11, 40, 10], theirs: [50, 50, 200, 40])
        #expect(abs(ratio.ratio.median - 0.21) < 1e-12)
        #expect(ratio.ratio.min == 0.2)
        #expect(ratio.ratio.max == 0.25)
        #expect(ratio.ours.median == 10.5)
        #expect(ratio.theirs.median == 50)
    }

    @Test("numbers in the tables: thousands grouped, places as asked")
    func numbers() {
        #expect(UserReport.grouped(100_000) == "100,000")
        #expect(UserReport.grouped(999) == "999")
        #expect(UserReport.decimal(1_234.4, 0) == "1,234")
        #expect(UserReport.decimal(0.567, 2) == "0.57")
    }
}

@Suite("liaison-bench user: jq's lookup is find's", .enabled(if: Tools.onCI || Tools.onPath("jq"), "jq is not installed (.ci/run installs it)"))
struct JQLookupTests {
    /// The kind and id of each record `find kraków` gives, and of each the jq program prints.
    static func compare(file: String) throws -> (find: [String], jq: [String]) {
        let found = try CLI.run(["find", "kraków", "--json"], data: file)
        #expect(found.status == 0, "\(found.stderr)")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]])
        let find = hits.map { "\($0["kind"] as? String ?? "?") \($0["id"] as? String ?? "?")" }
        let jq = try CLI.run(JQLookup.arguments(file: file), data: nil, program: try #require(PeerTool.find("jq")))
        #expect(jq.status == 0, "\(jq.stderr)")
        return (find.sorted(), jq.stdout.split(separator: "\n").map(String.init).sorted())
    }

    @Test("on the sample: the same records")
    func sample() throws {
        let (find, jq) = try Self.compare(file: CLI.sample)
        #expect(!find.isEmpty)
        #expect(jq == find)
    }

    @Test("on a generated network of 1,000 partners: the same records (partners by city, events by location)")
    func generated() throws {
        let directory = try ExportWorkbookTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/net.json"
        try Data(NetworkCoding.encode(NetworkGenerator.network(partners: 1000))).write(to: URL(fileURLWithPath: file))
        let (find, jq) = try Self.compare(file: file)
        #expect(find.contains { $0.hasPrefix("event ") } && find.contains { $0.hasPrefix("partner ") }, "\(find.prefix(5))")
        #expect(jq == find)
    }
}

@Suite("liaison-bench user, run on the debug build", .serialized)
struct UserBenchRunTests {
    @Test("at 1,000 partners, one run: every measure and comparison of the table, each with its figures")
    func everyRow() throws {
        // A temporary folder of its own: another bench running beside the tests (a developer
        // measuring) must not count as something this run left behind.
        let temporary = try ExportWorkbookTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let result = try CLI.run(["user", "--partners", "1000", "--runs", "1", "--json"], environment: ["TMPDIR": temporary],
                                 data: nil, program: CLI.bench, timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let networks = try JSONDecoder().decode([NetworkMeasures].self, from: Data(result.stdout.utf8))
        #expect(networks.map(\.partners) == [1000])
        let network = try #require(networks.first)
        #expect(network.withIIAs)
        #expect(network.fileMB > 0)
        #expect(network.measures.map(\.id) == UserReport.rows.map(\.id))
        for measure in network.measures {
            #expect(measure.milliseconds.runs >= 1 && measure.milliseconds.min > 0, "\(measure.id)")
        }
        #expect(network.measure("row-move")?.milliseconds.runs == 5)
        #expect(network.measure("filter-key")?.milliseconds.runs == 6)
        #expect((network.measure("row-move")?.bytes?.min ?? 0) > 0)
        for id in ["find", "validate", "set", "save"] {
            #expect((network.measure(id)?.peakMemoryMB?.min ?? 0) > 1, "\(id)")
        }
        #expect(network.comparisons.map(\.id) == UserReport.comparisons)
        for comparison in network.comparisons {
            #expect(comparison.ratio != nil || comparison.note == "not installed", "\(comparison.id)")
        }
        if Tools.onCI || Tools.onPath("jq") { #expect(network.comparisons[0].ratio != nil) }
        // Every row of the Markdown table, made again from the JSON.
        let saved = NSTemporaryDirectory() + "liaison-bench-tables-\(UUID().uuidString).json"
        try result.stdout.write(toFile: saved, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: saved) }
        let tables = try CLI.run(["user", "--tables-from", saved], data: nil, program: CLI.bench)
        #expect(tables.status == 0, "\(tables.stderr)")
        let table = tables.stdout
        for row in UserReport.rows { #expect(table.contains("| \(row.title) | "), "\(row.id)") }
        #expect(table.contains("| `find kraków` ÷ jq's same lookup | "))
        #expect(table.contains("of 1 run "))
        #expect(table.contains("1,000 partners"))
        // Nothing left behind in the temporary folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("liaison-bench-user-") }.isEmpty)
    }

    @Test("generate --without-iias: the same network without any EWP IIA, valid")
    func withoutIIAs() throws {
        let with = try CLI.run(["generate", "200"], data: nil, program: CLI.bench)
        let without = try CLI.run(["generate", "200", "--without-iias"], data: nil, program: CLI.bench)
        #expect(with.status == 0 && without.status == 0)
        var expected = try #require(NetworkCoding.decode(Array(with.stdout.utf8)).network)
        #expect(expected.partners.contains { $0.agreements.contains { $0.iia != nil } })
        for partner in expected.partners.indices {
            for agreement in expected.partners[partner].agreements.indices { expected.partners[partner].agreements[agreement].iia = nil }
        }
        #expect(without.stdout == String(decoding: NetworkCoding.encode(expected), as: UTF8.self))
        #expect(!without.stdout.contains("\"iia\""))
    }
}
