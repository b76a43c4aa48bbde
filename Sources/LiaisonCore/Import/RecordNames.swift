/// What a sheet's cell that links to records means: each name in it made the id of the record
/// it names. A sheet names a partner as people do, not by its id: "Universität Basel",
/// "Universitaet Basel", its short name "UTokyo" or its own-script name "東京大学", "University of
/// Tokyo" for "The University of Tokyo"; the home institution's own name means no partner (a contact at RUB). Contacts and
/// objectives are named by their name and title. One resolver for every link an import reads
/// (a contact's organisation, an event's partners, contacts and objectives).
struct RecordNames {
    enum Resolution: Equatable {
        case record(String)
        /// The home institution: no partner.
        case home
        case unknown
        /// More than one record has the name: their ids.
        case several([String])
    }

    private let store: Store
    /// Partners by name as `Lookalike` compares names (folded, umlauts written out), including
    /// those an import adds.
    private(set) var lookalikes: Lookalike.Index
    /// Partners by their short and local names, keyed as `Lookalike` keys names.
    private var partnersByOtherName: [String: [String]] = [:]
    private let homeNames: Set<String>
    private let contactsByName: [String: [String]]
    private let objectivesByTitle: [String: [String]]

    init(store: Store, institution: Institution, directory: DirectoryIndex? = nil) {
        self.store = store
        lookalikes = Lookalike.Index(store: store, directory: directory)
        homeNames = Set([institution.name, institution.shortName ?? ""].filter { !$0.isEmpty }.map(store.foldedName))
        contactsByName = Dictionary(grouping: store.contacts.map { (store.foldedName($0.name), $0.id) }, by: \.0).mapValues { $0.map(\.1) }
        objectivesByTitle = Dictionary(grouping: store.objectives.map { (store.foldedName($0.title), $0.id) }, by: \.0).mapValues { $0.map(\.1) }
        for partner in store.partners { indexOtherNames(partner) }
    }

    /// Makes a partner the import adds findable by its names.
    mutating func add(_ partner: Partner) {
        lookalikes.add(partner)
        indexOtherNames(partner)
    }

    private mutating func indexOtherNames(_ partner: Partner) {
        for name in [partner.shortName, partner.localName].compactMap({ $0 }) where !name.isEmpty {
            let key = Lookalike.nameKey(name, in: store)
            if partnersByOtherName[key]?.contains(partner.id) != true { partnersByOtherName[key, default: []].append(partner.id) }
        }
    }

    /// The record of this kind the text names: its id, else its name.
    func resolve(_ text: String, as kind: RecordKind) -> Resolution {
        let text = text.trimmingSpaces
        if store.position(of: text)?.kind == kind { return .record(text) }
        switch kind {
        case .partner: return partner(named: text)
        case .contact: return Self.resolution(contactsByName[store.foldedName(text)] ?? [])
        case .objective: return Self.resolution(objectivesByTitle[store.foldedName(text)] ?? [])
        case .event: return .unknown
        }
    }

    /// The partners with this name (as `Lookalike` compares names, a leading "The" ignored),
    /// short name or local name; the home institution's name first means none.
    private func partner(named name: String) -> Resolution {
        if homeNames.contains(store.foldedName(name)) { return .home }
        var ids = lookalikes.partners(named: name)
        for id in partnersByOtherName[Lookalike.nameKey(name, in: store)] ?? [] where !ids.contains(id) { ids.append(id) }
        return Self.resolution(ids)
    }

    private static func resolution(_ ids: [String]) -> Resolution {
        switch ids.count {
        case 0: .unknown
        case 1: .record(ids[0])
        default: .several(ids)
        }
    }
}
