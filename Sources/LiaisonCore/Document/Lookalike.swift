/// A partner that looks like another already in the network: the same Erasmus code, the same
/// SCHAC code, or the same name (folded) in the same country, its umlauts dotted or written out
/// ("ETH Zürich", "ETH Zurich", "ETH Zuerich"), with or without a leading "The" ("University of
/// Tokyo"), or a name that is the other's short name ("UTokyo"). `add`, `set` and the forms ask
/// before saving one; an import takes such a partner as the row's record (`Lookalike.Index`).
public struct Lookalike: Equatable, Sendable, CustomStringConvertible {
    public var partner: Partner
    /// What they share: "the same Erasmus code PL KRAKOW01".
    public var reason: String

    public var description: String { "\(partner.name) (\(partner.id)) has \(reason)" }

    /// What partners are compared by, each made comparable: the one definition of "the same".
    struct Keys {
        var erasmusCode: String?
        var schacCode: String?
        var name: String
        /// The name folded after its umlauts are written out: "eth zuerich" for "ETH Zürich".
        var nameWrittenOut: String
        /// The short name as names are compared ("utokyo").
        var shortName: String?
        var country: String

        init(_ partner: Partner, in store: Store) {
            erasmusCode = partner.erasmusCode.map(ErasmusCode.comparisonKey).flatMap { $0.isEmpty ? nil : $0 }
            schacCode = partner.schacCode.map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
            name = Lookalike.nameKey(partner.name, in: store)
            nameWrittenOut = Lookalike.nameKey(TextFolding.writingOutUmlauts(partner.name), in: store)
            shortName = partner.shortName.map { Lookalike.nameKey($0, in: store) }.flatMap { $0.isEmpty ? nil : $0 }
            country = partner.country
        }
    }

    /// A name as names are compared: folded, without a leading "The" ("The University of Tokyo"
    /// is the University of Tokyo).
    static func nameKey(_ name: String, in store: Store) -> String {
        let folded = store.foldedName(name)
        return folded.hasPrefix("the ") ? String(folded.dropFirst(4)) : folded
    }

    static func find(_ candidate: Partner, in store: Store) -> Lookalike? {
        let partners = store.partners
        let keys = Keys(candidate, in: store)
        for index in partners.indices where partners[index].id != candidate.id {
            let other = partners[index]
            if let reason = reason(keys, Keys(other, in: store), other) { return Lookalike(partner: other, reason: reason) }
        }
        return nil
    }

    /// Why partners with these keys look alike, or nil when they do not.
    private static func reason(_ mine: Keys, _ theirs: Keys, _ other: Partner) -> String? {
        if let code = mine.erasmusCode, code == theirs.erasmusCode { return "the same Erasmus code \(other.erasmusCode!)" }
        if let code = mine.schacCode, code == theirs.schacCode { return "the same SCHAC code \(other.schacCode!)" }
        if mine.country == theirs.country, mine.name == theirs.name { return "the same name in the same country" }
        if mine.country == theirs.country, mine.nameWrittenOut == theirs.nameWrittenOut { return "the same name (umlauts written out) in the same country" }
        if mine.country == theirs.country, let short = theirs.shortName, mine.name == short { return "its short name \(other.shortName!) as name, in the same country" }
        return nil
    }

    /// Whether two names are the same name: folded, or with their umlauts written out ("ETH
    /// Zürich", "eth zurich", "ETH Zuerich").
    public static func sameName(_ one: String, _ other: String, in store: Store) -> Bool {
        nameKey(one, in: store) == nameKey(other, in: store)
            || nameKey(TextFolding.writingOutUmlauts(one), in: store) == nameKey(TextFolding.writingOutUmlauts(other), in: store)
    }

    /// The network's partners by the keys `find` compares, for finding many at once (an import
    /// of 10,000 rows would otherwise compare each with every partner). Partners added to it
    /// later (an import's new rows) are found too.
    public struct Index {
        private let store: Store
        private var byErasmusCode: [String: String] = [:]
        private var bySchacCode: [String: String] = [:]
        private var byNameAndCountry: [String: String] = [:]
        private var byName: [String: [String]] = [:]
        /// The same by the names with their umlauts written out ("eth zuerich").
        private var byNameWrittenOutAndCountry: [String: String] = [:]
        private var byNameWrittenOut: [String: [String]] = [:]
        /// Short names, by the country's code and the name key ("JP utokyo").
        private var byShortNameAndCountry: [String: String] = [:]

        public init(store: Store) {
            self.store = store
            for partner in store.partners { add(partner) }
        }

        /// Indexes a partner under its keys; a key another partner has keeps the first.
        public mutating func add(_ partner: Partner) {
            let keys = Keys(partner, in: store)
            if let code = keys.erasmusCode, byErasmusCode[code] == nil { byErasmusCode[code] = partner.id }
            if let code = keys.schacCode, bySchacCode[code] == nil { bySchacCode[code] = partner.id }
            Self.add(partner.id, under: keys.country + " " + keys.name, to: &byNameAndCountry)
            Self.add(partner.id, under: keys.country + " " + keys.nameWrittenOut, to: &byNameWrittenOutAndCountry)
            if let short = keys.shortName { Self.add(partner.id, under: keys.country + " " + short, to: &byShortNameAndCountry) }
            Self.add(partner.id, under: keys.name, to: &byName)
            Self.add(partner.id, under: keys.nameWrittenOut, to: &byNameWrittenOut)
        }

        private static func add(_ id: String, under key: String, to index: inout [String: String]) {
            if index[key] == nil { index[key] = id }
        }

        private static func add(_ id: String, under key: String, to index: inout [String: [String]]) {
            if index[key]?.contains(id) != true { index[key, default: []].append(id) }
        }

        /// The id of the partner the candidate looks like, and why; the keys it lacks (an empty
        /// Erasmus code, no country) are not compared.
        public func match(_ candidate: Partner) -> (id: String, reason: String)? {
            let keys = Keys(candidate, in: store)
            if let code = keys.erasmusCode, let id = byErasmusCode[code] { return (id, "the same Erasmus code") }
            if let code = keys.schacCode, let id = bySchacCode[code] { return (id, "the same SCHAC code") }
            guard !keys.name.isEmpty else { return nil }
            guard !keys.country.isEmpty else { return nil }
            if let id = byNameAndCountry[keys.country + " " + keys.name] { return (id, "the same name in the same country") }
            if let id = byNameWrittenOutAndCountry[keys.country + " " + keys.nameWrittenOut] { return (id, "the same name (umlauts written out) in the same country") }
            return byShortNameAndCountry[keys.country + " " + keys.name].map { ($0, "its short name as name, in the same country") }
        }

        /// The ids of the partners with this name (folded, or with its umlauts written out), in
        /// any country.
        public func partners(named name: String) -> [String] {
            let folded = byName[Lookalike.nameKey(name, in: store)] ?? []
            let writtenOut = byNameWrittenOut[Lookalike.nameKey(TextFolding.writingOutUmlauts(name), in: store)] ?? []
            return folded + writtenOut.filter { !folded.contains($0) }
        }
    }
}
