import Testing
import LiaisonCore
import LiaisonGenerator

@Suite("The synthetic network generator (liaison-bench generate)")
struct GeneratorTests {
    static let today = Day("2026-11-24")!

    @Test("a seed always gives the same file; another seed another one")
    func deterministic() {
        let first = NetworkCoding.encode(NetworkGenerator.network(partners: 200, seed: 1))
        #expect(NetworkCoding.encode(NetworkGenerator.network(partners: 200, seed: 1)) == first)
        #expect(NetworkCoding.encode(NetworkGenerator.network(partners: 200, seed: 2)) != first)
    }

    @Test("records in the proportions of the Python generator it replaces", arguments: [0, 2, 1_000])
    func counts(partners: Int) {
        let network = NetworkGenerator.network(partners: partners)
        #expect(network.partners.count == partners)
        #expect(network.contacts.count == max(5, partners / 10))
        #expect(network.events.count == max(3, partners / 20))
        #expect(network.objectives.map(\.id) == ["o-1", "o-2", "o-3", "o-4", "o-5"])
        #expect(network.events.allSatisfy { $0.partnerIds.count == min(3, partners) && Set($0.partnerIds).count == $0.partnerIds.count })
        #expect(network.partners.allSatisfy { $0.contactIds.count == 2 && Set($0.contactIds).count == 2 })
        // Every id unique, every link resolves, every value in the known lists: no errors, no warnings.
        #expect(Validation.check(network).isEmpty, "\(Validation.check(network).prefix(5))")
    }

    @Test("partners spread over countries and continents, agreements over the years around today")
    func spread() throws {
        let network = NetworkGenerator.network(partners: 2_000, seed: 7)
        let countries = Set(network.partners.map(\.country))
        #expect(countries.count == 20)
        let regions = Set(countries.compactMap { Country.named(code: $0)?.region })
        #expect(regions.isSuperset(of: ["Europe", "Asia", "Africa", "North America", "South America", "Oceania"]))
        let active = network.partners.filter { $0.status == "active" }.count
        #expect((800...1_200).contains(active), "half the partners active: \(active)")

        let agreements = network.partners.flatMap(\.agreements)
        #expect((3_600...4_400).contains(agreements.count), "two agreements per partner on average: \(agreements.count)")
        let ends = agreements.compactMap(\.end)
        #expect(ends.count == agreements.count)
        #expect(Set(ends.map(\.year)) == Set(2006...2032))
        #expect(ends.contains { $0 < Self.today })
        let soon = ends.filter { $0 >= Self.today && $0 <= Self.today.adding(days: 180) }.count
        #expect(soon >= 20, "agreements ending in the next 180 days: \(soon)")
        #expect(agreements.allSatisfy { agreement in agreement.start.map { $0 < agreement.end! } ?? false })
        // Erasmus agreements are EWP IIAs with students both ways; the others are not.
        #expect(agreements.allSatisfy { ($0.kind == "erasmus") == ($0.iia != nil) })
        #expect(agreements.compactMap(\.iia).allSatisfy { $0.mobilities.count == 2 && $0.ours?.iiaId != nil })
        #expect(network.institution.heiID == "ruhr-uni-bochum.de")
        #expect(network.partners.contains { !$0.tags.isEmpty } && network.partners.contains { !$0.objectiveIds.isEmpty })
    }

    @Test("names in several scripts, and partners in Kraków for the benchmark's search")
    func names() {
        let network = NetworkGenerator.network(partners: 1_000)
        let scalars = Set(network.partners.flatMap { $0.name.unicodeScalars.map(\.value) })
        let scripts: [(String, ClosedRange<UInt32>)] = [
            ("Latin with diacritics", 0xC0...0x17F), ("Greek", 0x370...0x3FF), ("Cyrillic", 0x400...0x4FF),
            ("CJK", 0x4E00...0x9FFF), ("Hangul", 0xAC00...0xD7A3),
        ]
        for (script, range) in scripts {
            #expect(scalars.contains { range.contains($0) }, "a partner name in \(script)")
        }
        #expect(network.partners.contains { $0.name.contains("Kraków") })
        #expect(network.contacts.allSatisfy { $0.name.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
    }

    @Test("the random numbers stay in bounds, cover them evenly, and samples hold no repeats")
    func random() {
        var random = SeededRandom(seed: 42)
        var buckets = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { buckets[random.below(6)] += 1 }
        #expect(buckets.allSatisfy { (9_500...10_500).contains($0) }, "\(buckets)")
        #expect((0..<1_000).allSatisfy { _ in random.below(1) == 0 })
        #expect((0..<1_000).allSatisfy { _ in (3...5).contains(random.int(in: 3...5)) })
        for _ in 0..<1_000 {
            let sample = random.distinct(3, of: 3)
            #expect(Set(sample) == [0, 1, 2])
        }
    }
}
