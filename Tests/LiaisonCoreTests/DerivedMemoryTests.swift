import Testing
import LiaisonGenerator
@testable import LiaisonCore

/// The structures made smaller for a dashboard session's memory (issue 11) answer as before: the
/// lookalike index of hashes as the rules say partner by partner, the orders as a sort by the
/// field, then the folded name, then the position, and a record's links as the full map.
@Suite("Derived data kept small answers as before")
struct DerivedMemoryTests {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let names = ["Universität Wien", "Universitaet Wien", "UNIVERSITAT WIEN", "ETH Zürich", "eth  zuerich", "The University of Tokyo",
                        "University of Tokyo", "Uniwersytet Łódzki", "UTokyo", "Zagreb", "a", "", "Ångström Institute"]
    static let countries = ["AT", "DE", "PL", "JP", ""]
    /// Names the partners have: a candidate "ETH Zürich" is found by its umlauts written out only.
    static let partnerNames = names.filter { $0 != "ETH Zürich" }
    /// What an edit may put (the rules refuse an empty name or country).
    static let editedNames = names.filter { !$0.isEmpty }
    static let editedCountries = countries.filter { !$0.isEmpty }
    static let codes: [String?] = [nil, "", "A WIEN01", "a  wien01", "PL LODZ01", "CH ZURICH01"]
    static let pics: [String?] = [nil, "999 888 777", "999888777", "123456789"]
    static let schacs: [String?] = [nil, "univie.ac.at", "UNIVIE.AC.AT", "ethz.ch"]

    /// A network whose partners share names, countries and codes in every combination.
    static func network(seed: UInt64, partners: Int = 160) -> Network {
        var random = SeededRandom(seed: seed)
        var network = NetworkGenerator.network(partners: partners, seed: seed, withIIAs: false)
        network.institution.name = random.pick(["Ruhr-Universität Bochum", "Universität Wien", " "])
        network.institution.country = random.pick(["DE", "AT"])
        network.institution.erasmusCode = random.pick(codes)
        for index in network.partners.indices {
            var partner = network.partners[index]
            partner.name = random.pick(partnerNames)
            partner.localName = random.below(3) == 0 ? random.pick(partnerNames) : nil
            partner.shortName = random.below(4) == 0 ? random.pick(["UTokyo", "ETH", "", "university of tokyo"]) : nil
            partner.country = random.pick(countries)
            partner.erasmusCode = random.pick(codes)
            partner.pic = random.pick(pics)
            partner.schacCode = random.pick(schacs)
            partner.website = random.below(3) == 0 ? "https://www.univie.ac.at/x" : nil
            network.partners[index] = partner
        }
        return network
    }

    /// Candidates: copies of partners (under another id and as themselves) and blank partners
    /// with one name or code each.
    static func candidates(_ store: Store, _ random: inout SeededRandom) -> [Partner] {
        var candidates: [Partner] = []
        for partner in store.partners.prefix(60) {
            candidates.append(partner)
            var copy = partner
            copy.id = "candidate"
            copy.country = random.pick(countries)
            candidates.append(copy)
        }
        for name in names + ["ETH", "Eth Zürich"] {
            for country in countries {
                var partner = Partner()
                partner.id = "candidate"
                partner.name = name
                partner.country = country
                candidates.append(partner)
            }
        }
        for code in codes + pics + schacs {
            var partner = Partner()
            partner.id = "candidate"
            partner.name = "Somewhere Else"
            partner.erasmusCode = random.below(2) == 0 ? code : nil
            partner.pic = random.below(2) == 0 ? code : nil
            partner.schacCode = random.below(2) == 0 ? code : nil
            candidates.append(partner)
        }
        return candidates
    }

    /// The rules of `Lookalike.Index`, partner by partner, in the order the index keeps: the home
    /// institution, then the partners of the list, then those added.
    struct Rules {
        let store: Store
        var added: [Partner] = []

        var everyone: [Partner] {
            let home = store.network.institution
            let first = home.name.trimmingSpaces.isEmpty ? [] : [Lookalike.partner(from: home)]
            // A partner added again under its id answers as its last version.
            var latest: [String: Partner] = [:]
            for partner in added { latest[partner.id] = partner }
            return (first + store.partners + added).map { latest[$0.id] ?? $0 }
        }

        /// Under which keys each partner is found: those of each version indexed.
        var versions: [(id: String, keys: Lookalike.Keys)] {
            let home = store.network.institution
            let first = home.name.trimmingSpaces.isEmpty ? [] : [Lookalike.partner(from: home)]
            return (first + store.partners + added).map { ($0.id, Lookalike.Keys($0, in: store)) }
        }

        func lookalike(of candidate: Partner, homeToo: Bool) -> Lookalike? {
            let keys = Lookalike.Keys(candidate, in: store)
            let latest = Dictionary(everyone.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            // Each id's first version under the key gives its place; a hit answers its last version.
            func first(_ matches: (Lookalike.Keys) -> Bool) -> Partner? {
                versions.first { matches($0.keys) && $0.id != candidate.id && (homeToo || $0.id != Lookalike.homeInstitutionId) }.flatMap { latest[$0.id] }
            }
            if let code = keys.erasmusCode, let other = first({ $0.erasmusCode == code }) {
                return Lookalike(partner: other, reason: "the same Erasmus code \(other.erasmusCode ?? "")")
            }
            if let pic = keys.pic, let other = first({ $0.pic == pic }) { return Lookalike(partner: other, reason: "the same PIC \(other.pic ?? "")") }
            if let code = keys.heiID, let other = first({ $0.heiID == code }) {
                if let schac = other.schacCode, !schac.trimmingSpaces.isEmpty { return Lookalike(partner: other, reason: "the same SCHAC code \(schac)") }
                return Lookalike(partner: other, reason: "the same hei-id \(other.heiID ?? "") (the domain of its website \(other.website ?? ""))")
            }
            guard !keys.name.isEmpty, !keys.country.isEmpty else { return nil }
            for (position, (name, writtenOut)) in keys.names.enumerated() {
                func reason(_ sameName: String, bothNames: Bool) -> String {
                    position == 0 && bothNames
                        ? sameName : "the name \"\(position == 0 ? candidate.name : candidate.localName ?? "")\" as its name or local name, in the same country"
                }
                if let other = first({ $0.country == keys.country && $0.names.contains { $0.0 == name } }) {
                    return Lookalike(partner: other, reason: reason("the same name in the same country", bothNames: Lookalike.Keys(other, in: store).name == name))
                }
                if let other = first({ $0.country == keys.country && $0.names.contains { $0.1 == writtenOut } }) {
                    let bothNames = Lookalike.Keys(other, in: store).nameWrittenOut == writtenOut
                    return Lookalike(partner: other, reason: reason("the same name (umlauts written out) in the same country", bothNames: bothNames))
                }
            }
            if let other = first({ $0.country == keys.country && $0.shortName == keys.name }) {
                return Lookalike(partner: other, reason: "its short name \(other.shortName ?? "") as name, in the same country")
            }
            return nil
        }

        func partners(named name: String) -> [String] {
            let folded = Lookalike.nameKey(name, in: store), writtenOut = Lookalike.nameKey(TextFolding.writingOutUmlauts(name), in: store)
            func ids(_ matches: (Lookalike.Keys) -> Bool) -> [String] {
                var ids: [String] = []
                for version in versions where matches(version.keys) && !ids.contains(version.id) { ids.append(version.id) }
                return ids
            }
            let byName = ids { $0.names.contains { $0.0 == folded } }
            let byWrittenOut = ids { $0.names.contains { $0.1 == writtenOut } }
            return (byName + byWrittenOut.filter { !byName.contains($0) }).filter { $0 != Lookalike.homeInstitutionId }
        }
    }

    static func expectSame(_ index: Lookalike.Index, _ rules: Rules, _ candidates: [Partner], _ label: String) {
        for candidate in candidates {
            let found = index.lookalike(of: candidate)
            let expected = rules.lookalike(of: candidate, homeToo: true)
            #expect(found?.partner == expected?.partner && found?.reason == expected?.reason,
                    "\(label): lookalike of \(candidate.id) \(candidate.name) \(candidate.country)")
            #expect(found?.isHomeInstitution == (expected.map { $0.partner.id == Lookalike.homeInstitutionId }))
            let match = index.match(candidate), expectedMatch = rules.lookalike(of: candidate, homeToo: false)
            #expect(match?.id == expectedMatch?.partner.id && match?.reason == expectedMatch?.reason, "\(label): match of \(candidate.name)")
        }
        for name in names + ["the eth zuerich", "nowhere"] {
            #expect(index.partners(named: name) == rules.partners(named: name), "\(label): partners named \(name)")
        }
    }

    @Test("the lookalike index of hashes finds what the rules say, partner by partner", arguments: [1, 2, 3, 4] as [UInt64])
    func lookalikesAsTheRulesSay(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let store = Store(network: Self.network(seed: seed))
        let index = Lookalike.Index(store: store)
        let candidates = Self.candidates(store, &random)
        Self.expectSame(index, Rules(store: store), candidates, "built")
        #expect(candidates.contains { index.lookalike(of: $0)?.reason.contains("Erasmus code") == true })
        #expect(candidates.contains { index.lookalike(of: $0)?.reason.contains("umlauts written out") == true })
        #expect(candidates.contains { index.lookalike(of: $0)?.reason.contains("short name") == true })
    }

    @Test("partners an import adds, and new versions of partners, are found as added", arguments: [5, 6] as [UInt64])
    func lookalikesOfAddedPartners(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let network = Self.network(seed: seed)
        let store = Store(network: network)
        var index = Lookalike.Index(store: store)
        var rules = Rules(store: store)
        let more = Self.network(seed: seed + 100, partners: 40).partners
        for (number, partner) in more.enumerated() {
            // New partners, and changed versions of the store's (an EWP import's pending ones).
            var added = partner
            if number % 3 == 0 { added.id = random.pick(store.partners).id } else { added.id = "added-\(number)" }
            index.add(added)
            rules.added.append(added)
        }
        Self.expectSame(index, rules, Self.candidates(store, &random), "added")
    }

    @Test("the lookalike index follows edits as if built anew, against the rules", arguments: [7, 8] as [UInt64])
    func lookalikesFollowEdits(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let store = Store(network: Self.network(seed: seed))
        var index = Lookalike.Index(store: store)
        var revision = store.revision
        for step in 0..<60 {
            switch random.below(4) {
            case 0, 1:
                var partner = random.pick(store.partners)
                partner.name = random.pick(Self.editedNames)
                partner.country = random.pick(Self.editedCountries)
                partner.erasmusCode = random.pick(Self.codes)
                partner.localName = random.below(2) == 0 ? random.pick(Self.editedNames) : nil
                _ = try? store.apply(.put(.partner(partner)))
            case 2:
                try store.apply(.delete(id: random.pick(store.partners).id))
            default:
                _ = store.undo()
            }
            guard let edits = store.edits(since: revision) else { Issue.record("the log lost the edits"); return }
            index.follow(edits)
            revision = store.revision
            if step % 10 == 9 { Self.expectSame(index, Rules(store: store), Self.candidates(store, &random), "step \(step)") }
        }
    }

    @Test("the key table keeps entries of one hash apart by member, through removals and growth")
    func keyTable() {
        var table = KeyTable()
        for member in 0..<3_000 { table.insert(UInt32(member % 7), member: Int32(member)) }
        table.remove(3) { $0 % 2 == 0 }
        for member in 3_000..<3_100 { table.insert(3, member: Int32(member)) }
        let expected = (0..<3_000).filter { $0 % 7 == 3 && $0 % 2 == 1 } + Array(3_000..<3_100)
        #expect(table.entries(3).map(Int.init).sorted() == expected)
        #expect(table.entries(4).count == (0..<3_000).filter { $0 % 7 == 4 }.count)
        #expect(table.entries(99).isEmpty)
    }

    /// Each order as a sort of all partners by the field, then the folded name, then the position.
    @Test("orders other than by name break ties by the order by name", arguments: [9, 10] as [UInt64])
    func ordersBreakTiesByName(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let store = Store(network: Self.network(seed: seed, partners: 300))
        func expected(_ field: Store.PartnerSort) -> [Int] {
            let partners = store.partners
            let names = partners.map { Store.fold($0.name) }
            func byName(_ a: Int, _ b: Int) -> Bool { (names[a], a) < (names[b], b) }
            return partners.indices.sorted { a, b in
                switch field {
                case .name: return byName(a, b)
                case .country: return partners[a].country != partners[b].country ? partners[a].country < partners[b].country : byName(a, b)
                case .type: return partners[a].partnershipType != partners[b].partnershipType ? partners[a].partnershipType < partners[b].partnershipType : byName(a, b)
                case .status: return partners[a].status != partners[b].status ? partners[a].status < partners[b].status : byName(a, b)
                case .nextEnd:
                    switch (partners[a].nextAgreementEnd(after: Self.today), partners[b].nextAgreementEnd(after: Self.today)) {
                    case let (x?, y?) where x != y: return x < y
                    case (_?, nil): return true
                    case (nil, _?): return false
                    default: return byName(a, b)
                    }
                }
            }
        }
        // Built by a field first (the order by name made for its ties), then kept through edits.
        for field in [Store.PartnerSort.country, .status, .name, .type, .nextEnd] {
            #expect(store.partnerOrder(by: field, today: Self.today) == expected(field), "\(field)")
        }
        for _ in 0..<20 {
            var partner = random.pick(store.partners)
            partner.name = random.pick(Self.editedNames)
            partner.country = random.pick(Self.editedCountries)
            try store.apply(.put(.partner(partner)))
        }
        for field in Store.PartnerSort.allCases {
            #expect(store.partnerOrder(by: field, today: Self.today) == expected(field), "\(field) after edits")
            #expect(Store(network: store.network).partnerOrder(by: field, today: Self.today) == expected(field), "\(field) anew")
        }
    }

    @Test("a record's links found in one pass are those of the map of every link")
    func linksAroundOneRecord() {
        let network = NetworkGenerator.network(partners: 200, seed: 11, withIIAs: false)
        let all = Links(network: network)
        var linked = 0
        for kind in RecordKind.allCases {
            for position in 0..<network.ids(of: kind).count {
                let record = network.record(kind: kind, at: position)
                let around = Links(network: network, around: record)
                let id = record.id
                #expect(around.contacts(ofPartner: id) == all.contacts(ofPartner: id), "\(id)")
                #expect(around.events(ofPartner: id) == all.events(ofPartner: id), "\(id)")
                #expect(around.events(ofContact: id) == all.events(ofContact: id), "\(id)")
                #expect(around.events(servingObjective: id) == all.events(servingObjective: id), "\(id)")
                #expect(around.partners(servingObjective: id) == all.partners(servingObjective: id), "\(id)")
                #expect(around.partners(ofContact: id) == all.partners(ofContact: id), "\(id)")
                if !LinkedRecords(of: record, store: Store(network: network), links: around).groups.isEmpty { linked += 1 }
            }
        }
        #expect(linked > 100, "most records link to others")
    }

    /// The bits of a String: two equal to the bit hold the same storage (one allocation).
    static func storage(_ string: String) -> [UInt8] { withUnsafeBytes(of: string) { Array($0) } }

    @Test("a load keeps one String of a choice's value and of a stamp repeated record after record")
    func repeatedValuesShared() throws {
        var network = NetworkGenerator.network(partners: 30, seed: 12, withIIAs: false)
        for index in network.partners.indices {
            network.partners[index].updatedAt = index < 20 ? "2026-01-01T00:00:00Z" : "2026-02-0\(index % 3 + 1)T00:00:00Z"
            network.partners[index].partnershipType = "global-engagement"
            network.partners[index].agreements = [Agreement(), Agreement()].enumerated().map { offset, blank in
                var agreement = blank
                agreement.id = "a-\(index)-\(offset)"
                agreement.kind = "memorandum-of-understanding"
                return agreement
            }
        }
        let bytes = NetworkCoding.encode(network)
        var two = DecodeThreads(minimumBytes: 0)
        two.waitsForSecondThread = true
        for threads in [DecodeThreads.one, two] {
            let loaded = try #require(NetworkCoding.decode(bytes, threads: threads).network)
            // The same values as written, each read from its own record.
            #expect(loaded == network, "\(threads.minimumBytes)")
            let partners = loaded.partners
            let kinds = Set(partners.flatMap { $0.agreements.map { Self.storage($0.kind) } })
            #expect(kinds.count == 1, "one String of the agreements' kind")
            #expect(Set(partners.map { Self.storage($0.partnershipType) }).count == 1)
            // Each thread keeps its own last stamp: the first half's, the second half's.
            #expect(Self.storage(partners[0].updatedAt!) == Self.storage(partners[1].updatedAt!), "a stamp repeated is shared")
            #expect(Self.storage(partners[18].updatedAt!) == Self.storage(partners[19].updatedAt!), "a stamp repeated is shared")
            #expect(partners[20].updatedAt == "2026-02-03T00:00:00Z" && partners[21].updatedAt == "2026-02-01T00:00:00Z")
        }
    }
}
