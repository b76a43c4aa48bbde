/// What a save changed, field by field, worked out from the kinds' tables (`Schema.fields`): a
/// field added to a table is audited with no more code, nested records (a partner's agreements)
/// are followed into their own tables, and keys the tables do not know are compared as they are.
/// Bookkeeping fields (who changed a record, and when) are not changes of their own.
public enum AuditDiff {
    /// The entries for the records with these ids, from the network as stored before a save to
    /// the network it wrote: records added or deleted first (a deletion before the links it
    /// took from other records), then the fields changed, each group in the order of the ids.
    public static func entries(from before: Network, to after: Network, ids: Set<String>, time: String, account: String) -> [AuditEntry] {
        guard !ids.isEmpty else { return [] }
        return entries(from: records(with: ids, in: before), to: records(with: ids, in: after), time: time, account: account)
    }

    /// The same from the records by id, before and after (a record absent on a side: added or
    /// deleted): a save that knows which records it changed looks up only those.
    public static func entries(from old: [String: Record], to new: [String: Record], time: String, account: String) -> [AuditEntry] {
        let sorted = Set(old.keys).union(new.keys).sorted()
        let isWhole = { (id: String) in (old[id] == nil) != (new[id] == nil) }
        return (sorted.filter(isWhole) + sorted.filter { !isWhole($0) }).flatMap { id in
            changes(from: old[id], to: new[id]).map { change in
                AuditEntry(time: time, account: account, recordKind: change.kind, recordId: id, change: change.change,
                           field: change.path, label: change.path.map { Schema.label(forPath: $0, in: change.kind) },
                           old: change.old, new: change.new)
            }
        }
    }

    struct Change: Equatable {
        var kind: RecordKind
        var change: AuditEntry.Change
        /// Nil for a record added or deleted as a whole.
        var path: String?
        var old: JSONValue?
        var new: JSONValue?
    }

    /// One record's changes: each field that differs, or the whole record added or deleted.
    static func changes(from old: Record?, to new: Record?) -> [Change] {
        switch (old, new) {
        case (nil, nil):
            return []
        case (nil, let new?):
            return [Change(kind: new.kind, change: .added, new: NetworkCoding.json(new))]
        case (let old?, nil):
            return [Change(kind: old.kind, change: .deleted, old: NetworkCoding.json(old))]
        case (let old?, let new?):
            guard old.kind == new.kind else { return changes(from: old, to: nil) + changes(from: nil, to: new) }
            guard old != new, case .object(let before) = NetworkCoding.json(old), case .object(let after) = NetworkCoding.json(new) else { return [] }
            let kind = new.kind
            var found: [Change] = []
            compare(before, after, fields: Schema.fields(of: kind), at: "") { path, old, new in
                found.append(Change(kind: kind, change: .changed, path: path, old: old, new: new))
            }
            return found
        }
    }

    /// The fields in which two versions of one record (as JSON) differ, by the kind's table:
    /// each with its label for people ("Agreement 1: End"), in the table's order.
    public static func differences(_ old: JSONValue?, _ new: JSONValue?, kind: RecordKind) -> [(label: String, old: JSONValue?, new: JSONValue?)] {
        guard case .object(let before)? = old, case .object(let after)? = new else { return [] }
        var found: [(label: String, old: JSONValue?, new: JSONValue?)] = []
        compare(before, after, fields: Schema.fields(of: kind), at: "") { path, old, new in
            found.append((Schema.label(forPath: path, in: kind), old, new))
        }
        return found
    }

    private typealias Report = (_ path: String, _ old: JSONValue?, _ new: JSONValue?) -> Void

    /// The members of two objects by their table: the table's fields in its order, then keys it
    /// does not know. Nested objects and records are compared member by member.
    private static func compare(_ old: JSONObject, _ new: JSONObject, fields: [FieldInfo], at prefix: String, report: Report) {
        var keys = fields.filter { !$0.type.isBookkeeping }.map(\.key)
        let known = Set(fields.map(\.key))
        for member in old.members + new.members where !known.contains(member.key) && !keys.contains(member.key) {
            keys.append(member.key)
        }
        for key in keys {
            let before = old[key], after = new[key]
            guard before != after else { continue }
            let field = fields.first { $0.key == key }
            let path = prefix + key
            switch (field?.type, before, after) {
            case (.object?, .object(let a)?, .object(let b)?):
                compare(a, b, fields: field!.nested, at: path + ".", report: report)
            case (.records?, .array(let a)?, .array(let b)?):
                compareRecords(a, b, fields: field!.nested, at: path, report: report)
            default:
                report(path, before, after)
            }
        }
    }

    /// Nested records matched by their ids (by position when they have none), so that a record
    /// removed from the middle of the list is one change, not one per record after it. A
    /// record's path has its position in the new list (the old one for a record removed).
    private static func compareRecords(_ old: [JSONValue], _ new: [JSONValue], fields: [FieldInfo], at path: String, report: Report) {
        func ids(_ list: [JSONValue]) -> [String]? {
            let ids = list.compactMap { element -> String? in
                if case .object(let object) = element { return object.string("id") }
                return nil
            }
            return ids.count == list.count && Set(ids).count == ids.count ? ids : nil
        }
        let oldIds = ids(old), newIds = ids(new)
        let matchedOld: [Int?] = new.indices.map { index in
            if let oldIds, let newIds { return oldIds.firstIndex(of: newIds[index]) }
            return index < old.count ? index : nil
        }
        for (index, element) in new.enumerated() {
            guard let match = matchedOld[index] else {
                report("\(path)[\(index)]", nil, element)
                continue
            }
            guard old[match] != element else { continue }
            if case .object(let a) = old[match], case .object(let b) = element {
                compare(a, b, fields: fields, at: "\(path)[\(index)].", report: report)
            } else {
                report("\(path)[\(index)]", old[match], element)
            }
        }
        let kept = Set(matchedOld.compactMap { $0 })
        for (index, element) in old.enumerated() where !kept.contains(index) {
            report("\(path)[\(index)]", element, nil)
        }
    }

    /// The records with these ids, by id. Only the ids are read of the others (by index: a loop
    /// over the records would copy each, and a save looks through 10,000 partners twice).
    static func records(with ids: Set<String>, in network: Network) -> [String: Record] {
        var found: [String: Record] = [:]
        func collect<R: Identified>(_ records: [R], _ wrap: (R) -> Record) {
            for index in records.indices where ids.contains(records[index].recordId) { found[records[index].recordId] = wrap(records[index]) }
        }
        collect(network.partners, Record.partner)
        collect(network.objectives, Record.objective)
        collect(network.events, Record.event)
        collect(network.contacts, Record.contact)
        return found
    }
}
