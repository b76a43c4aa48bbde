/// `key=value` edits of a record's fields from text, for `liaison set`. Values go through the
/// same decoding and rules as a loaded file; a list is written comma-separated, and an empty
/// value removes an optional field.
public enum FieldAssignment {
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func apply(_ assignments: [(key: String, value: String)], to record: Record) throws(Failure) -> Record {
        switch record {
        case .partner(let value): return .partner(try apply(assignments, to: value, codec: Codecs.partner, kind: .partner))
        case .objective(let value): return .objective(try apply(assignments, to: value, codec: Codecs.objective, kind: .objective))
        case .event(let value): return .event(try apply(assignments, to: value, codec: Codecs.event, kind: .event))
        case .contact(let value): return .contact(try apply(assignments, to: value, codec: Codecs.contact, kind: .contact))
        }
    }

    /// The fields `set` can change for a kind of record.
    public static func settableFields(of kind: RecordKind) -> [String] {
        switch kind {
        case .partner: settable(Codecs.partner)
        case .objective: settable(Codecs.objective)
        case .event: settable(Codecs.event)
        case .contact: settable(Codecs.contact)
        }
    }

    private static func settable<R>(_ codec: RecordCodec<R>) -> [String] {
        // Ids are stable once made; the change stamp is the program's to set; nested structures
        // (agreements, quotas) need more than key=value.
        codec.fields.filter { !["id", "updatedAt", "updatedBy"].contains($0.key) && $0.kind != .records && $0.kind != .object }.map(\.key)
    }

    private static func apply<R>(_ assignments: [(key: String, value: String)], to record: R, codec: RecordCodec<R>,
                                 kind: RecordKind) throws(Failure) -> R {
        var writer = JSONWriter(capacity: 1_024)
        codec.encode(record, into: &writer)
        guard case .object(var object)? = try? JSONReader.parse(writer.bytes) else {
            throw Failure(description: "the record could not be read back")
        }
        let allowed = settable(codec)
        for (key, text) in assignments {
            guard let field = codec.fields.first(where: { $0.key == key }), allowed.contains(key) else {
                throw Failure(description: "\(key): not a field `set` can change on a \(kind.rawValue) (fields: \(allowed.joined(separator: ", ")))")
            }
            object.members.removeAll { $0.key == key }
            if text.isEmpty {
                if field.isRequired { throw Failure(description: "\(key): is required and cannot be emptied") }
                if field.kind == .texts { object.members.append(JSONObject.Member(key, .array([]))) }
                continue
            }
            let value: JSONValue
            switch field.kind {
            case .texts:
                value = .array(text.split(separator: ",").map { .string(String($0).trimmingSpaces) }.filter { $0 != .string("") })
            case .integer:
                guard Int(text) != nil else { throw Failure(description: "\(key): \"\(text)\" is not a whole number") }
                value = .number(text)
            default:
                value = .string(text)
            }
            object.members.append(JSONObject.Member(key, value))
        }
        var context = DecodeContext()
        guard let updated = codec.decode(.object(object), &context), context.diagnostics.errors.isEmpty else {
            throw Failure(description: context.diagnostics.errors.map(\.description).joined(separator: "; "))
        }
        return updated
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// Who made a change, and when: `updatedBy` and `updatedAt` of changed records.
public enum ChangeStamp {
    public static func loginName() -> String {
        if let name = getlogin(), let text = String(validatingCString: name), !text.isEmpty { return text }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name) { return text }
        return "unknown"
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

    /// Slug for a new id from a name: "Universität Wien" → "universitat-wien", made unique.
    public static func newId(from name: String, taken: (String) -> Bool) -> String {
        var slug = ""
        for character in TextFolding.fold(name) {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.hasSuffix("-") && !slug.isEmpty {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "record" }
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
    /// The settable fields of a record with their current values as text (lists comma-separated,
    /// absent values empty): what a form shows and `apply` takes back.
    public static func texts(of record: Record) -> [(key: String, text: String, required: Bool)] {
        switch record {
        case .partner(let value): texts(value, Codecs.partner)
        case .objective(let value): texts(value, Codecs.objective)
        case .event(let value): texts(value, Codecs.event)
        case .contact(let value): texts(value, Codecs.contact)
        }
    }

    private static func texts<R>(_ record: R, _ codec: RecordCodec<R>) -> [(key: String, text: String, required: Bool)] {
        var writer = JSONWriter(capacity: 1_024)
        codec.encode(record, into: &writer)
        guard case .object(let object)? = try? JSONReader.parse(writer.bytes) else { return [] }
        let allowed = settable(codec)
        return codec.fields.filter { allowed.contains($0.key) }.map { field in
            let text: String
            switch object[field.key] {
            case .string(let value)?: text = value
            case .number(let value)?: text = value
            case .array(let values)?: text = values.compactMap { if case .string(let item) = $0 { item } else { nil } }.joined(separator: ", ")
            default: text = ""
            }
            return (field.key, text, field.isRequired)
        }
    }
}

/// A partner's agreements as rows of text fields, for the partner form: one row per agreement,
/// keyed `kind`, `start`, `end`, `quota.incoming`, `quota.outgoing`, `subjectAreas`, `notes`.
public enum AgreementRows {
    public static let keys = ["kind", "start", "end", "quota.incoming", "quota.outgoing", "subjectAreas", "notes"]

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
            Row(id: agreement.id, values: [
                "kind": agreement.kind,
                "start": agreement.start?.description ?? "",
                "end": agreement.end?.description ?? "",
                "quota.incoming": agreement.quota?.incoming.map(String.init) ?? "",
                "quota.outgoing": agreement.quota?.outgoing.map(String.init) ?? "",
                "subjectAreas": agreement.subjectAreas.joined(separator: ", "),
                "notes": agreement.notes ?? "",
            ])
        }
    }

    /// The partner with its agreements made from the rows. Values an agreement has that the rows
    /// do not show (unknown keys, a quota's other keys) are kept for agreements that keep their id.
    public static func apply(_ rows: [Row], to partner: Partner, newId: (String) -> String) throws(FieldAssignment.Failure) -> Partner {
        var partner = partner
        let existing = Dictionary(partner.agreements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var agreements: [Agreement] = []
        for (index, row) in rows.enumerated() {
            func fail(_ key: String, _ problem: String) -> FieldAssignment.Failure {
                FieldAssignment.Failure(description: "agreements[\(index)].\(key): \(problem)")
            }
            var agreement = row.id.flatMap { existing[$0] } ?? Agreement()
            agreement.id = row.id ?? newId(row.values["kind"] ?? "agreement")
            agreement.kind = row.values["kind"] ?? ""
            if agreement.kind.isEmpty { throw fail("kind", "is required (\(Agreement.kinds.joined(separator: ", ")))") }
            /// An optional value from its text: empty is absent, anything else must parse.
            func optional<T>(_ key: String, _ parse: (String) -> T?, _ expected: String) throws(FieldAssignment.Failure) -> T? {
                let text = row.values[key] ?? ""
                guard !text.isEmpty else { return nil }
                guard let value = parse(text) else { throw fail(key, "\"\(text)\" is not \(expected)") }
                return value
            }
            agreement.start = try optional("start", { Day($0) }, "a date in the form YYYY-MM-DD")
            agreement.end = try optional("end", { Day($0) }, "a date in the form YYYY-MM-DD")
            var quota = agreement.quota ?? Quota()
            quota.incoming = try optional("quota.incoming", { Int($0) }, "a whole number")
            quota.outgoing = try optional("quota.outgoing", { Int($0) }, "a whole number")
            agreement.quota = quota.incoming == nil && quota.outgoing == nil && quota.extra.isEmpty ? nil : quota
            agreement.subjectAreas = (row.values["subjectAreas"] ?? "").split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            let notes = row.values["notes"] ?? ""
            // An empty note that was there stays, so editing the partner changes nothing it did not mean to.
            agreement.notes = notes.isEmpty ? (agreement.notes == "" ? "" : nil) : notes
            agreements.append(agreement)
        }
        partner.agreements = agreements
        return partner
    }
}
