import Foundation

/// The rules that look at more than one record: ids used twice, and links to records that do
/// not exist. A load waits for them after the records are read (at 100,000 partners, 315,000
/// ids and 300,000 links), so a large network is checked on two threads; the problems are
/// the same, in the same order, either way.
extension Validation {
    /// From this many partners, the ids are taken in two parts on two threads.
    public static let recordsCheckedInHalves = 4_096

    /// The institution's own rules, then ids used twice, then links to nothing.
    /// `halvesFrom`: from how many partners the work is split (tests lower it).
    public static func checkAcrossRecords(_ network: Network, halvesFrom: Int = recordsCheckedInHalves) -> [Diagnostic] {
        var institution = Issues(prefix: "institution.")
        Schemas.institution.check(network.institution, into: &institution)
        return institution.list + idsAndLinks(of: network, halvesFrom: halvesFrom)
    }

    static func duplicateIds(in network: Network) -> [Diagnostic] {
        IdIndex(wholeOf: network).duplicates
    }

    /// On two threads, the ids are taken in two parts (IdIndex); then the links are checked,
    /// the partners' in two parts, while the second thread also looks for an id in both parts
    /// of the ids. Such an id is used twice; the problems then depend on the order of all its
    /// uses, which only one pass over every id knows, so all is done again in one pass (a file
    /// with errors, which is refused anyway).
    private static func idsAndLinks(of network: Network, halvesFrom: Int) -> [Diagnostic] {
        let partners = network.partners.count
        if partners >= max(halvesFrom, 2), ProcessInfo.processInfo.activeProcessorCount > 1 {
            let (first, second) = OfferedWork.both({ IdPart(of: network, partners: 0..<partners / 2) },
                                                   { IdPart(of: network, partners: partners / 2..<partners) })
            let ids = IdIndex(first, second)
            // Half the partners' links each; the first thread also checks the other lists' links
            // and the second compares the parts (about as much, with `HashFilter`).
            let cut = partners / 2
            let ((firstPartners, others), (laterPartners, shared)) = OfferedWork.both({
                (partnerLinks(of: network, 0..<cut, ids: ids), otherLinks(of: network, ids: ids))
            }, {
                (partnerLinks(of: network, cut..<partners, ids: ids), first.sharesAnId(with: second))
            })
            if !shared { return ids.duplicates + firstPartners + laterPartners + others }
        }
        let ids = IdIndex(wholeOf: network)
        return ids.duplicates + partnerLinks(of: network, network.partners.indices, ids: ids) + otherLinks(of: network, ids: ids)
    }

    private static func partnerLinks(of network: Network, _ range: Range<Int>, ids: IdIndex) -> [Diagnostic] {
        danglingReferences(network.partners, Schemas.partner, "partners", range, ids: ids)
    }

    private static func otherLinks(of network: Network, ids: IdIndex) -> [Diagnostic] {
        danglingReferences(network.objectives, Schemas.objective, "objectives", network.objectives.indices, ids: ids)
            + danglingReferences(network.events, Schemas.event, "events", network.events.indices, ids: ids)
            + danglingReferences(network.contacts, Schemas.contact, "contacts", network.contacts.indices, ids: ids)
    }

    /// The links of one list to records that do not exist. The link fields and the kinds they
    /// point to come from the tables.
    private static func danglingReferences<R>(_ records: [R], _ schema: RecordSchema<R>, _ list: String, _ range: Range<Int>,
                                              ids: IdIndex) -> [Diagnostic] {
        let linkFields = schema.fields.compactMap { field in field.type.linkedKind.map { (field, $0, ids.linkTargets(of: $0)) } }
        guard !linkFields.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        // Through the buffer: `records[index]` would copy each record (a retain per field) to
        // hand it to `texts`; the record is read where it lies.
        records.withUnsafeBufferPointer { records in
            for index in range {
                for (field, kind, exists) in linkFields {
                    for (position, id) in field.texts(at: records.baseAddress! + index).enumerated() where !exists(id) {
                        let path = "\(list)[\(index)].\(field.key)" + (field.type.isList ? "[\(position)]" : "")
                        diagnostics.append(Diagnostic(.warning, path: path, "links to \(kind.rawValue) \"\(id)\", which does not exist (the link is kept)", refusesInput: true))
                    }
                }
            }
        }
        return diagnostics
    }

    /// Where an id is used; turned into a path only for a message.
    fileprivate enum Use {
        case partner(Int), agreement(Int, Int), objective(Int), event(Int), contact(Int)

        var path: String {
            switch self {
            case .partner(let index): "partners[\(index)]"
            case .agreement(let index, let agreement): "partners[\(index)].agreements[\(agreement)]"
            case .objective(let index): "objectives[\(index)]"
            case .event(let index): "events[\(index)]"
            case .contact(let index): "contacts[\(index)]"
            }
        }

        var kind: RecordKind? {
            switch self {
            case .partner: .partner
            case .objective: .objective
            case .event: .event
            case .contact: .contact
            case .agreement: nil
            }
        }
    }

    /// Where each id of the network is first used, and the uses after the first (errors), in
    /// the order of the file: the partners with their agreements, objectives, events, contacts.
    fileprivate struct IdIndex: Sendable {
        private let parts: [IdPart]
        let duplicates: [Diagnostic]

        /// Every id in one pass.
        init(wholeOf network: Network) {
            let whole = IdPart(of: network, partners: network.partners.indices)
            parts = [whole]
            duplicates = whole.duplicates
        }

        /// Two parts that share no id: the first half of the partners with the other lists, and
        /// the second half. Each part's problems are then the one pass's; put in the file's order.
        init(_ first: IdPart, _ second: IdPart) {
            parts = [first, second]
            duplicates = first.duplicates[..<first.partnerDuplicates] + second.duplicates + first.duplicates[first.partnerDuplicates...]
        }

        /// Whether an id's first use is a record of `kind`: whether a link to that kind finds it.
        func linkTargets(of kind: RecordKind) -> @Sendable (String) -> Bool {
            // The ids of the lists other than the partners are few: a link to one is looked up
            // among them alone (a small table the cache holds) rather than among every id.
            if let few = parts.lazy.compactMap({ $0.firstUsedByFewerKinds[kind] }).first { return { few.contains($0) } }
            let parts = parts
            return { id in
                for part in parts {
                    if let use = part.firstUse[id] { return use.kind == kind }
                }
                return false
            }
        }
    }

    /// The ids of some of the records, in the file's order.
    fileprivate struct IdPart: Sendable {
        var firstUse: [String: Use] = [:]
        var duplicates: [Diagnostic] = []
        /// How many of `duplicates` were found among the partners (the rest: the other lists).
        var partnerDuplicates = 0
        /// For the lists other than the partners (in the part that holds them), the ids first
        /// used by a record of that list.
        var firstUsedByFewerKinds: [RecordKind: Set<String>] = [:]
        /// Which ids the part may hold, from their hashes: most ids of another part are
        /// answered here, in a table the cache holds, without a look into `firstUse`.
        var hashes: HashFilter

        /// The ids of the partners in `range` with their agreements, and with the other lists
        /// when the range is the partners' first.
        init(of network: Network, partners range: Range<Int>) {
            let others = range.lowerBound == 0 ? network.objectives.count + network.events.count + network.contacts.count : 0
            firstUse.reserveCapacity(range.count * 3 + others)
            hashes = HashFilter(capacity: range.count * 3 + others)
            // Records are read in place by index: iterating over them would copy each one.
            for index in range {
                use(network.partners[index].id, .partner(index))
                for agreementIndex in network.partners[index].agreements.indices {
                    use(network.partners[index].agreements[agreementIndex].id, .agreement(index, agreementIndex))
                }
            }
            partnerDuplicates = duplicates.count
            guard range.lowerBound == 0 else { return }
            func useAll<R: Identified>(_ records: [R], _ kind: RecordKind, _ place: (Int) -> Use) {
                var firstUsed = Set<String>(minimumCapacity: records.count)
                for index in records.indices where use(records[index].recordId, place(index)) { firstUsed.insert(records[index].recordId) }
                firstUsedByFewerKinds[kind] = firstUsed
            }
            useAll(network.objectives, .objective, Use.objective)
            useAll(network.events, .event, Use.event)
            useAll(network.contacts, .contact, Use.contact)
        }

        /// Notes a use of an id; whether it is its first.
        @discardableResult
        private mutating func use(_ id: String, _ place: Use) -> Bool {
            guard !id.isEmpty else { return false }
            guard let earlier = firstUse.updateValue(place, forKey: id) else {
                hashes.insert(id)
                return true
            }
            firstUse[id] = earlier
            duplicates.append(Diagnostic(.error, path: place.path + ".id", "id \"\(id)\" is already used by \(earlier.path)"))
            return false
        }

        func sharesAnId(with other: IdPart) -> Bool {
            let (smaller, larger) = firstUse.count <= other.firstUse.count ? (self, other) : (other, self)
            return smaller.firstUse.keys.contains { larger.hashes.mayContain($0) && larger.firstUse[$0] != nil }
        }
    }
}

/// A set of hashes in one bit each: whether a text may be among those inserted (a false "yes"
/// now and then, never a false "no"). 16 bits for each text the set is made for: about one
/// "yes" in 10 for a text not inserted.
struct HashFilter: Sendable {
    private var words: [UInt64]
    private let mask: Int

    init(capacity: Int) {
        var count = 1
        while count * 4 < capacity { count *= 2 }
        words = Array(repeating: 0, count: count)
        mask = count * 64 - 1
    }

    mutating func insert(_ text: String) {
        let bit = Self.hash(text) & mask
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    func mayContain(_ text: String) -> Bool {
        let bit = Self.hash(text) & mask
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// FNV-1a of the UTF-8 bytes: ids are short, and this is a few steps where the standard
    /// hash (SipHash, seeded per process) is a few dozen.
    private static func hash(_ text: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
