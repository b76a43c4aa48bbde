/// Three-way merge of networks, record by record and field by field, with the version both sides
/// started from as the base (docs/merge.md has the table of cases). Changes to different records
/// or fields merge silently; the same field changed differently, or a record deleted on one side
/// and changed on the other, is a conflict. Nothing is dropped silently.
public enum Merge {
    public struct Conflict: Equatable, Sendable, CustomStringConvertible {
        public enum Kind: Equatable, Sendable {
            /// The same field of the same record changed differently on both sides.
            case field(String)
            /// Deleted on one side, changed on the other.
            case deletedByMe, deletedByThem
            /// Both sides added a record with this id, with different contents.
            case bothAdded
        }

        public var recordKind: RecordKind?
        public var id: String
        public var kind: Kind
        public var mine: JSONValue?
        public var theirs: JSONValue?
        /// Who saved their version of the record, and when, as their record says (when it says).
        public var savedBy: String?
        public var savedAt: String?

        public init(recordKind: RecordKind?, id: String, kind: Kind, mine: JSONValue?, theirs: JSONValue?,
                    savedBy: String? = nil, savedAt: String? = nil) {
            self.recordKind = recordKind
            self.id = id
            self.kind = kind
            self.mine = mine
            self.theirs = theirs
            self.savedBy = savedBy
            self.savedAt = savedAt
        }

        /// "ana on 2026-11-24 at 20:05 UTC", or nil when the file does not say. Saved by the
        /// account asking (`you`): "you, in another session, …", since two dashboards of one
        /// login (two terminals, a shared office account) can conflict with each other.
        public func savedByText(you: String? = nil) -> String? {
            guard let savedBy else { return nil }
            let who = savedBy == you ? "you, in another session," : savedBy
            guard let savedAt, savedAt.count >= 16 else { return who }
            return "\(who) on \(savedAt.prefix(10)) at \(savedAt.dropFirst(11).prefix(5)) UTC"
        }

        /// What the two sides hold, field by field, for a person to choose between: the field
        /// in conflict, or for a record added on both sides each field in which the two differ;
        /// values whole (a dialog wraps them), nothing cut.
        public var differences: [(label: String, mine: String, theirs: String)] {
            let whole = { (value: JSONValue?) in Self.text(value, cut: false) }
            switch kind {
            case .field(let key):
                return [(recordKind.map { Schema.label(forPath: key, in: $0) } ?? key, whole(mine), whole(theirs))]
            case .bothAdded where recordKind != nil:
                return AuditDiff.differences(theirs, mine, kind: recordKind!).map { ($0.label, whole($0.new), whole($0.old)) }
            case .bothAdded, .deletedByMe, .deletedByThem:
                return [("Record", whole(mine), whole(theirs))]
            }
        }

        public var description: String {
            let what = recordKind.map { "\($0.rawValue) \(id)" } ?? id
            switch kind {
            case .field(let field):
                return "\(what): \(field) is \(Self.text(mine)) here and \(Self.text(theirs)) in the file"
            case .deletedByMe: return "\(what): deleted here, changed in the file"
            case .deletedByThem: return "\(what): changed here, deleted in the file"
            case .bothAdded: return "\(what): added here and in the file, differently"
            }
        }

        /// A value on one line, as JSON; `cut` to 60 characters for a message line.
        public static func text(_ value: JSONValue?, cut: Bool = true) -> String {
            guard let value else { return "(absent)" }
            var writer = JSONWriter(capacity: 64)
            writer.value(value)
            let text = String(decoding: writer.bytes, as: UTF8.self).split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ")
            return cut && text.count > 60 ? String(text.prefix(59)) + "…" : text
        }
    }

    public struct Result: Equatable, Sendable {
        public var network: Network
        public var conflicts: [Conflict]
    }

    /// The merge with each conflict decided: `keepMine[i]` for conflict i takes my side, else
    /// theirs (which the merge result already holds).
    public static func resolve(_ result: Result, keepMine: [Bool]) -> Network {
        var network = result.network
        for (conflict, mine) in zip(result.conflicts, keepMine) where mine {
            switch (conflict.kind, conflict.recordKind) {
            case (.field(let key), let kind?):
                network.update(kind, id: conflict.id) { object in
                    object.members.removeAll { $0.key == key }
                    if let value = conflict.mine { object.members.append(JSONObject.Member(key, value)) }
                }
            case (.field(let key), nil):
                if conflict.id == "institution" {
                    var context = DecodeContext()
                    var writer = JSONWriter(capacity: 512)
                    Schemas.institution.encode(network.institution, into: &writer)
                    if case .object(var object)? = try? JSONReader.parse(writer.bytes) {
                        object.members.removeAll { $0.key == key }
                        if let value = conflict.mine { object.members.append(JSONObject.Member(key, value)) }
                        if let institution = Schemas.institution.decode(.object(object), &context) { network.institution = institution }
                    }
                } else {
                    network.extra.members.removeAll { $0.key == key }
                    if let value = conflict.mine { network.extra.members.append(JSONObject.Member(key, value)) }
                }
            case (.deletedByMe, let kind?):
                network.remove(kind, id: conflict.id)
            case (.bothAdded, let kind?):
                if case .object(let object)? = conflict.mine { network.update(kind, id: conflict.id) { $0 = object } }
            default:
                break // deletedByThem: the merge kept my version; keeping mine changes nothing
            }
        }
        for (conflict, mine) in zip(result.conflicts, keepMine) where !mine {
            if case .deletedByThem = conflict.kind, let kind = conflict.recordKind { network.remove(kind, id: conflict.id) }
        }
        return network
    }

    /// One record merged three ways (nil = absent on that side): the result, or nil when it is
    /// deleted, with any conflicts.
    public static func merge(base: Record?, mine: Record?, theirs: Record?) -> (record: Record?, conflicts: [Conflict]) {
        func network(_ record: Record?) -> Network {
            var network = Network()
            switch record {
            case .partner(let value)?: network.partners = [value]
            case .objective(let value)?: network.objectives = [value]
            case .event(let value)?: network.events = [value]
            case .contact(let value)?: network.contacts = [value]
            case nil: break
            }
            return network
        }
        let result = merge(base: network(base), mine: network(mine), theirs: network(theirs))
        let merged = result.network
        let record: Record? = merged.partners.first.map(Record.partner) ?? merged.objectives.first.map(Record.objective)
            ?? merged.events.first.map(Record.event) ?? merged.contacts.first.map(Record.contact)
        return (record, result.conflicts)
    }

    public static func merge(base: Network, mine: Network, theirs: Network) -> Result {
        var conflicts: [Conflict] = []
        var merged = theirs
        merged.partners = mergeList(base.partners, mine.partners, theirs.partners, kind: .partner, codec: Schemas.partner, conflicts: &conflicts)
        merged.objectives = mergeList(base.objectives, mine.objectives, theirs.objectives, kind: .objective, codec: Schemas.objective, conflicts: &conflicts)
        merged.events = mergeList(base.events, mine.events, theirs.events, kind: .event, codec: Schemas.event, conflicts: &conflicts)
        merged.contacts = mergeList(base.contacts, mine.contacts, theirs.contacts, kind: .contact, codec: Schemas.contact, conflicts: &conflicts)
        if let institution = mergeRecord(base.institution, mine.institution, theirs.institution, codec: Schemas.institution, kind: nil, id: "institution", conflicts: &conflicts) {
            merged.institution = institution
        }
        merged.extra = mergeObjects(base.extra, mine.extra, theirs.extra, kind: nil, id: "(top level)", conflicts: &conflicts)
        return Result(network: merged, conflicts: conflicts)
    }

    /// Their order, with what only I added appended in my order.
    private static func mergeList<R: Equatable>(_ base: [R], _ mine: [R], _ theirs: [R], kind: RecordKind,
                                                codec: RecordSchema<R>, conflicts: inout [Conflict]) -> [R] where R: Identified {
        let baseById = Dictionary(base.map { ($0.recordId, $0) }, uniquingKeysWith: { first, _ in first })
        let mineById = Dictionary(mine.map { ($0.recordId, $0) }, uniquingKeysWith: { first, _ in first })
        let theirIds = Set(theirs.map(\.recordId))
        var result: [R] = []
        result.reserveCapacity(max(mine.count, theirs.count))
        for their in theirs {
            let id = their.recordId
            let old = baseById[id]
            switch (old, mineById[id]) {
            case (nil, nil):
                result.append(their) // they added it
            case (nil, let my?):
                if my == their {
                    result.append(their)
                } else {
                    // Both added the id with different contents: theirs stays, mine is reported.
                    conflicts.append(Conflict(recordKind: kind, id: id, kind: .bothAdded, mine: encode(my, codec), theirs: encode(their, codec)))
                    result.append(their)
                }
            case (let old?, nil):
                // I deleted it: fine if they did not change it.
                if old != their {
                    let theirValue = encode(their, codec)
                    conflicts.append(Conflict(recordKind: kind, id: id, kind: .deletedByMe, mine: nil, theirs: theirValue,
                                              savedBy: object(theirValue)?.string("updatedBy"), savedAt: object(theirValue)?.string("updatedAt")))
                    result.append(their)
                }
            case (let old?, let my?):
                // Most records changed on one side at most: only both changed needs the fields.
                if my == old || my == their {
                    result.append(their)
                } else if their == old {
                    result.append(my)
                } else {
                    result.append(mergeRecord(old, my, their, codec: codec, kind: kind, id: id, conflicts: &conflicts) ?? their)
                }
            }
        }
        for my in mine where !theirIds.contains(my.recordId) {
            if let old = baseById[my.recordId] {
                // They deleted it: fine if I did not change it.
                if old != my {
                    conflicts.append(Conflict(recordKind: kind, id: my.recordId, kind: .deletedByThem, mine: encode(my, codec), theirs: nil))
                    result.append(my)
                }
            } else {
                result.append(my) // I added it
            }
        }
        return result
    }

    /// Field-by-field merge of one record, through its JSON form so unknown keys merge too.
    private static func mergeRecord<R>(_ base: R?, _ mine: R, _ theirs: R, codec: RecordSchema<R>, kind: RecordKind?, id: String,
                                       conflicts: inout [Conflict]) -> R? {
        let baseObject = base.flatMap { object(encode($0, codec)) } ?? JSONObject()
        guard let mineObject = object(encode(mine, codec)), let theirObject = object(encode(theirs, codec)) else { return nil }
        let bookkeeping = Set(codec.fields.filter(\.type.isBookkeeping).map(\.key))
        let found = conflicts.count
        let merged = mergeObjects(baseObject, mineObject, theirObject, kind: kind, id: id, conflicts: &conflicts, bookkeeping: bookkeeping)
        for index in found..<conflicts.count {
            conflicts[index].savedBy = theirObject.string("updatedBy")
            conflicts[index].savedAt = theirObject.string("updatedAt")
        }
        var context = DecodeContext()
        return codec.decode(.object(merged), &context)
    }

    /// Members in their order, then mine that are new; each key merged three ways. Where both
    /// changed a key differently, theirs stays in the result and the conflict is reported.
    /// `bookkeeping` keys (who changed a record, and when) are never a conflict: theirs stays,
    /// and the save stamps the records it changes after the merge.
    static func mergeObjects(_ base: JSONObject, _ mine: JSONObject, _ theirs: JSONObject, kind: RecordKind?, id: String,
                             conflicts: inout [Conflict], bookkeeping: Set<String> = []) -> JSONObject {
        var keys = theirs.members.map(\.key)
        for member in mine.members where !keys.contains(member.key) { keys.append(member.key) }
        var result = JSONObject()
        for key in keys {
            let old = base[key], my = mine[key], their = theirs[key]
            let value: JSONValue?
            if my == old {
                value = their
            } else if their == old || my == their {
                value = my
            } else if bookkeeping.contains(key) {
                value = their
            } else {
                conflicts.append(Conflict(recordKind: kind, id: id, kind: .field(key), mine: my, theirs: their))
                value = their
            }
            if let value { result.members.append(JSONObject.Member(key, value)) }
        }
        return result
    }

    private static func encode<R>(_ record: R, _ codec: RecordSchema<R>) -> JSONValue? {
        var writer = JSONWriter(capacity: 1_024)
        codec.encode(record, into: &writer)
        return try? JSONReader.parse(writer.bytes)
    }

    private static func object(_ value: JSONValue?) -> JSONObject? {
        if case .object(let object)? = value { return object }
        return nil
    }
}

extension Network {
    /// Changes one record through its JSON form (unknown keys included).
    mutating func update(_ kind: RecordKind, id: String, _ change: (inout JSONObject) -> Void) {
        func edit<R: Identified>(_ records: inout [R], _ codec: RecordSchema<R>) {
            guard let index = records.firstIndex(where: { $0.recordId == id }) else { return }
            if let record = codec.updated(records[index], change) { records[index] = record }
        }
        switch kind {
        case .partner: edit(&partners, Schemas.partner)
        case .objective: edit(&objectives, Schemas.objective)
        case .event: edit(&events, Schemas.event)
        case .contact: edit(&contacts, Schemas.contact)
        }
    }

    mutating func remove(_ kind: RecordKind, id: String) {
        switch kind {
        case .partner: partners.removeAll { $0.id == id }
        case .objective: objectives.removeAll { $0.id == id }
        case .event: events.removeAll { $0.id == id }
        case .contact: contacts.removeAll { $0.id == id }
        }
    }
}

extension RecordSchema {
    /// A record changed through its JSON form (unknown keys included); nil when the change
    /// leaves it unreadable.
    func updated(_ record: Record, _ change: (inout JSONObject) -> Void) -> Record? {
        var writer = JSONWriter(capacity: 1_024)
        encode(record, into: &writer)
        guard case .object(var object)? = try? JSONReader.parse(writer.bytes) else { return nil }
        change(&object)
        var context = DecodeContext()
        return decode(.object(object), &context)
    }
}

/// Records with an id, for merging lists.
protocol Identified {
    var recordId: String { get }
}

extension Partner: Identified { var recordId: String { id } }
extension Objective: Identified { var recordId: String { id } }
extension Event: Identified { var recordId: String { id } }
extension Contact: Identified { var recordId: String { id } }

extension JSONObject {
    /// A member's text, if it is a string.
    public func string(_ key: String) -> String? {
        if case .string(let text)? = self[key] { return text }
        return nil
    }
}
