/// A partner that looks like another already in the network: the same Erasmus code, the same
/// SCHAC code, or the same name (folded) in the same country. `add`, `set` and the forms ask
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
        var country: String

        init(_ partner: Partner, in store: Store) {
            erasmusCode = partner.erasmusCode.map(Lookalike.normalisedErasmusCode).flatMap { $0.isEmpty ? nil : $0 }
            schacCode = partner.schacCode.map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
            name = store.foldedName(partner.name)
            country = partner.country
        }
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
        return nil
    }

    /// Erasmus codes compare without their spaces and case: "PL  KRAKOW01" is "PL KRAKOW01".
    static func normalisedErasmusCode(_ code: String) -> String {
        code.uppercased().filter { $0 != " " }
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

        public init(store: Store) {
            self.store = store
            for partner in store.partners { add(partner) }
        }

        /// Indexes a partner under its keys; a key another partner has keeps the first.
        public mutating func add(_ partner: Partner) {
            let keys = Keys(partner, in: store)
            if let code = keys.erasmusCode, byErasmusCode[code] == nil { byErasmusCode[code] = partner.id }
            if let code = keys.schacCode, bySchacCode[code] == nil { bySchacCode[code] = partner.id }
            if byNameAndCountry[keys.country + " " + keys.name] == nil { byNameAndCountry[keys.country + " " + keys.name] = partner.id }
            if byName[keys.name]?.contains(partner.id) != true { byName[keys.name, default: []].append(partner.id) }
        }

        /// The id of the partner the candidate looks like, and why; the keys it lacks (an empty
        /// Erasmus code, no country) are not compared.
        public func match(_ candidate: Partner) -> (id: String, reason: String)? {
            let keys = Keys(candidate, in: store)
            if let code = keys.erasmusCode, let id = byErasmusCode[code] { return (id, "the same Erasmus code") }
            if let code = keys.schacCode, let id = bySchacCode[code] { return (id, "the same SCHAC code") }
            guard !keys.name.isEmpty else { return nil }
            if !keys.country.isEmpty {
                return byNameAndCountry[keys.country + " " + keys.name].map { ($0, "the same name in the same country") }
            }
            return nil
        }

        /// The ids of the partners with this name (folded), in any country.
        public func partners(named name: String) -> [String] {
            byName[store.foldedName(name)] ?? []
        }
    }
}
