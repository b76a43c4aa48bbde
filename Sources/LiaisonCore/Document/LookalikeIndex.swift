extension Lookalike {
    /// The network's partners by the keys partners are compared by, so that a check is a few
    /// look-ups, not a comparison with each of 10,000 partners. Partners added to it later (an
    /// import's new rows) are found too. With a directory, a name is also looked up there, and the
    /// codes of the entries so named looked up among the partners.
    ///
    /// It keeps no key text: each key is a hash (`KeyTable`) with the partner it was made from,
    /// and a hit is confirmed by making that partner's key again and comparing the texts. At
    /// 100,000 partners that is a few MB, where tables of the texts were about 170 MB. The name
    /// in a country and the short name in a country are looked up by the name alone, the country
    /// compared on the partner found.
    public struct Index {
        private let store: Store
        private let directory: DirectoryIndex?
        /// Every key of every partner indexed, as a hash and the member it was made from.
        private var table = KeyTable()
        /// Who an entry of the table was made from: a partner of the store (by id, read from the
        /// store), the home institution, or a version given to `add(_:)`.
        private var members: [Member] = []
        /// The home institution as a partner, where it has a name.
        private var home: Partner?
        /// The partners given to `add(_:)`, in their order.
        private var given: [Partner] = []
        /// The last version given of each id: what a hit on any version of it answers.
        private var latestGiven: [String: Int] = [:]

        private struct Member {
            var id: String
            /// `storePartner`, `homeInstitution`, or the position in `given`.
            var version: Int32
            static let storePartner: Int32 = -1
            static let homeInstitution: Int32 = -2
        }

        /// What a key is of: each kind its own hash, so that a code never meets a name.
        private enum KeyKind: UInt8 { case erasmusCode, pic, heiID, name, nameWrittenOut, shortName }

        /// `partners`: how many of the store's partners to index now (all by default); the rest
        /// are added in slices with `addPartners(_:)`, in their order.
        public init(store: Store, directory: DirectoryIndex? = nil, partners count: Int? = nil) {
            self.store = store
            self.directory = directory
            let institution = store.network.institution
            if !institution.name.trimmingSpaces.isEmpty {
                let partner = Lookalike.partner(from: institution)
                home = partner
                index(partner, as: Member(id: partner.id, version: Member.homeInstitution))
            }
            addPartners(0..<min(count ?? store.partners.count, store.partners.count))
        }

        /// Indexes the store's partners at these positions, after those indexed before them.
        public mutating func addPartners(_ positions: Range<Int>) {
            let partners = store.partners
            for position in positions { index(partners[position], as: Member(id: partners[position].id, version: Member.storePartner)) }
        }

        /// Indexes a partner under its keys, after the partners indexed before it: a partner an
        /// import adds, or a new version of one (found under the keys of each version given).
        public mutating func add(_ partner: Partner) {
            latestGiven[partner.id] = given.count
            given.append(partner)
            index(partner, as: Member(id: partner.id, version: Int32(given.count - 1)))
        }

        /// Follows the store's edits since the index was built, partner by partner, so that it
        /// is as if built anew: the partners under a key are in the order of the partners' list.
        public mutating func follow(_ edits: [ListEdit]) {
            for edit in edits where edit.kind == .partner {
                switch edit {
                case .replaced(.partner(let before), .partner(let after), _):
                    remove(before)
                    index(after, as: Member(id: after.id, version: Member.storePartner))
                case .inserted(.partner(let partner), _): index(partner, as: Member(id: partner.id, version: Member.storePartner))
                case .removed(.partner(let partner), _): remove(partner)
                default: break
                }
            }
        }

        /// Puts a partner under each of its keys it is not under yet (a version given again
        /// under a key an earlier one has keeps the earlier's place).
        private mutating func index(_ partner: Partner, as member: Member) {
            let keys = Keys(partner, in: store, cached: false)
            var slot: Int32?
            for (kind, key) in Self.allKeys(keys) {
                let hash = Self.hash(kind, key)
                let already = table.entries(hash).contains { entry in
                    members[Int(entry)].id == partner.id && Self.allKeys(Keys(version(of: entry), in: store)).contains { $0 == (kind, key) }
                }
                if already { continue }
                if slot == nil {
                    slot = Int32(members.count)
                    members.append(member)
                }
                table.insert(hash, member: slot!)
            }
        }

        /// Takes a partner of the store out from under each of its keys.
        private mutating func remove(_ partner: Partner) {
            let keys = Keys(partner, in: store, cached: false)
            for (kind, key) in Self.allKeys(keys) {
                table.remove(Self.hash(kind, key)) { members[Int($0)].id == partner.id && members[Int($0)].version == Member.storePartner }
            }
        }

        /// Every key of a partner, and its kind: the one description of the keys that indexing,
        /// removing and confirming share.
        private static func allKeys(_ keys: Keys) -> [(KeyKind, String)] {
            var found: [(KeyKind, String)] = []
            if let code = keys.erasmusCode { found.append((.erasmusCode, code)) }
            if let pic = keys.pic { found.append((.pic, pic)) }
            if let code = keys.heiID { found.append((.heiID, code)) }
            for (name, writtenOut) in keys.names {
                found.append((.name, name))
                found.append((.nameWrittenOut, writtenOut))
            }
            if let short = keys.shortName { found.append((.shortName, short)) }
            return found
        }

        private static func hash(_ kind: KeyKind, _ key: String) -> UInt32 {
            var hasher = Hasher()
            hasher.combine(kind.rawValue)
            hasher.combine(key)
            return UInt32(truncatingIfNeeded: hasher.finalize())
        }

        /// The version of a partner an entry of the table was made from.
        private func version(of member: Int32) -> Partner {
            let member = members[Int(member)]
            switch member.version {
            case Member.homeInstitution: return home!
            case Member.storePartner: return store.partner(id: member.id) ?? Partner()
            default: return given[Int(member.version)]
            }
        }
    
        /// Where an entry's partner stands among those under a key: the home institution first,
        /// then the store's partners in the order of the list, then those given, in turn.
        private func order(of member: Int32) -> (Int, Int) {
            let member = members[Int(member)]
            switch member.version {
            case Member.homeInstitution: return (0, 0)
            case Member.storePartner: return (1, store.position(of: member.id).map { $0.kind == .partner ? $0.position : Int.max } ?? Int.max)
            default: return (2, Int(member.version))
            }
        }

        /// The partner a hit on an id answers: the last version given of it, else the store's.
        private func partner(id: String) -> Partner? {
            if id == Lookalike.homeInstitutionId { return home }
            if let version = latestGiven[id] { return given[version] }
            return store.partner(id: id)
        }

        /// The ids under a key, in order, each once: the entries with its hash whose partner has
        /// the key (the texts compared) and passes `also` (a country compared).
        private func ids(_ kind: KeyKind, _ key: String, also: (Keys) -> Bool = { _ in true }) -> [String] {
            var found: [(order: (Int, Int), id: String)] = []
            for entry in table.entries(Self.hash(kind, key)) {
                let keys = Keys(version(of: entry), in: store)
                guard also(keys), Self.allKeys(keys).contains(where: { $0 == (kind, key) }) else { continue }
                found.append((order(of: entry), members[Int(entry)].id))
            }
            found.sort { $0.order < $1.order }
            var seen: Set<String> = []
            return found.compactMap { seen.insert($0.id).inserted ? $0.id : nil }
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
            func other(_ kind: KeyKind, _ key: String?, country: String? = nil) -> Partner? {
                guard let key else { return nil }
                let ids = ids(kind, key) { country == nil || $0.country == country }
                guard let id = ids.first(where: { $0 != candidate.id && (homeToo || $0 != Lookalike.homeInstitutionId) }) else { return nil }
                return partner(id: id)
            }
            if let other = other(.erasmusCode, keys.erasmusCode) { return Lookalike(partner: other, reason: "the same Erasmus code \(other.erasmusCode ?? "")") }
            if let other = other(.pic, keys.pic) { return Lookalike(partner: other, reason: "the same PIC \(other.pic ?? "")") }
            if let other = other(.heiID, keys.heiID) { return Lookalike(partner: other, reason: Self.heiIDReason(other)) }
            guard !keys.name.isEmpty else { return nil }
            if !keys.country.isEmpty {
                for (position, (name, writtenOut)) in keys.names.enumerated() {
                    // Name to name is said as before; a local name on either side is named.
                    func reason(_ sameName: String, bothNames: Bool) -> String {
                        position == 0 && bothNames
                            ? sameName : "the name \"\(position == 0 ? candidate.name : candidate.localName ?? "")\" as its name or local name, in the same country"
                    }
                    if let other = other(.name, name, country: keys.country) {
                        return Lookalike(partner: other, reason: reason("the same name in the same country", bothNames: Keys(other, in: store).name == name))
                    }
                    if let other = other(.nameWrittenOut, writtenOut, country: keys.country) {
                        let bothNames = Keys(other, in: store).nameWrittenOut == writtenOut
                        return Lookalike(partner: other, reason: reason("the same name (umlauts written out) in the same country", bothNames: bothNames))
                    }
                }
                if let other = other(.shortName, keys.name, country: keys.country) {
                    return Lookalike(partner: other, reason: "its short name \(other.shortName ?? "") as name, in the same country")
                }
            }
            return directoryLookalike(of: candidate) { other($0, $1) }
        }

        /// Why a partner with the candidate's hei-id is the same: its SCHAC code, or the domain
        /// of its website where it has no SCHAC code.
        private static func heiIDReason(_ other: Partner) -> String {
            if let code = other.schacCode, !code.trimmingSpaces.isEmpty { return "the same SCHAC code \(code)" }
            return "the same hei-id \(other.heiID ?? "") (the domain of its website \(other.website ?? ""))"
        }

        /// A partner with the code of a directory entry that has the candidate's name (in the
        /// candidate's country, where both say): the same institution under another name.
        private func directoryLookalike(of candidate: Partner, other: (KeyKind, String?) -> Partner?) -> Lookalike? {
            guard let directory else { return nil }
            for entry in directory.entries(named: candidate.name) {
                if let country = entry.countryCode, !candidate.country.isEmpty, country != candidate.country { continue }
                let codes: [(label: String, value: String?, kind: KeyKind, key: String?)] = [
                    ("Erasmus code", entry.erasmusCode, .erasmusCode, entry.erasmusCode.flatMap(Keys.erasmusCodeKey)),
                    ("PIC", entry.pic, .pic, entry.pic.flatMap(Keys.picKey)),
                    ("SCHAC code", entry.schac, .heiID, entry.schac.flatMap(Keys.schacKey)),
                ]
                for code in codes {
                    if let partner = other(code.kind, code.key) {
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
            let folded = ids(.name, Lookalike.nameKey(name, in: store))
            let writtenOut = ids(.nameWrittenOut, Lookalike.nameKey(TextFolding.writingOutUmlauts(name), in: store))
            return (folded + writtenOut.filter { !folded.contains($0) }).filter { $0 != Lookalike.homeInstitutionId }
        }
    }
}

/// Hashes, each with a number (a member of the lookalike index), chained by hash: what
/// `Lookalike.Index` keeps of each key, 12 bytes an entry and 4 to 8 a bucket.
struct KeyTable {
    private struct Entry {
        var hash: UInt32
        var member: Int32
        /// The next entry in the bucket, or the next free entry; -1 ends either.
        var next: Int32
    }

    private var buckets: [Int32] = []
    private var entries: [Entry] = []
    private var free: Int32 = -1
    private var count = 0

    /// The members of the entries with this hash.
    func entries(_ hash: UInt32) -> [Int32] {
        guard !buckets.isEmpty else { return [] }
        var found: [Int32] = []
        var entry = buckets[Int(hash) & (buckets.count - 1)]
        while entry >= 0 {
            if entries[Int(entry)].hash == hash { found.append(entries[Int(entry)].member) }
            entry = entries[Int(entry)].next
        }
        return found
    }

    mutating func insert(_ hash: UInt32, member: Int32) {
        if count >= buckets.count { grow() }
        let bucket = Int(hash) & (buckets.count - 1)
        let entry = Entry(hash: hash, member: member, next: buckets[bucket])
        if free >= 0 {
            let slot = free
            free = entries[Int(slot)].next
            entries[Int(slot)] = entry
            buckets[bucket] = slot
        } else {
            entries.append(entry)
            buckets[bucket] = Int32(entries.count - 1)
        }
        count += 1
    }

    /// Removes the entries with this hash whose member `matches`.
    mutating func remove(_ hash: UInt32, where matches: (Int32) -> Bool) {
        guard !buckets.isEmpty else { return }
        let bucket = Int(hash) & (buckets.count - 1)
        var previous: Int32 = -1
        var entry = buckets[bucket]
        while entry >= 0 {
            let next = entries[Int(entry)].next
            if entries[Int(entry)].hash == hash && matches(entries[Int(entry)].member) {
                if previous < 0 { buckets[bucket] = next } else { entries[Int(previous)].next = next }
                entries[Int(entry)].next = free
                free = entry
                count -= 1
            } else {
                previous = entry
            }
            entry = next
        }
    }

    /// Twice the buckets (at least 1,024), the entries chained again.
    private mutating func grow() {
        let size = max(1_024, buckets.count * 2)
        buckets = [Int32](repeating: -1, count: size)
        var freeSlots = Set<Int32>()
        var slot = free
        while slot >= 0 {
            freeSlots.insert(slot)
            slot = entries[Int(slot)].next
        }
        for index in entries.indices where !freeSlots.contains(Int32(index)) {
            let bucket = Int(entries[index].hash) & (size - 1)
            entries[index].next = buckets[bucket]
            buckets[bucket] = Int32(index)
        }
    }
}
