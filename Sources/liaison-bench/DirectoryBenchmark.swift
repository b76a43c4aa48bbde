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
    var timings: [String: [Double]] = [:]
    var found: [String: Int] = [:]
    for _ in 0..<runs {
        for query in queries {
            timings[query, default: []].append(milliseconds { found[query] = index.complete(query, limit: 10).count })
        }
    }
    print(String(format: "%d entries: load %.0f ms, index %.0f ms (medians of %d)", count, median(loads), median(indexings), runs))
    for query in queries {
        let times = timings[query] ?? []
        let label = "\"\(query)\"".padding(toLength: 18, withPad: " ", startingAt: 0)
        print(label + String(format: "%2d found  median %6.2f ms  slowest %6.2f ms", found[query] ?? 0, median(times), times.max() ?? 0))
    }
}
