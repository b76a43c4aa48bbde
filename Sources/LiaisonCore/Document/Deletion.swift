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
