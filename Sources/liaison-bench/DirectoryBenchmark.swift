// Completion in a reference directory as a person typing a partner's name waits for it: the
// directory of N institutions (ROR-like: a display name, a label in the institution's own
// script where the generator gives one, an acronym; country, city, a domain) written to disk
// as `liaison directory import` stores it, loaded and indexed as a session starting does, then
// each query answered. Names come from the synthetic network generator, so they repeat in the
// ways real names do ("University of …").
import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonGenerator

struct DirectoryCompletion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Completion in a directory of N institutions: load from disk, index, and each query (medians and slowest).",
        discussion: "swift run -c release liaison-bench directory --entries 110000"
    )

    @Option(help: "How many institutions the directory has.")
    var entries = 110_000

    @Option(help: "Runs of the whole query list; each query's median and the slowest are shown.")
    var runs = 5

    func validate() throws {
        guard entries >= 1, runs >= 1 else { throw ValidationError("at least 1 entry and 1 run") }
    }

    func run() throws { try measureDirectory(entries: entries, runs: runs) }
}

func measureDirectory(entries count: Int, runs: Int) throws {
    let network = NetworkGenerator.network(partners: count, seed: 7)
    let entries = network.partners.map { partner in
        var names = [DirectoryEntry.Name(partner.name, language: "en")]
        if let local = partner.localName { names.append(DirectoryEntry.Name(local, kind: .label)) }
        if let short = partner.shortName { names.append(DirectoryEntry.Name(short, kind: .acronym)) }
        return DirectoryEntry(source: .ror, id: "https://ror.org/" + partner.id, names: names, countryCode: partner.country,
                              city: partner.city, website: partner.website, domains: partner.schacCode.map { [$0] } ?? [])
    }
    let folder = NSTemporaryDirectory() + "liaison-bench-directory-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let storage = DirectoryStorage(folder: folder)
    try storage.write(entries, as: .ror)

    var loads: [Double] = [], indexings: [Double] = []
    var index: DirectoryIndex!
    for _ in 0..<runs {
        var loaded: [DirectoryEntry] = []
        loads.append(try milliseconds { loaded = try storage.load() })
        indexings.append(milliseconds { index = DirectoryIndex(loaded) })
    }
    // What people type: a word's start, two words, a whole common word, one letter (the worst
    // case: most names match), a city, an acronym, text in another script, a miss.
    let samples = network.partners.prefix(3)
    var queries = ["u", "univ", "university of", "tech", "inst", "zzzz"]
    queries += samples.map { String($0.name.prefix(4)) }
    queries += samples.compactMap(\.localName).map { String($0.prefix(2)) }
    queries += samples.compactMap(\.shortName)
    // A city, as the index also holds them.
    queries += samples.compactMap(\.city).map { String($0.prefix(5)) }
    var timings: [String: [Double]] = [:]
    var found: [String: Int] = [:]
    for _ in 0..<runs {
        for query in queries {
            timings[query, default: []].append(milliseconds { found[query] = index.complete(query, limit: 10).count })
        }
    }
    // A whole name looked up, as duplicate detection and `check codes` do for each partner.
    var named: [Double] = []
    for _ in 0..<runs {
        for partner in samples { named.append(milliseconds { _ = index.entries(named: partner.name) }) }
    }
    print(String(format: "%d entries: load %.0f ms, index %.0f ms (medians of %d)", count, median(loads), median(indexings), runs))
    print(String(format: "a whole name looked up: median %.3f ms, slowest %.3f ms", median(named), named.max() ?? 0))
    for query in queries {
        let times = timings[query] ?? []
        let label = "\"\(query)\"".padding(toLength: 18, withPad: " ", startingAt: 0)
        print(label + String(format: "%2d found  median %6.2f ms  slowest %6.2f ms", found[query] ?? 0, median(times), times.max() ?? 0))
    }
}

/// A ROR data dump (schema v2.1, the shape of the official example record: locations with
/// GeoNames details, external ids, links, names with language tags, relationships, admin) of N
/// institutions, written record by record, for measuring `liaison directory import` on a file
/// as large as the real dump (about 250 MB for 110,000 records).
struct RORDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ror-dump",
        abstract: "Write a ROR v2 data dump of N institutions, to measure `liaison directory import` on it.",
        discussion: """
        swift run -c release liaison-bench ror-dump --entries 110000 --output /tmp/ror.json
        /usr/bin/time -v .build/release/liaison directory import /tmp/ror.json
        """
    )

    @Option(help: "How many records.")
    var entries = 110_000

    @Option(help: "The file to write.")
    var output: String

    func run() throws {
        guard let file = FileHandle(forWritingAtPath: output) ?? {
            FileManager.default.createFile(atPath: output, contents: nil) ? FileHandle(forWritingAtPath: output) : nil
        }() else { throw ValidationError("\(output) cannot be written") }
        try file.truncate(atOffset: 0)
        let network = NetworkGenerator.network(partners: entries, seed: 7)
        var buffer: [UInt8] = [UInt8(ascii: "[")]
        for (position, partner) in network.partners.enumerated() {
            var writer = JSONWriter(capacity: 4096, compact: true)
            writer.value(rorRecord(partner, position: position))
            if position > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer += writer.bytes
            if buffer.count > 1 << 21 {
                try file.write(contentsOf: Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer += Array("]\n".utf8)
        try file.write(contentsOf: Data(buffer))
        try file.close()
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print("\(output): \(entries) records, \(size / 1_048_576) MB")
    }
}

/// A partner of the generated network as a ROR record.
private func rorRecord(_ partner: Partner, position: Int) -> JSONValue {
    func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members.map { JSONObject.Member($0.0, $0.1) })) }
    func name(_ value: String, _ types: [String], _ lang: String?) -> JSONValue {
        object([("value", .string(value)), ("types", .array(types.map(JSONValue.string))), ("lang", lang.map(JSONValue.string) ?? .null)])
    }
    let id = String(format: "0%06dxx", position)
    var names = [name(partner.name, ["ror_display", "label"], "en")]
    if let local = partner.localName { names.append(name(local, ["label"], nil)) }
    if let short = partner.shortName { names.append(name(short, ["acronym"], "en")) }
    let relationships = (1...12).map { offset in
        object([("id", .string("https://ror.org/0\(String(format: "%06d", (position + offset * 977) % 1_000_000))xx")),
                ("label", .string("Institute \(offset) of \(partner.name)")), ("type", .string(offset == 1 ? "parent" : "child"))])
    }
    return object([
        ("locations", .array([object([("geonames_id", .number("\(5_000_000 + position)")), ("geonames_details", object([
            ("continent_code", .string("EU")), ("continent_name", .string("Europe")), ("country_code", .string(partner.country)),
            ("country_name", .string(partner.country)), ("country_subdivision_code", .null), ("country_subdivision_name", .null),
            ("lat", .number("50.0")), ("lng", .number("7.0")), ("name", partner.city.map(JSONValue.string) ?? .null),
        ]))])])),
        ("established", .number("\(1850 + position % 170)")),
        ("external_ids", .array([
            object([("type", .string("grid")), ("all", .array([.string("grid.\(position).\(position % 97)")])), ("preferred", .string("grid.\(position).\(position % 97)"))]),
            object([("type", .string("isni")), ("all", .array([.string("0000 0001 \(1000 + position % 9000) \(1000 + position % 8999)")])), ("preferred", .null)]),
            object([("type", .string("wikidata")), ("all", .array([.string("Q\(100_000 + position)")])), ("preferred", .null)]),
            object([("type", .string("fundref")), ("all", .array([.string("\(100_000_000 + position)"), .string("\(100_500_000 + position)")])),
                    ("preferred", .string("\(100_000_000 + position)"))]),
        ])),
        ("id", .string("https://ror.org/\(id)")),
        ("domains", .array(partner.schacCode.map { [.string($0)] } ?? [])),
        ("links", .array([
            object([("type", .string("website")), ("value", .string(partner.website ?? "https://example.org/\(id)"))]),
            object([("type", .string("wikipedia")), ("value", .string("https://en.wikipedia.org/wiki/\(id)"))]),
        ])),
        ("names", .array(names)),
        ("relationships", .array(relationships)),
        ("status", .string("active")),
        ("types", .array([.string("education"), .string("funder")])),
        ("admin", object([
            ("created", object([("date", .string("2018-11-14")), ("schema_version", .string("1.0"))])),
            ("last_modified", object([("date", .string("2025-03-25")), ("schema_version", .string("2.1"))])),
        ])),
    ])
}
