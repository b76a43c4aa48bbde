/// `key=value` edits of a record's fields from text, for `liaison set` and the forms alike: each
/// field is read by its type in the kind's table. A list is written comma-separated, a single link
/// takes one id, and an empty value removes an optional field.
public enum FieldAssignment {
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The field's path in the record (`email`, `agreements[0].end`).
        public var path: String
        public var message: String

        public init(path: String, _ message: String) {
            self.path = path
            self.message = message
        }

        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    public static func apply(_ assignments: [(key: String, value: String)], to record: Record) throws(Failure) -> Record {
        switch record {
        case .partner(let value): return .partner(try apply(assignments, to: value, schema: Schemas.partner, kind: .partner))
        case .objective(let value): return .objective(try apply(assignments, to: value, schema: Schemas.objective, kind: .objective))
        case .event(let value): return .event(try apply(assignments, to: value, schema: Schemas.event, kind: .event))
        case .contact(let value): return .contact(try apply(assignments, to: value, schema: Schemas.contact, kind: .contact))
        }
    }

    /// The fields `set` and the forms can change for a kind of record.
    public static func settableFields(of kind: RecordKind) -> [String] {
        Schema.editableFields(of: kind).map(\.key)
    }

    private static func apply<R>(_ assignments: [(key: String, value: String)], to record: R, schema: RecordSchema<R>,
                                 kind: RecordKind) throws(Failure) -> R {
        var object = schema.object(of: record)
        for (key, text) in assignments {
            guard let field = schema.fields.first(where: { $0.key == key }), field.type.isEditableAsText else {
                throw Failure(path: key, "not a field that can be set on a \(kind.rawValue) (fields: \(settableFields(of: kind).joined(separator: ", ")))")
            }
            try assign(text, to: field.info, in: &object, path: key)
        }
        return try decode(object, schema)
    }

    /// Puts a typed value into a record's JSON object, read by the field's type.
    static func assign(_ text: String, to field: FieldInfo, in object: inout JSONObject, path: String) throws(Failure) {
        object.members.removeAll { $0.key == field.key }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty {
            if field.isRequired { throw Failure(path: path, "is required and cannot be emptied") }
            if field.type.isList { object.members.append(JSONObject.Member(field.key, .array([]))) }
            return
        }
        let value: JSONValue
        switch field.type {
        case .words, .links, .subjectAreas:
            value = .array(RecordText.list(from: text).map(JSONValue.string))
        case .link(let kind):
            guard !trimmed.contains(",") else { throw Failure(path: path, "takes the id of one \(kind.rawValue), not a list") }
            value = .string(trimmed)
        case .integer, .count, .positiveCount:
            guard Int(trimmed) != nil else { throw Failure(path: path, "\"\(text)\" is not a whole number") }
            value = .number(trimmed)
        case .eqfLevels:
            let items = RecordText.list(from: text)
            guard items.allSatisfy({ Int($0) != nil }) else { throw Failure(path: path, "\"\(text)\" is not a list of whole numbers") }
            value = .array(items.map(JSONValue.number))
        case .decimal:
            guard Validation.isDecimal(trimmed) else { throw Failure(path: path, "\"\(text)\" is not a number of 0 or more (5, 4.5)") }
            value = .number(trimmed)
        case .flag:
            guard let flag = FlagText.value(of: trimmed) else { throw Failure(path: path, "\"\(text)\" is not yes or no") }
            value = .bool(flag)
        case .notes:
            value = .string(text)
        default:
            value = .string(trimmed)
        }
        object.members.append(JSONObject.Member(field.key, value))
    }

    static func decode<R>(_ object: JSONObject, _ schema: RecordSchema<R>) throws(Failure) -> R {
        var context = DecodeContext()
        guard let updated = schema.decode(.object(object), &context), context.diagnostics.errors.isEmpty else {
            let first = context.diagnostics.errors.first
            throw Failure(path: first?.path ?? "", first?.message ?? "the record could not be read")
        }
        return updated
    }
}

/// Who made a change, and when: `updatedBy` and `updatedAt` of changed records.
public enum ChangeStamp {
    public static func loginName() -> String {
        if let name = getlogin(), let text = String(validatingCString: name), !text.isEmpty { return text }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name) { return text }
        return "unknown"
    }

    /// The account of the process's real user id, for the audit trail: not $USER or the login
    /// name, which a person can set, and not the effective id of a set-user-id program.
    public static func accountName() -> String {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name, let text = String(validatingCString: name), !text.isEmpty { return text }
        return "uid \(uid)"
    }

    /// Now in UTC, RFC 3339 to the second: `2026-11-24T20:05:41Z`.
    public static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let seconds = Int(time.tv_sec)
        let day = Day(daysSinceEpoch: seconds / 86_400)
        let inDay = seconds % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(day)T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }

    /// The record stamped as changed now by `editor` (a kind whose table has bookkeeping
    /// fields). Done once per record, by the Document's save, after any merge; the save writes
    /// the stamped records in place of the network's, so no list is copied to stamp a few.
    public static func stamped(_ record: Record, at time: String, by editor: String) -> Record {
        guard let stamp = stamping(record.kind, at: time, by: editor) else { return record }
        let updated: Record? = switch record {
        case .partner(let value): Schemas.partner.updated(value, stamp).map(Record.partner)
        case .objective(let value): Schemas.objective.updated(value, stamp).map(Record.objective)
        case .event(let value): Schemas.event.updated(value, stamp).map(Record.event)
        case .contact(let value): Schemas.contact.updated(value, stamp).map(Record.contact)
        }
        return updated ?? record
    }

    /// What stamping does to a record of a kind as JSON: each bookkeeping field set anew, at the
    /// end; nil for a kind without any.
    private static func stamping(_ kind: RecordKind, at time: String, by editor: String) -> ((inout JSONObject) -> Void)? {
        let fields = Schema.fields(of: kind).filter(\.type.isBookkeeping)
        guard !fields.isEmpty else { return nil }
        return { object in
            for field in fields {
                object.members.removeAll { $0.key == field.key }
                object.members.append(JSONObject.Member(field.key, .string(field.type == .timestamp ? time : editor)))
            }
        }
    }

    /// Slug for a new id from a name: "Universität Wien" → "universitat-wien", made unique.
    public static func newId(from name: String, fallback: String = "record", taken: (String) -> Bool) -> String {
        var slug = ""
        for character in TextFolding.fold(name) {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.hasSuffix("-") && !slug.isEmpty {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = fallback }
        var candidate = slug
        var number = 2
        while taken(candidate) {
            candidate = "\(slug)-\(number)"
            number += 1
        }
        return candidate
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension FieldAssignment {
    /// The editable fields of a record with their current values as text (lists comma-separated,
    /// absent values empty): what a form shows and `apply` takes back.
    public static func texts(of record: Record) -> [(field: FieldInfo, text: String)] {
        Schema.editableFields(of: record.kind).map { ($0, RecordText.text(of: record, key: $0.key)) }
    }
}

/// A partner's agreements as rows of text fields, for the partner form: one row per agreement,
/// keyed by the agreement table's editable fields, the quota's as `quota.incoming`.
public enum AgreementRows {
    /// The row's fields in the agreement table's order, the quota's spelled out.
    /// The EWP IIA is not a row's: it is read from and written to EWP files (`liaison ewp`),
    /// and kept as it is when the row is edited.
    public static let fields: [FieldInfo] = Schema.agreementFields.flatMap { field -> [FieldInfo] in
        if field.key == "quota" {
            return Schema.quotaFields.map { FieldInfo(key: "\(field.key).\($0.key)", label: "\($0.label) \(field.label.lowercased())", type: $0.type, isRequired: false) }
        }
        return field.type.isEditableAsText ? [field] : []
    }

    public static var keys: [String] { fields.map(\.key) }

    public struct Row: Equatable, Sendable {
        /// The agreement's id, or nil for a new one (made when the form is applied).
        public var id: String?
        public var values: [String: String]

        public init(id: String?, values: [String: String]) {
            self.id = id
            self.values = values
        }
    }

    public static func rows(of partner: Partner) -> [Row] {
        partner.agreements.map { agreement in
            Row(id: agreement.id, values: Dictionary(uniqueKeysWithValues: keys.map { ($0, RecordText.text(of: agreement, key: $0)) }))
        }
    }

    /// The partner with its agreements made from the rows. Values an agreement has that the rows
    /// do not show (unknown keys, a quota's other keys) are kept for agreements that keep their id.
    public static func apply(_ rows: [Row], to partner: Partner, newId: (String) -> String) throws(FieldAssignment.Failure) -> Partner {
        var partner = partner
        let existing = Dictionary(partner.agreements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var agreements: [Agreement] = []
        for (index, row) in rows.enumerated() {
            var agreement = row.id.flatMap { existing[$0] } ?? Agreement()
            agreement.id = row.id ?? newId(row.values["kind"] ?? "agreement")
            var object = Schemas.agreement.object(of: agreement)
            var quota: JSONObject = if case .object(let nested)? = object["quota"] { nested } else { JSONObject() }
            for field in fields {
                let text = row.values[field.key] ?? ""
                let path = "agreements[\(index)].\(field.key)"
                // An empty note that was there stays, so editing the partner changes nothing it did not mean to.
                if field.key == "notes", text.isEmpty, agreement.notes == "" { continue }
                if field.key.hasPrefix("quota.") {
                    let nested = FieldInfo(key: String(field.key.dropFirst(6)), label: field.label, type: field.type, isRequired: false)
                    try FieldAssignment.assign(text, to: nested, in: &quota, path: path)
                } else {
                    try FieldAssignment.assign(text, to: field, in: &object, path: path)
                }
            }
            object.members.removeAll { $0.key == "quota" }
            if !quota.members.isEmpty { object.members.append(JSONObject.Member("quota", .object(quota))) }
            do {
                agreements.append(try FieldAssignment.decode(object, Schemas.agreement))
            } catch {
                throw FieldAssignment.Failure(path: "agreements[\(index)].\(error.path)", error.message)
            }
        }
        partner.agreements = agreements
        return partner
    }
}
