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

        /// `cached`: names folded through the store's cache of folded names; the index folds
        /// every partner's names once, and keeps none of them (`Store.fold`).
        init(_ partner: Partner, in store: Store, cached: Bool = true) {
            func key(_ name: String) -> String { cached ? Lookalike.nameKey(name, in: store) : Lookalike.nameKey(Store.fold(name)) }
            erasmusCode = partner.erasmusCode.flatMap(Self.erasmusCodeKey)
            pic = partner.pic.flatMap(Self.picKey)
            heiID = partner.heiID.flatMap(Self.schacKey)
            name = key(partner.name)
            nameWrittenOut = key(TextFolding.writingOutUmlauts(partner.name))
            let local = partner.localName.map(key).flatMap { $0.isEmpty ? nil : $0 }
            localName = local
            localNameWrittenOut = local == nil ? nil : partner.localName.map { key(TextFolding.writingOutUmlauts($0)) }
            shortName = partner.shortName.map(key).flatMap { $0.isEmpty ? nil : $0 }
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
        nameKey(store.foldedName(name))
    }

    /// The same of a name already folded (`Store.fold`).
    private static func nameKey(_ folded: String) -> String {
        folded.hasPrefix("the ") ? String(folded.dropFirst(4)) : folded
    }

    /// Whether two names are the same name: folded, or with their umlauts written out ("ETH
    /// Zürich", "eth zurich", "ETH Zuerich").
    public static func sameName(_ one: String, _ other: String, in store: Store) -> Bool {
        nameKey(one, in: store) == nameKey(other, in: store)
            || nameKey(TextFolding.writingOutUmlauts(one), in: store) == nameKey(TextFolding.writingOutUmlauts(other), in: store)
    }

}
