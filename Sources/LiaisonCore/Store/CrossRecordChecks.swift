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

    /// On two threads, the ids are taken in two parts (IdIndex), then the links are checked on
    /// one thread while the other looks for an id in both parts. Such an id is used twice; the
    /// problems then depend on the order of all its uses, which only one pass over every id
    /// knows, so all is done again in one pass (a file with errors, which is refused anyway).
    private static func idsAndLinks(of network: Network, halvesFrom: Int) -> [Diagnostic] {
        if network.partners.count >= max(halvesFrom, 2), ProcessInfo.processInfo.activeProcessorCount > 1 {
            let (first, second) = inHalves(network.partners.count) { range in IdPart(of: network, partners: range) }
            let ids = IdIndex(first, second)
            let (links, shared) = OfferedWork.both({ danglingReferences(in: network, ids: ids) }, { first.sharesAnId(with: second) })
            if !shared { return ids.duplicates + links }
        }
        let ids = IdIndex(wholeOf: network)
        return ids.duplicates + danglingReferences(in: network, ids: ids)
    }

    /// `work` for both halves of `0..<count` at once; their results in order.
    private static func inHalves<Result: Sendable>(_ count: Int, _ work: @escaping @Sendable (Range<Int>) -> Result) -> (Result, Result) {
        let middle = count / 2
        return OfferedWork.both({ work(0..<middle) }, { work(middle..<count) })
    }

    private static func danglingReferences(in network: Network, ids: IdIndex) -> [Diagnostic] {
        danglingReferences(network.partners, Schemas.partner, "partners", ids: ids)
            + danglingReferences(network.objectives, Schemas.objective, "objectives", ids: ids)
            + danglingReferences(network.events, Schemas.event, "events", ids: ids)
            + danglingReferences(network.contacts, Schemas.contact, "contacts", ids: ids)
    }

    /// The links of one list to records that do not exist. The link fields and the kinds they
    /// point to come from the tables.
    private static func danglingReferences<R>(_ records: [R], _ schema: RecordSchema<R>, _ list: String, ids: IdIndex) -> [Diagnostic] {
        let linkFields = schema.fields.compactMap { field in field.type.linkedKind.map { (field, $0) } }
        guard !linkFields.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        // Through the buffer: `records[index]` would copy each record (a retain per field) to
        // hand it to `texts`; the record is read where it lies.
        records.withUnsafeBufferPointer { records in
            for index in records.indices {
                for (field, kind) in linkFields {
                    for (position, id) in field.texts(at: records.baseAddress! + index).enumerated() where ids.firstUse(of: id)?.kind != kind {
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

        func firstUse(of id: String) -> Use? {
            for part in parts {
                if let use = part.firstUse[id] { return use }
            }
            return nil
        }
    }

    /// The ids of some of the records, in the file's order.
    fileprivate struct IdPart: Sendable {
        var firstUse: [String: Use] = [:]
        var duplicates: [Diagnostic] = []
        /// How many of `duplicates` were found among the partners (the rest: the other lists).
        var partnerDuplicates = 0

        /// The ids of the partners in `range` with their agreements, and with the other lists
        /// when the range is the partners' first.
        init(of network: Network, partners range: Range<Int>) {
            let others = range.lowerBound == 0 ? network.objectives.count + network.events.count + network.contacts.count : 0
            firstUse.reserveCapacity(range.count * 3 + others)
            // Records are read in place by index: iterating over them would copy each one.
            for index in range {
                use(network.partners[index].id, .partner(index))
                for agreementIndex in network.partners[index].agreements.indices {
                    use(network.partners[index].agreements[agreementIndex].id, .agreement(index, agreementIndex))
                }
            }
            partnerDuplicates = duplicates.count
            guard range.lowerBound == 0 else { return }
            for index in network.objectives.indices { use(network.objectives[index].id, .objective(index)) }
            for index in network.events.indices { use(network.events[index].id, .event(index)) }
            for index in network.contacts.indices { use(network.contacts[index].id, .contact(index)) }
        }

        private mutating func use(_ id: String, _ place: Use) {
            guard !id.isEmpty else { return }
            if let earlier = firstUse.updateValue(place, forKey: id) {
                firstUse[id] = earlier
                duplicates.append(Diagnostic(.error, path: place.path + ".id", "id \"\(id)\" is already used by \(earlier.path)"))
            }
        }

        func sharesAnId(with other: IdPart) -> Bool {
            let (smaller, larger) = firstUse.count <= other.firstUse.count ? (self, other) : (other, self)
            return smaller.firstUse.keys.contains { larger.firstUse[$0] != nil }
        }
    }
}
