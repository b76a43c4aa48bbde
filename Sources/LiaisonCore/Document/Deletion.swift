/// What deleting a record takes along: every link to it, found through the tables' link fields,
/// with each linking record as it will be without the link. Deleting and undoing go as one change.
public struct Deletion: Equatable, Sendable {
    public struct Unlinked: Equatable, Sendable {
        /// The linking record without the link.
        public var record: Record
        /// The label of the field the link is removed from ("Partners").
        public var field: String
    }

    public var record: Record
    public var unlinked: [Unlinked]

    init(record: Record, network: Network) {
        self.record = record
        var unlinked: [Unlinked] = []
        func scan<R>(_ records: [R], _ schema: RecordSchema<R>, _ wrap: (R) -> Record) {
            let fields = schema.fields.filter { $0.type.linkedKind == record.kind }
            guard !fields.isEmpty else { return }
            for index in records.indices {
                let linking = fields.filter { $0.texts(records[index]).contains(record.id) }
                guard !linking.isEmpty else { continue }
                var object = schema.object(of: records[index])
                for field in linking {
                    let position = object.members.firstIndex { $0.key == field.key }!
                    if case .array(let ids) = object.members[position].value {
                        object.members[position].value = .array(ids.filter { $0 != .string(record.id) })
                    } else {
                        object.members.remove(at: position)
                    }
                }
                var context = DecodeContext()
                guard let without = schema.decode(.object(object), &context) else { continue }
                unlinked.append(Unlinked(record: wrap(without), field: linking.map(\.info.label).joined(separator: ", ")))
            }
        }
        scan(network.partners, Schemas.partner, Record.partner)
        scan(network.objectives, Schemas.objective, Record.objective)
        scan(network.events, Schemas.event, Record.event)
        scan(network.contacts, Schemas.contact, Record.contact)
        self.unlinked = unlinked
    }

    /// One line per link removed: "event Japan Science Days 2018 (jsd-2018): Partners".
    public var linkDescriptions: [String] {
        unlinked.map { "\($0.record.kind.rawValue) \($0.record.displayName) (\($0.record.id)): \($0.field)" }
    }
}

/// A partner that looks like another already in the network: the same Erasmus code, the same
/// SCHAC code, or the same name (folded) in the same country.
public struct Lookalike: Equatable, Sendable, CustomStringConvertible {
    public var partner: Partner
    /// What they share: "the same Erasmus code PL KRAKOW01".
    public var reason: String

    public var description: String { "\(partner.name) (\(partner.id)) has \(reason)" }

    static func find(_ candidate: Partner, in store: Store) -> Lookalike? {
        let partners = store.partners
        let name = store.foldedName(candidate.name)
        let erasmus = candidate.erasmusCode.map(normalisedErasmusCode)
        let schac = candidate.schacCode?.lowercased()
        for index in partners.indices where partners[index].id != candidate.id {
            let other = partners[index]
            if let erasmus, !erasmus.isEmpty, other.erasmusCode.map(normalisedErasmusCode) == erasmus {
                return Lookalike(partner: other, reason: "the same Erasmus code \(other.erasmusCode!)")
            }
            if let schac, !schac.isEmpty, other.schacCode?.lowercased() == schac {
                return Lookalike(partner: other, reason: "the same SCHAC code \(other.schacCode!)")
            }
            if other.country == candidate.country, store.foldedName(other.name) == name {
                return Lookalike(partner: other, reason: "the same name in the same country")
            }
        }
        return nil
    }

    /// Erasmus codes compare without their spaces and case: "PL  KRAKOW01" is "PL KRAKOW01".
    private static func normalisedErasmusCode(_ code: String) -> String {
        code.uppercased().filter { $0 != " " }
    }
}
