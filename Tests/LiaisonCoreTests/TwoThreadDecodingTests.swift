import Foundation
import Testing
@testable import LiaisonCore
import LiaisonGenerator

/// A long list of partners is read on two threads (TwoThreadDecoding): the result must be the
/// one thread's in every detail. The threshold is set to zero so that small files are cut too,
/// and the first thread waits for the second, so both always read.
@Suite("Partners read on two threads")
struct TwoThreadDecodingTests {
    static let two: DecodeThreads = {
        var threads = DecodeThreads(minimumBytes: 0)
        threads.waitsForSecondThread = true
        return threads
    }()

    /// 240 partners; `troubled` gives two of them, one in each half, problems of many kinds.
    static func network(troubled: Bool) throws -> Network {
        var network = NetworkGenerator.network(partners: 240, seed: 11)
        for index in [7, 200] {
            network.partners[index].website = "not a url"
            network.partners[index].status = "weird"
            network.partners[index + 1].contactIds.append("nobody-\(index)")
            guard troubled else { continue }
            network.partners[index].country = "XX"
            network.partners[index + 2].name = " "
            network.partners[index + 3].id = network.partners[index - 1].id
            network.partners[index + 4].id = "Bad Id \(index)"
            var agreement = try #require(network.partners.lazy.flatMap(\.agreements).first)
            agreement.id = "broken-\(index)"
            agreement.start = Day("2020-01-01")
            agreement.end = Day("2019-12-31")
            agreement.quota = Quota(incoming: -1, outgoing: 2)
            network.partners[index].agreements.append(agreement)
        }
        return network
    }

    /// Where the second thread starts in `bytes`, as the decoder finds it.
    static func cut(in bytes: [UInt8]) throws -> Int {
        let key = Array("\"partners\": [".utf8)
        let open = try #require((0...(bytes.count - key.count)).first { bytes[$0..<$0 + key.count].elementsEqual(key) }) + key.count - 1
        let first = try #require(bytes[open...].firstIndex(of: UInt8(ascii: "{")))
        return try #require(bytes.withUnsafeBufferPointer { JSONCursor.cut(in: $0, elementsFrom: first, separator: open + 1..<first) })
    }

    private func spans(_ decoded: NetworkCoding.Decoded) -> [String] {
        guard let source = decoded.source else { return [] }
        return RecordKind.allCases.flatMap { kind in
            (source.spans[kind] ?? []).map { "\(kind) \($0.id) \($0.range) \($0.isCanonical)" }
        }
    }

    @Test("a loadable network: the same records, warnings, spans and saved bytes")
    func loadable() throws {
        let bytes = NetworkCoding.encode(try Self.network(troubled: false))
        let one = NetworkCoding.decode(bytes, threads: .one)
        let two = NetworkCoding.decode(bytes, threads: Self.two)
        let network = try #require(two.network)
        #expect(network == one.network)
        #expect(two.diagnostics == one.diagnostics)
        #expect(two.diagnostics.contains { $0.path.hasPrefix("partners[200].") }, "a warning in the second half")
        #expect(two.diagnostics.contains { $0.path.hasPrefix("partners[7].") }, "a warning in the first half")
        #expect(spans(two) == spans(one))
        // The cut is at a partner of the second half, so the second thread read from there.
        let cut = try Self.cut(in: bytes)
        let partnerSpans = try #require(two.source?.spans[.partner])
        let cutPartner = try #require(partnerSpans.firstIndex { $0.range.lowerBound == cut })
        #expect(cutPartner > 100 && cutPartner < 200)
        let source = try #require(two.source)
        #expect(NetworkCoding.encode(network, reusing: source, changed: []).bytes == bytes)
    }

    @Test("a network with errors in both halves: the same problems, paths and order")
    func problems() throws {
        let bytes = NetworkCoding.encode(try Self.network(troubled: true))
        let one = NetworkCoding.decode(bytes, threads: .one)
        let two = NetworkCoding.decode(bytes, threads: Self.two)
        #expect(two.network == nil)
        #expect(one.diagnostics.errors.count > 10)
        #expect(two.diagnostics == one.diagnostics)
        #expect(two.diagnostics.contains { $0.path == "partners[203].id" }, "an id used twice in the second half")
        #expect(two.diagnostics.contains { $0.path.hasPrefix("partners[200].agreements[") })
    }

    @Test("broken JSON in the second half: the one thread's error, line and column")
    func brokenJSON() throws {
        var text = String(decoding: NetworkCoding.encode(try Self.network(troubled: false)), as: UTF8.self)
        let bytes = Array(text.utf8)
        let cut = try Self.cut(in: bytes)
        // A missing comma a few records after the cut.
        let after = String(decoding: bytes[cut...], as: UTF8.self)
        let broken = after.replacingFirst("\"city\": \"", with: "\"city\" \"", after: 3)
        text = String(decoding: bytes[..<cut], as: UTF8.self) + broken
        let one = NetworkCoding.decode(Array(text.utf8), threads: .one)
        let two = NetworkCoding.decode(Array(text.utf8), threads: Self.two)
        #expect(one.diagnostics.count == 1)
        #expect(one.diagnostics.first?.line != nil)
        #expect(two.diagnostics == one.diagnostics)
    }

    @Test("a layout where nested lists look like the partners' list: the same result")
    func misleadingLayout() throws {
        // Every line break without indentation: the agreements' records are then separated
        // as the partners are, so a cut may fall inside a partner; the first thread notices.
        let text = String(decoding: NetworkCoding.encode(try Self.network(troubled: false)), as: UTF8.self)
        let flat = Array(text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.drop { $0 == " " } }.joined(separator: "\n").utf8)
        let one = NetworkCoding.decode(flat, threads: .one)
        let two = NetworkCoding.decode(flat, threads: Self.two)
        #expect(one.network != nil)
        #expect(two.network == one.network)
        #expect(two.diagnostics == one.diagnostics)
        #expect(spans(two) == spans(one))
    }

    @Test("links checked in two halves: the same warnings, in the same order")
    func linksInHalves() throws {
        var network = try Self.network(troubled: false)
        network.events[0].partnerIds.append("nobody-event")
        let one = Validation.checkAcrossRecords(network, halvesFrom: .max)
        let halves = Validation.checkAcrossRecords(network, halvesFrom: 2)
        #expect(halves == one)
        #expect(one.map(\.path).filter { $0.contains("Ids[") } == [
            "partners[8].contactIds[\(network.partners[8].contactIds.count - 1)]",
            "partners[201].contactIds[\(network.partners[201].contactIds.count - 1)]",
            "events[0].partnerIds[\(network.events[0].partnerIds.count - 1)]",
        ])
    }

    @Test("ids checked in two parts: the same duplicates, in the same order", arguments: [
        "none", "within the first half", "within the second half", "across the halves", "a contact's id used by a partner of the second half",
    ])
    func idsInParts(_ case: String) throws {
        var network = try Self.network(troubled: false)
        switch `case` {
        case "within the first half": network.partners[30].agreements[0].id = network.partners[10].id
        case "within the second half": network.partners[230].id = network.partners[210].agreements[0].id
        case "across the halves": network.partners[220].id = network.partners[20].id
        case "a contact's id used by a partner of the second half": network.contacts[0].id = network.partners[200].id
        default: break
        }
        network.contacts[1].id = network.contacts[2].id
        let one = Validation.checkAcrossRecords(network, halvesFrom: .max)
        let parts = Validation.checkAcrossRecords(network, halvesFrom: 2)
        #expect(parts == one)
        #expect(one.filter { $0.message.contains("already used") }.count == (`case` == "none" ? 1 : 2))
    }

    @Test("a link finds a record only where the id's first use is of the linked kind", arguments: [2, Int.max])
    func linkToAnIdFirstUsedByAnotherKind(halvesFrom: Int) throws {
        var network = try Self.network(troubled: false)
        let id = network.partners[5].id
        network.contacts[0].id = id
        network.partners[7].contactIds = [id]
        let problems = Validation.checkAcrossRecords(network, halvesFrom: halvesFrom)
        #expect(problems.contains { $0.path == "contacts[0].id" && $0.message.contains("already used by partners[5]") })
        #expect(problems.contains { $0.path == "partners[7].contactIds[0]" && $0.message.contains("links to contact \"\(id)\"") })
    }

    @Test("a problem's path is renumbered from the cut to the list's index")
    func renumbered() {
        let problem = Diagnostic(.warning, path: "partners[3].agreements[12].end", "is odd")
        #expect(problem.renumbered(under: "partners[", by: 120).path == "partners[123].agreements[12].end")
        #expect(problem.renumbered(under: "objectives[", by: 120).path == problem.path)
    }
}

private extension String {
    /// The text with the `skipping + 1`th occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String, after skipping: Int) -> String {
        var rest = self[...]
        var head = ""
        for _ in 0..<skipping {
            guard let found = rest.range(of: target) else { return self }
            head += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
        }
        guard let found = rest.range(of: target) else { return self }
        return head + rest[..<found.lowerBound] + replacement + rest[found.upperBound...]
    }
}
