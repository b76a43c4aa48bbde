/// The network as stored when a document loaded or last saved it: the base of three-way merges,
/// and what a save compares with to find what changed.
///
/// Kept whole only until the first edit. Held whole beyond that, its lists would share their
/// buffers with the store's, and the store's first edit would copy every record (14 % of an edit
/// at 100,000 partners). From the first edit on it keeps, per record changed, the record as
/// stored (nil: not stored, added since): the records not changed are the store's own.
struct StoredBase {
    private var whole: Network?
    /// Each record changed since the base that was stored, as stored.
    private var storedRecords: [String: Record] = [:]
    /// Records added since the base (not stored).
    private var addedIds: Set<String> = []

    /// `network` nil: the store's records are the stored ones.
    init(_ network: Network?) { whole = network }

    /// Lets go of the whole network: the store is about to change.
    mutating func releaseWhole() { whole = nil }

    /// Notes the records a change touched, as they were before it when first touched.
    mutating func note(_ change: Store.Change) {
        for step in change.steps {
            guard let id = (step.before ?? step.after)?.id, storedRecords[id] == nil, !addedIds.contains(id) else { continue }
            if let before = step.before { storedRecords[id] = before } else { addedIds.insert(id) }
        }
    }

    /// After a reload that kept unsaved changes: the records this session had changed are still
    /// changed, now against the reloaded network (so a save stamps and audits them).
    mutating func keepChanged(_ ids: Set<String>, storedIn network: Network) {
        for id in ids {
            if let record = network.record(id: id) { storedRecords[id] = record } else { addedIds.insert(id) }
        }
    }

    /// Ids of the records changed since the base (one changed and changed back included).
    var changedIds: Set<String> { addedIds.union(storedRecords.keys) }

    /// A record as stored.
    func record(id: String, in store: Store) -> Record? {
        if let record = storedRecords[id] { return record }
        if addedIds.contains(id) { return nil }
        if let whole { return whole.record(id: id) }
        return store.record(id: id)
    }

    /// The whole network as stored: the one kept, or the store's with each changed record put
    /// back as it was (a record deleted since goes back at the end of its list; merges match
    /// records by id, so the place does not matter there). Costs a copy: for merges only.
    func network(from store: Store) -> Network {
        if let whole { return whole }
        var network = store.network
        for record in storedRecords.values { network.put(record) }
        for id in addedIds {
            if let added = store.record(id: id) { network.remove(added.kind, id: id) }
        }
        return network
    }
}

extension Network {
    /// The record at a position in the list of its kind.
    func record(kind: RecordKind, at position: Int) -> Record {
        switch kind {
        case .partner: .partner(partners[position])
        case .objective: .objective(objectives[position])
        case .event: .event(events[position])
        case .contact: .contact(contacts[position])
        }
    }

    /// Puts each record in place of the one with its id, in one pass over the lists; records
    /// with no such id are left out.
    mutating func replace(with records: [String: Record]) {
        guard !records.isEmpty else { return }
        func replace<R: Identified>(_ list: inout [R], _ unwrap: (Record) -> R?) {
            for index in list.indices {
                if let record = records[list[index].recordId], let value = unwrap(record) { list[index] = value }
            }
        }
        replace(&partners) { if case .partner(let value) = $0 { value } else { nil } }
        replace(&objectives) { if case .objective(let value) = $0 { value } else { nil } }
        replace(&events) { if case .event(let value) = $0 { value } else { nil } }
        replace(&contacts) { if case .contact(let value) = $0 { value } else { nil } }
    }

    /// The network with each record put in place of the one with its id.
    func replacing(_ records: [String: Record]) -> Network {
        var network = self
        network.replace(with: records)
        return network
    }

    /// Puts a record in place of the one with its id, or at the end of its list.
    mutating func put(_ record: Record) {
        func put<R: Identified>(_ value: R, into list: inout [R]) {
            if let index = list.firstIndex(where: { $0.recordId == value.recordId }) { list[index] = value } else { list.append(value) }
        }
        switch record {
        case .partner(let value): put(value, into: &partners)
        case .objective(let value): put(value, into: &objectives)
        case .event(let value): put(value, into: &events)
        case .contact(let value): put(value, into: &contacts)
        }
    }
}
