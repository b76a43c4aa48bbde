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
