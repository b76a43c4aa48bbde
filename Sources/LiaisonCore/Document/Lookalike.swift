/// A partner that looks like another already in the network: the same Erasmus code (as codes
/// compare: "PL  KRAKOW01" is "PL KRAKOW01"), PIC or hei-id (`Partner.heiID`: the SCHAC code,
/// else the website's domain), the same name (folded) in the same country, its umlauts dotted or
/// written out ("ETH Zürich", "ETH Zurich", "ETH Zuerich"), with or without a leading "The"
/// ("University of Tokyo"), one's name or local name the other's name or local name ("Uniwersytet
/// Łódzki" is the local name of the University of Łódź), or a name that is the other's short
/// name ("UTokyo"); where a directory is imported,
/// also a name of a directory entry whose code the other has. `add`, `set` and the forms ask
/// before saving one; an import takes such a partner as the row's record. A partner that looks
/// so like the home institution (`network.institution`: RUB added as its own partner) is asked
/// about the same way, as the home institution, not a partner. All ask `Lookalike.Index`.
public struct Lookalike: Equatable, Sendable, CustomStringConvertible {
    /// The partner looked like; for the home institution, the institution as a partner would be.
    public var partner: Partner
    /// What they share: "the same Erasmus code PL KRAKOW01".
    public var reason: String
    public var isHomeInstitution = false

    public var description: String {
        "\(partner.name) (\(isHomeInstitution ? "the home institution" : partner.id)) has \(reason)"
    }

    /// What is wrong, for a message that goes on with the description: "looks like a partner
    /// already there", "is the home institution, not a partner".
    public var problem: String {
        isHomeInstitution ? "is the home institution, not a partner" : "looks like a partner already there"
    }

    /// The id the home institution is indexed under: not one a partner can have (no spaces).
    static let homeInstitutionId = "(home institution)"

    /// The home institution as a partner would be, compared by the same keys.
    static func partner(from institution: Institution) -> Partner {
        var partner = Partner()
        partner.id = homeInstitutionId
        partner.name = institution.name
        partner.shortName = institution.shortName
        partner.country = institution.country
        partner.erasmusCode = institution.erasmusCode
        partner.pic = institution.pic
        partner.schacCode = institution.schacCode
        partner.website = institution.website
        return partner
    }

    /// Whether two versions of a partner give the same keys (`Keys`), from the fields those keys
    /// are made of: an edit that changes none of them cannot make the partner look like another.
    static func sameKeys(_ a: Partner, _ b: Partner) -> Bool {
        a.name == b.name && a.localName == b.localName && a.shortName == b.shortName && a.country == b.country
            && a.erasmusCode == b.erasmusCode && a.pic == b.pic && a.heiID == b.heiID
    }

    /// What partners are compared by, each made comparable: the one definition of "the same".
    struct Keys {
        var erasmusCode: String?
        /// The PIC's digits.
        var pic: String?
        /// The hei-id as SCHAC codes compare: the SCHAC code, else the website's domain.
        var heiID: String?
        var name: String
        /// The name folded after its umlauts are written out: "eth zuerich" for "ETH Zürich".
        var nameWrittenOut: String
        /// The local name, folded and written out as the name is; nil where there is none.
        var localName: String?
        var localNameWrittenOut: String?
        /// The short name as names are compared ("utokyo").
        var shortName: String?
        var country: String

        init(_ partner: Partner, in store: Store) {
            erasmusCode = partner.erasmusCode.flatMap(Self.erasmusCodeKey)
            pic = partner.pic.flatMap(Self.picKey)
            heiID = partner.heiID.flatMap(Self.schacKey)
            name = Lookalike.nameKey(partner.name, in: store)
            nameWrittenOut = Lookalike.nameKey(TextFolding.writingOutUmlauts(partner.name), in: store)
            let local = partner.localName.map { Lookalike.nameKey($0, in: store) }.flatMap { $0.isEmpty ? nil : $0 }
            localName = local
            localNameWrittenOut = local == nil ? nil : partner.localName.map { Lookalike.nameKey(TextFolding.writingOutUmlauts($0), in: store) }
            shortName = partner.shortName.map { Lookalike.nameKey($0, in: store) }.flatMap { $0.isEmpty ? nil : $0 }
            country = partner.country
        }

        // Codes compare as the directory compares them.
        /// The name and the local name, each with its umlauts written out too.
        var names: [(String, String)] {
            [(name, nameWrittenOut)] + (localName.map { [($0, localNameWrittenOut ?? $0)] } ?? [])
        }

        static func erasmusCodeKey(_ code: String) -> String? { nonEmpty(DirectoryIndex.CodeKey.erasmusCode(of: code)) }
        static func picKey(_ pic: String) -> String? { nonEmpty(DirectoryIndex.CodeKey.pic(of: pic)) }
        static func schacKey(_ code: String) -> String? { nonEmpty(DirectoryIndex.CodeKey.schac(of: code)) }
        private static func nonEmpty(_ key: DirectoryIndex.CodeKey) -> String? { key.text.isEmpty ? nil : key.text }
    }

    /// A name as names are compared: folded, without a leading "The" ("The University of Tokyo"
    /// is the University of Tokyo).
    static func nameKey(_ name: String, in store: Store) -> String {
        let folded = store.foldedName(name)
        return folded.hasPrefix("the ") ? String(folded.dropFirst(4)) : folded
    }

    /// Whether two names are the same name: folded, or with their umlauts written out ("ETH
    /// Zürich", "eth zurich", "ETH Zuerich").
    public static func sameName(_ one: String, _ other: String, in store: Store) -> Bool {
        nameKey(one, in: store) == nameKey(other, in: store)
            || nameKey(TextFolding.writingOutUmlauts(one), in: store) == nameKey(TextFolding.writingOutUmlauts(other), in: store)
    }

    /// The network's partners by the keys partners are compared by, so that a check is a few
    /// look-ups, not a comparison with each of 10,000 partners. Partners added to it later (an
    /// import's new rows) are found too. With a directory, a name is also looked up there, and the
    /// codes of the entries so named looked up among the partners.
    public struct Index {
        private let store: Store
        private let directory: DirectoryIndex?
        /// Every partner indexed, by id: the store's and those added.
        private var partnersById: [String: Partner] = [:]
        private var byErasmusCode: [String: [String]] = [:]
        private var byPIC: [String: [String]] = [:]
        private var byHeiID: [String: [String]] = [:]
        /// Names and local names, each by the country's code and the name key ("PL uniwersytet lodzki").
        private var byNameAndCountry: [String: [String]] = [:]
        private var byName: [String: [String]] = [:]
        /// The same by the names with their umlauts written out ("eth zuerich").
        private var byNameWrittenOutAndCountry: [String: [String]] = [:]
        private var byNameWrittenOut: [String: [String]] = [:]
        /// Short names, by the country's code and the name key ("JP utokyo").
        private var byShortNameAndCountry: [String: [String]] = [:]

        /// `partners`: how many of the store's partners to index now (all by default); the rest
        /// are added in slices with `addPartners(_:)`, in their order.
        public init(store: Store, directory: DirectoryIndex? = nil, partners count: Int? = nil) {
            self.store = store
            self.directory = directory
            let home = store.network.institution
            if !home.name.trimmingSpaces.isEmpty { add(Lookalike.partner(from: home)) }
            addPartners(0..<min(count ?? store.partners.count, store.partners.count))
        }

        /// Indexes the store's partners at these positions, after those indexed before them.
        public mutating func addPartners(_ positions: Range<Int>) {
            let partners = store.partners
            for position in positions { add(partners[position]) }
        }

        /// Indexes a partner under its keys, after the partners indexed before it.
        public mutating func add(_ partner: Partner) {
            partnersById[partner.id] = partner
            for keyed in allKeys(of: partner) {
                update(keyed.list) { Self.add(partner.id, under: keyed.key, to: &$0) }
            }
        }

        private static func add(_ id: String, under key: String, to index: inout [String: [String]]) {
            if index[key]?.contains(id) != true { index[key, default: []].append(id) }
        }

        /// Follows the store's edits since the index was built, partner by partner, so that it
        /// is as if built anew: each list of ids stays in the order of the partners' list.
        public mutating func follow(_ edits: [ListEdit]) {
            for edit in edits where edit.kind == .partner {
                switch edit {
                case .replaced(.partner(let before), .partner(let after), _):
                    remove(before)
                    insert(after)
                case .inserted(.partner(let partner), _): insert(partner)
                case .removed(.partner(let partner), _): remove(partner)
                default: break
                }
            }
        }

        /// Takes a partner out from under each of its keys.
        private mutating func remove(_ partner: Partner) {
            let id = partner.id
            for keyed in allKeys(of: partner) {
                update(keyed.list) { index in
                    index[keyed.key]?.removeAll { $0 == id }
                    if index[keyed.key]?.isEmpty == true { index[keyed.key] = nil }
                }
            }
            partnersById[id] = nil
        }

        /// Puts a partner under each of its keys, in its place by the partners' order (the home
        /// institution first), as `init` would have.
        private mutating func insert(_ partner: Partner) {
            let store = self.store
            func place(_ id: String) -> Int {
                id == Lookalike.homeInstitutionId ? -1 : store.position(of: id).map { $0.kind == .partner ? $0.position : Int.max } ?? Int.max
            }
            let id = partner.id, position = place(id)
            for keyed in allKeys(of: partner) {
                update(keyed.list) { index in
                    var ids = index[keyed.key] ?? []
                    guard !ids.contains(id) else { return }
                    ids.insert(id, at: ids.firstIndex { place($0) > position } ?? ids.count)
                    index[keyed.key] = ids
                }
            }
            partnersById[id] = partner
        }

        private enum KeyList { case erasmusCode, pic, heiID, nameAndCountry, nameWrittenOutAndCountry, name, nameWrittenOut, shortNameAndCountry }

        private mutating func update(_ list: KeyList, _ change: (inout [String: [String]]) -> Void) {
            switch list {
            case .erasmusCode: change(&byErasmusCode)
            case .pic: change(&byPIC)
            case .heiID: change(&byHeiID)
            case .nameAndCountry: change(&byNameAndCountry)
            case .nameWrittenOutAndCountry: change(&byNameWrittenOutAndCountry)
            case .name: change(&byName)
            case .nameWrittenOut: change(&byNameWrittenOut)
            case .shortNameAndCountry: change(&byShortNameAndCountry)
            }
        }

        /// Every key a partner is indexed under, and in which list: the one description of the
        /// keys that `add`, `insert` and `remove` share.
        private func allKeys(of partner: Partner) -> [(list: KeyList, key: String)] {
            let keys = Keys(partner, in: store)
            var found: [(list: KeyList, key: String)] = []
            if let code = keys.erasmusCode { found.append((.erasmusCode, code)) }
            if let pic = keys.pic { found.append((.pic, pic)) }
            if let code = keys.heiID { found.append((.heiID, code)) }
            for (name, writtenOut) in keys.names {
                found.append((.nameAndCountry, keys.country + " " + name))
                found.append((.nameWrittenOutAndCountry, keys.country + " " + writtenOut))
                found.append((.name, name))
                found.append((.nameWrittenOut, writtenOut))
            }
            if let short = keys.shortName { found.append((.shortNameAndCountry, keys.country + " " + short)) }
            return found
        }

        /// The partner, other than itself, that the candidate looks like, and why; the keys it
        /// lacks (an empty Erasmus code, no country) are not compared.
        public func lookalike(of candidate: Partner) -> Lookalike? {
            guard var found = lookalike(of: candidate, homeToo: true) else { return nil }
            found.isHomeInstitution = found.partner.id == Lookalike.homeInstitutionId
            return found
        }

        /// The lookalike among the partners, and with `homeToo` the home institution, first.
        private func lookalike(of candidate: Partner, homeToo: Bool) -> Lookalike? {
            let keys = Keys(candidate, in: store)
            func other(_ index: [String: [String]], _ key: String?) -> Partner? {
                guard let key, let ids = index[key],
                      let id = ids.first(where: { $0 != candidate.id && (homeToo || $0 != Lookalike.homeInstitutionId) }) else { return nil }
                return partnersById[id]
            }
            if let other = other(byErasmusCode, keys.erasmusCode) { return Lookalike(partner: other, reason: "the same Erasmus code \(other.erasmusCode ?? "")") }
            if let other = other(byPIC, keys.pic) { return Lookalike(partner: other, reason: "the same PIC \(other.pic ?? "")") }
            if let other = other(byHeiID, keys.heiID) { return Lookalike(partner: other, reason: Self.heiIDReason(other)) }
            guard !keys.name.isEmpty else { return nil }
            if !keys.country.isEmpty {
                for (position, (name, writtenOut)) in keys.names.enumerated() {
                    // Name to name is said as before; a local name on either side is named.
                    func reason(_ sameName: String, bothNames: Bool) -> String {
                        position == 0 && bothNames
                            ? sameName : "the name \"\(position == 0 ? candidate.name : candidate.localName ?? "")\" as its name or local name, in the same country"
                    }
                    if let other = other(byNameAndCountry, keys.country + " " + name) {
                        return Lookalike(partner: other, reason: reason("the same name in the same country", bothNames: Keys(other, in: store).name == name))
                    }
                    if let other = other(byNameWrittenOutAndCountry, keys.country + " " + writtenOut) {
                        let bothNames = Keys(other, in: store).nameWrittenOut == writtenOut
                        return Lookalike(partner: other, reason: reason("the same name (umlauts written out) in the same country", bothNames: bothNames))
                    }
                }
                if let other = other(byShortNameAndCountry, keys.country + " " + keys.name) {
                    return Lookalike(partner: other, reason: "its short name \(other.shortName ?? "") as name, in the same country")
                }
            }
            return directoryLookalike(of: candidate, other: other)
        }

        /// Why a partner with the candidate's hei-id is the same: its SCHAC code, or the domain
        /// of its website where it has no SCHAC code.
        private static func heiIDReason(_ other: Partner) -> String {
            if let code = other.schacCode, !code.trimmingSpaces.isEmpty { return "the same SCHAC code \(code)" }
            return "the same hei-id \(other.heiID ?? "") (the domain of its website \(other.website ?? ""))"
        }

        /// A partner with the code of a directory entry that has the candidate's name (in the
        /// candidate's country, where both say): the same institution under another name.
        private func directoryLookalike(of candidate: Partner, other: ([String: [String]], String?) -> Partner?) -> Lookalike? {
            guard let directory else { return nil }
            for entry in directory.entries(named: candidate.name) {
                if let country = entry.countryCode, !candidate.country.isEmpty, country != candidate.country { continue }
                let codes: [(label: String, value: String?, index: [String: [String]], key: String?)] = [
                    ("Erasmus code", entry.erasmusCode, byErasmusCode, entry.erasmusCode.flatMap(Keys.erasmusCodeKey)),
                    ("PIC", entry.pic, byPIC, entry.pic.flatMap(Keys.picKey)),
                    ("SCHAC code", entry.schac, byHeiID, entry.schac.flatMap(Keys.schacKey)),
                ]
                for code in codes {
                    if let partner = other(code.index, code.key) {
                        return Lookalike(partner: partner, reason: "the \(code.label) \(code.value ?? "") of \"\(candidate.name)\" in \(DirectoryPartner.origin(of: entry))")
                    }
                }
            }
            return nil
        }

        /// The id of the partner the candidate looks like, and why: an import's row is matched to
        /// partners only, never to the home institution.
        public func match(_ candidate: Partner) -> (id: String, reason: String)? {
            lookalike(of: candidate, homeToo: false).map { ($0.partner.id, $0.reason) }
        }

        /// The ids of the partners with this name or local name (folded, or with its umlauts
        /// written out), in any country.
        public func partners(named name: String) -> [String] {
            let folded = byName[Lookalike.nameKey(name, in: store)] ?? []
            let writtenOut = byNameWrittenOut[Lookalike.nameKey(TextFolding.writingOutUmlauts(name), in: store)] ?? []
            return (folded + writtenOut.filter { !folded.contains($0) }).filter { $0 != Lookalike.homeInstitutionId }
        }
    }
}
