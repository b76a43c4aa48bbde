import Testing
import LiaisonGenerator
@testable import LiaisonCore

@Suite("Data derived from the store follows each edit as if built anew")
struct IncrementalDerivedDataTests {
    static let today = Day(year: 2026, month: 11, day: 25)!
    /// Names that sort, fold and look alike in awkward ways: umlauts with and without dots,
    /// written out, case and spacing, a leading "The".
    static let names = ["Universität Wien", "Universitaet Wien", "UNIVERSITAT WIEN", "ETH Zürich", "eth  zuerich", "The University of Tokyo",
                        "University of Tokyo", "Uniwersytet Łódzki", "Ämter-Hochschule", "Zagreb", "a", "Ångström Institute"]
    static let countries = ["AT", "DE", "PL", "JP", "CH", "HR", "SE"]

    /// Seeded random edits, adds, deletes (with their links), undo, redo and saves through a
    /// document; after each, the store's orders, id index and agreement ids, and a search
    /// index, lookalike index, agreements ending soon and overview counts caught up with the
    /// edits, equal the same built from the network as it now is.
    @Test("random edits, adds, deletes, undo, redo and saves", arguments: [1, 2, 3] as [UInt64])
    func randomSequences(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let document = try Document(storage: MemoryStorage(network: NetworkGenerator.network(partners: 120, seed: seed)),
                                    editor: "test", journaling: false)
        let store = document.store
        // Every order cached before the edits, so that each is kept, not rebuilt.
        for field in Store.PartnerSort.allCases {
            for ascending in [true, false] { _ = store.partnerOrder(by: field, ascending: ascending, today: Self.today) }
        }
        store.prepareIndex()
        var followed = Followed(store: store)
        var caughtUp = 0
        var agreementIdsSeen = Set(store.partners.flatMap { $0.agreements.map(\.id) })

        for step in 0..<160 {
            perform(randomOperation(&random), on: document, &random)
            agreementIdsSeen.formUnion(store.partners.flatMap { $0.agreements.map(\.id) })
            if followed.catchUp() { caughtUp += 1 }
            try expectSameAsBuiltAnew(store, followed, agreementIds: agreementIdsSeen, step: step)
        }
        #expect(caughtUp > 100, "most steps follow the edits rather than rebuilding")
    }

    @Test("a lookalike index built in slices answers as one built at once")
    func lookalikeIndexInSlices() {
        let store = Store(network: NetworkGenerator.network(partners: 50, seed: 4))
        var sliced = Lookalike.Index(store: store, partners: 0)
        for start in stride(from: 0, to: 50, by: 7) { sliced.addPartners(start..<min(start + 7, 50)) }
        let whole = Lookalike.Index(store: store)
        var looked = 0
        for partner in store.partners {
            var candidate = partner
            candidate.id = "candidate"
            let a = sliced.lookalike(of: candidate), b = whole.lookalike(of: candidate)
            #expect(a?.partner.id == b?.partner.id && a?.reason == b?.reason)
            if b != nil { looked += 1 }
        }
        #expect(looked == 50, "each partner's copy looks like a partner")
    }

    private enum Operation { case edit, add, delete, deleteOther, undo, redo, save }

    private func randomOperation(_ random: inout SeededRandom) -> Operation {
        switch random.below(100) {
        case 0..<40: .edit
        case 40..<55: .add
        case 55..<65: .delete
        case 65..<70: .deleteOther
        case 70..<82: .undo
        case 82..<94: .redo
        default: .save
        }
    }

    private func perform(_ operation: Operation, on document: Document, _ random: inout SeededRandom) {
        let store = document.store
        switch operation {
        case .edit:
            guard !store.partners.isEmpty else { return }
            var partner = random.pick(store.partners)
            switch random.below(5) {
            case 0: partner.name = random.pick(Self.names)
            case 1: partner.country = random.pick(Self.countries)
            case 2: partner.status = random.pick(Partner.statuses)
            case 3:
                if !partner.agreements.isEmpty {
                    let index = random.below(partner.agreements.count)
                    partner.agreements[index].end = Self.today.adding(days: random.int(in: -30...400))
                }
            default:
                partner.name = random.pick(store.partners).name
                partner.localName = random.pick(Self.names)
            }
            document.put(.partner(partner), allowLookalike: true)
        case .add:
            var partner = store.partners.isEmpty ? Partner() : random.pick(store.partners)
            partner.name = random.pick(Self.names) + " \(random.below(5))"
            partner.id = document.newId(from: partner.name)
            partner.agreements = partner.agreements.prefix(1).map { agreement in
                var copy = agreement
                copy.id = document.newId(from: partner.id + "-agreement")
                return copy
            }
            document.put(.partner(partner), allowLookalike: true)
        case .delete:
            guard !store.partners.isEmpty else { return }
            document.delete(id: random.pick(store.partners).id)
        case .deleteOther:
            let others = store.contacts.map(\.id) + store.events.map(\.id)
            guard !others.isEmpty else { return }
            document.delete(id: random.pick(others))
        case .undo: document.undo()
        case .redo: document.redo()
        case .save:
            _ = document.save()
            // What the store shows after a save is what was written, stamps included.
            #expect((try? document.storage.load().network) == document.network)
        }
    }

    /// The structures a front end keeps, caught up with the store's edits as the dashboard does.
    private struct Followed {
        let store: Store
        var revision: Int
        var search: SearchIndex
        var lookalike: Lookalike.Index
        var expiring: ExpiringAgreements
        var summary: PartnerSummary

        init(store: Store) {
            self.store = store
            revision = store.revision
            search = SearchIndex(network: store.network, revision: store.revision)
            lookalike = Lookalike.Index(store: store)
            expiring = ExpiringAgreements(network: store.network, today: IncrementalDerivedDataTests.today,
                                          until: IncrementalDerivedDataTests.today.adding(days: 180))
            summary = PartnerSummary(network: store.network)
        }

        /// Whether the edits could be followed (else all is built anew).
        mutating func catchUp() -> Bool {
            guard let edits = store.edits(since: revision) else {
                self = Followed(store: store)
                return false
            }
            search.follow(edits, in: store.network, revision: store.revision)
            lookalike.follow(edits)
            expiring.follow(edits)
            summary.follow(edits)
            revision = store.revision
            return true
        }
    }

    private func expectSameAsBuiltAnew(_ store: Store, _ followed: Followed, agreementIds: Set<String>, step: Int) throws {
        let fresh = Store(network: store.network)
        let anew = Followed(store: fresh)
        for field in Store.PartnerSort.allCases {
            for ascending in [true, false] {
                let kept = store.partnerOrder(by: field, ascending: ascending, today: Self.today)
                #expect(kept == fresh.partnerOrder(by: field, ascending: ascending, today: Self.today), "step \(step): order by \(field) ascending \(ascending)")
            }
        }
        for id in store.network.ids(of: .partner) + store.network.ids(of: .contact) + store.network.ids(of: .event) {
            #expect(store.position(of: id) == fresh.position(of: id), "step \(step): position of \(id)")
        }
        for id in agreementIds {
            #expect(store.isAgreementId(id) == fresh.isAgreementId(id), "step \(step): agreement id \(id)")
        }

        for text in ["univ", "wien", "", "zurich", "tokyo ", "status:active", "country:PL", "at"] {
            let query = try SearchQuery(parsing: text, today: Self.today)
            let kept = followed.search.search(query, in: store.network, today: Self.today).map { "\($0.kind) \($0.position) \($0.id) \($0.rank)" }
            let built = anew.search.search(query, in: store.network, today: Self.today).map { "\($0.kind) \($0.position) \($0.id) \($0.rank)" }
            #expect(kept == built, "step \(step): search \(text)")
            #expect(followed.search.matchingPositions(query, kind: .partner, in: store.network, today: Self.today)
                    == anew.search.matchingPositions(query, kind: .partner, in: store.network, today: Self.today))
        }

        let candidates = store.partners.prefix(15) + Self.names.map { name in
            var partner = Partner()
            partner.name = name
            partner.country = "AT"
            return partner
        }
        for candidate in candidates {
            let kept = followed.lookalike.lookalike(of: candidate), built = anew.lookalike.lookalike(of: candidate)
            #expect(kept?.partner.id == built?.partner.id && kept?.reason == built?.reason, "step \(step): lookalike of \(candidate.name)")
            #expect(followed.lookalike.partners(named: candidate.name) == anew.lookalike.partners(named: candidate.name))
        }

        func items(_ list: ExpiringAgreements, in network: Network) -> [String] {
            list.items.map { "\($0.partnerPosition) \($0.partner(in: network).id) \($0.agreement(in: network).id) \($0.end)" }
        }
        #expect(items(followed.expiring, in: store.network) == items(anew.expiring, in: store.network), "step \(step): agreements ending soon")

        func counts(_ summary: PartnerSummary) -> String {
            let lists = [summary.byRegion, summary.byCountry, summary.byType, summary.byStatus]
            return "\(summary.partners) \(summary.active) \(summary.agreements) " + lists.map { $0.map { "\($0.value)=\($0.count)" }.joined(separator: ",") }.joined(separator: ";")
        }
        #expect(counts(followed.summary) == counts(anew.summary), "step \(step): overview counts")
    }
}
