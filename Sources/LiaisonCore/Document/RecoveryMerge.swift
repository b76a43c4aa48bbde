/// Recovered changes merged three ways with the network as it is now: mine is what an ended
/// session's journal holds, the base is each record as that session found it (`Journal.Entry.base`),
/// theirs is what the file holds now. Sessions are merged one after the other, oldest first, each
/// onto the result of the ones before, so two ended sessions that changed different fields of a
/// record both count, and two that changed the same field differently are a conflict too.
///
/// Where a recovered change clashes, the merge holds the file's value and the conflict says so;
/// `Merge.resolve` then puts the chosen values in, as it does for a save. Nothing is applied, and
/// no journal removed, until every conflict is decided.
public struct RecoveryMerge: Equatable, Sendable {
    /// The network now with every recovered change merged in, and the conflicts.
    public var result: Merge.Result
    /// The records the recovered changes touch, in the order they were first changed: what
    /// applying the merge edits.
    public var ids: [String]
    /// What was offered: asked again when the conflicts are left undecided.
    public var offer: RecoveryOffer

    public var conflicts: [Merge.Conflict] { result.conflicts }

    public init(offer: RecoveryOffer, onto current: Network) {
        var network = current
        var conflicts: [Merge.Conflict] = []
        var ids: [String] = []
        var seen: Set<String> = []
        for journal in offer.journals {
            var base = network, mine = network
            for entry in Recovery.latest(journal.entries) {
                if seen.insert(entry.recordId).inserted { ids.append(entry.recordId) }
                base.replace(id: entry.recordId, with: entry.base)
                mine.replace(id: entry.recordId, with: entry.record)
            }
            let merged = Merge.merge(base: base, mine: mine, theirs: network)
            for var conflict in merged.conflicts {
                // Theirs is a record an earlier ended session changed, not as the file has it:
                // whoever the file says saved it did not save this value.
                if network.record(id: conflict.id) != current.record(id: conflict.id) {
                    conflict.savedBy = nil
                    conflict.savedAt = nil
                }
                conflicts.append(conflict)
            }
            network = merged.network
        }
        self.result = Merge.Result(network: network, conflicts: conflicts)
        self.ids = ids
        self.offer = offer
    }

    /// The network with each conflict decided (`keepMine[i]` keeps the recovered value of conflict i).
    public func resolved(keepMine: [Bool]) -> Network {
        Merge.resolve(result, keepMine: keepMine)
    }
}

enum Recovery {
    /// The last entry for each record, in the order records were first changed, with the base of
    /// its first entry: earlier entries are steps on the way.
    static func latest(_ entries: [Journal.Entry]) -> [Journal.Entry] {
        var latest: [String: Journal.Entry] = [:]
        var order: [String] = []
        for entry in entries {
            let id = entry.recordId
            if latest[id] == nil { order.append(id) }
            latest[id] = Journal.Entry(operation: entry.operation, base: latest[id]?.base ?? entry.base)
        }
        return order.map { latest[$0]! }
    }
}

extension Journal.Entry {
    /// The id of the record the entry puts or deletes.
    var recordId: String {
        switch operation {
        case .put(let record): record.id
        case .delete(let id): id
        }
    }

    /// The record as the entry leaves it: nil when it deletes it.
    var record: Record? {
        if case .put(let record) = operation { record } else { nil }
    }
}

extension Network {
    /// The record with this id, of any kind. A linear search: for the few records recovery touches.
    func record(id: String) -> Record? {
        partners.first { $0.id == id }.map(Record.partner) ?? objectives.first { $0.id == id }.map(Record.objective)
            ?? events.first { $0.id == id }.map(Record.event) ?? contacts.first { $0.id == id }.map(Record.contact)
    }

    /// Puts `record` in place of the record with this id (of any kind), or takes that record out
    /// when `record` is nil. A record that was not there goes at the end of its kind.
    mutating func replace(id: String, with record: Record?) {
        func put<R: Identified>(_ new: R?, into list: inout [R]) {
            switch (list.firstIndex { $0.recordId == id }, new) {
            case (let index?, let new?): list[index] = new
            case (let index?, nil): list.remove(at: index)
            case (nil, let new?): list.append(new)
            case (nil, nil): break
            }
        }
        // A record of another kind with this id goes: ids are unique across the file.
        put(record.flatMap { if case .partner(let value) = $0 { value } else { nil } }, into: &partners)
        put(record.flatMap { if case .objective(let value) = $0 { value } else { nil } }, into: &objectives)
        put(record.flatMap { if case .event(let value) = $0 { value } else { nil } }, into: &events)
        put(record.flatMap { if case .contact(let value) = $0 { value } else { nil } }, into: &contacts)
    }
}
