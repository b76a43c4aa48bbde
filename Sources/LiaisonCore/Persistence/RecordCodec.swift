/// How each record type maps to JSON, field by field in the format's canonical key order.
/// One table per type serves reading, writing, and the field names that editing and merging use,
/// so the key order and the key names are decided in one place.

struct DecodeContext {
    var path: [JSONPath.Component] = []
    var diagnostics: [Diagnostic] = []

    var pathText: String { JSONPath.render(path) }

    mutating func report(_ severity: Diagnostic.Severity, _ message: String) {
        diagnostics.append(Diagnostic(severity, path: pathText, message))
    }

    mutating func within<T>(_ component: JSONPath.Component, _ body: (inout DecodeContext) -> T) -> T {
        path.append(component)
        defer { path.removeLast() }
        return body(&self)
    }
}

/// What a field holds, for editing it from text (`liaison set ID key=value`).
enum FieldKind: Sendable {
    case text, texts, day, integer, object, records
}

struct FieldCodec<Record>: Sendable {
    let key: String
    let isRequired: Bool
    var kind: FieldKind = .text
    /// Reads a non-null value into the record; reports a wrong type at the context's path.
    let decode: @Sendable (inout Record, JSONValue, inout DecodeContext) -> Void
    /// Writes `"key": value`, or nothing when the value is absent.
    let encode: @Sendable (Record, inout JSONWriter) -> Void
}

struct RecordCodec<Record>: Sendable {
    let fields: [FieldCodec<Record>]
    let extra: WritableKeyPath<Record, JSONObject> & Sendable
    let make: @Sendable () -> Record

    func decode(_ value: JSONValue, _ context: inout DecodeContext) -> Record? {
        guard case .object(let object) = value else {
            context.report(.error, "must be an object, not \(value.typeName)")
            return nil
        }
        var record = make()
        var seen = [Bool](repeating: false, count: fields.count)
        // Files Liaison wrote have their keys in table order: try the next field first, and
        // search the table only when that guess is wrong.
        var expected = 0
        for member in object.members {
            let index: Int
            if expected < fields.count, fields[expected].key == member.key {
                index = expected
            } else if let found = fields.firstIndex(where: { $0.key == member.key }) {
                index = found
            } else {
                record[keyPath: extra].members.append(member)
                continue
            }
            expected = index + 1
            seen[index] = true
            let field = fields[index]
            context.within(.key(member.key)) { context in
                if case .null = member.value {
                    if field.isRequired { context.report(.error, "is required and may not be null") }
                } else {
                    field.decode(&record, member.value, &context)
                }
            }
        }
        for (index, field) in fields.enumerated() where field.isRequired && !seen[index] {
            context.within(.key(field.key)) { $0.report(.error, "is required but missing") }
        }
        return record
    }

    func encode(_ record: Record, into writer: inout JSONWriter) {
        writer.beginObject()
        for field in fields { field.encode(record, &writer) }
        writer.members(record[keyPath: extra])
        writer.endObject()
    }
}

// MARK: - Field builders

extension FieldCodec {
    static func string(_ key: String, _ keyPath: WritableKeyPath<Record, String> & Sendable) -> FieldCodec {
        FieldCodec(key: key, isRequired: true, decode: { record, value, context in
            if let text = expectString(value, &context) { record[keyPath: keyPath] = text }
        }, encode: { record, writer in
            writer.key(key)
            writer.string(record[keyPath: keyPath])
        })
    }

    static func optionalString(_ key: String, _ keyPath: WritableKeyPath<Record, String?> & Sendable) -> FieldCodec {
        FieldCodec(key: key, isRequired: false, decode: { record, value, context in
            if let text = expectString(value, &context) { record[keyPath: keyPath] = text }
        }, encode: { record, writer in
            guard let text = record[keyPath: keyPath] else { return }
            writer.key(key)
            writer.string(text)
        })
    }

    static func strings(_ key: String, _ keyPath: WritableKeyPath<Record, [String]> & Sendable) -> FieldCodec {
        FieldCodec(key: key, isRequired: false, kind: .texts, decode: { record, value, context in
            guard case .array(let elements) = value else {
                context.report(.error, "must be an array of strings, not \(value.typeName)")
                return
            }
            var strings: [String] = []
            strings.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                context.within(.index(index)) { context in
                    if let text = expectString(element, &context) { strings.append(text) }
                }
            }
            record[keyPath: keyPath] = strings
        }, encode: { record, writer in
            writer.key(key)
            writer.beginArray()
            for text in record[keyPath: keyPath] {
                writer.element()
                writer.string(text)
            }
            writer.endArray()
        })
    }

    static func day(_ key: String, _ keyPath: WritableKeyPath<Record, Day?> & Sendable, required: Bool = false) -> FieldCodec {
        FieldCodec(key: key, isRequired: required, kind: .day, decode: { record, value, context in
            guard let text = expectString(value, &context) else { return }
            guard let day = Day(text) else {
                context.report(.error, "\"\(text)\" is not a date in the form YYYY-MM-DD")
                return
            }
            record[keyPath: keyPath] = day
        }, encode: { record, writer in
            guard let day = record[keyPath: keyPath] else { return }
            writer.key(key)
            writer.string(day.description)
        })
    }

    static func int(_ key: String, _ keyPath: WritableKeyPath<Record, Int?> & Sendable) -> FieldCodec {
        FieldCodec(key: key, isRequired: false, kind: .integer, decode: { record, value, context in
            if let number = expectInt(value, &context) { record[keyPath: keyPath] = number }
        }, encode: { record, writer in
            guard let number = record[keyPath: keyPath] else { return }
            writer.key(key)
            writer.int(number)
        })
    }

    static func object<Nested>(_ key: String, _ keyPath: WritableKeyPath<Record, Nested?> & Sendable,
                               _ codec: RecordCodec<Nested>, required: Bool = false) -> FieldCodec {
        FieldCodec(key: key, isRequired: required, kind: .object, decode: { record, value, context in
            if let nested = codec.decode(value, &context) { record[keyPath: keyPath] = nested }
        }, encode: { record, writer in
            guard let nested = record[keyPath: keyPath] else { return }
            writer.key(key)
            codec.encode(nested, into: &writer)
        })
    }

    static func records<Nested>(_ key: String, _ keyPath: WritableKeyPath<Record, [Nested]> & Sendable,
                                _ codec: RecordCodec<Nested>) -> FieldCodec {
        FieldCodec(key: key, isRequired: false, kind: .records, decode: { record, value, context in
            guard case .array(let elements) = value else {
                context.report(.error, "must be an array, not \(value.typeName)")
                return
            }
            var records: [Nested] = []
            records.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                context.within(.index(index)) { context in
                    if let nested = codec.decode(element, &context) { records.append(nested) }
                }
            }
            record[keyPath: keyPath] = records
        }, encode: { record, writer in
            writer.key(key)
            writer.beginArray()
            for nested in record[keyPath: keyPath] {
                writer.element()
                codec.encode(nested, into: &writer)
            }
            writer.endArray()
        })
    }
}

private func expectString(_ value: JSONValue, _ context: inout DecodeContext) -> String? {
    guard case .string(let text) = value else {
        context.report(.error, "must be a string, not \(value.typeName)")
        return nil
    }
    return text
}

private func expectInt(_ value: JSONValue, _ context: inout DecodeContext) -> Int? {
    guard case .number(let text) = value else {
        context.report(.error, "must be a whole number, not \(value.typeName)")
        return nil
    }
    guard let number = Int(text) else {
        context.report(.error, "\(text) is not a whole number")
        return nil
    }
    return number
}

// MARK: - The format's tables

enum Codecs {
    static let institution = RecordCodec<Institution>(fields: [
        .string("name", \.name),
        .optionalString("shortName", \.shortName),
        .string("country", \.country),
        .optionalString("city", \.city),
        .optionalString("erasmusCode", \.erasmusCode),
        .optionalString("website", \.website),
    ], extra: \.extra, make: Institution.init)

    static let quota = RecordCodec<Quota>(fields: [
        .int("incoming", \.incoming),
        .int("outgoing", \.outgoing),
    ], extra: \.extra, make: { Quota() })

    static let agreement = RecordCodec<Agreement>(fields: [
        .string("id", \.id),
        .string("kind", \.kind),
        .day("start", \.start),
        .day("end", \.end),
        .object("quota", \.quota, quota),
        .strings("subjectAreas", \.subjectAreas),
        .optionalString("notes", \.notes),
    ], extra: \.extra, make: Agreement.init)

    static let partner = RecordCodec<Partner>(fields: [
        .string("id", \.id),
        .string("name", \.name),
        .optionalString("localName", \.localName),
        .optionalString("shortName", \.shortName),
        .string("country", \.country),
        .optionalString("city", \.city),
        .optionalString("website", \.website),
        .optionalString("erasmusCode", \.erasmusCode),
        .optionalString("schacCode", \.schacCode),
        .string("partnershipType", \.partnershipType),
        .string("status", \.status),
        .day("since", \.since),
        .records("agreements", \.agreements, agreement),
        .strings("contactIds", \.contactIds),
        .strings("objectiveIds", \.objectiveIds),
        .strings("tags", \.tags),
        .optionalString("notes", \.notes),
        .optionalString("updatedAt", \.updatedAt),
        .optionalString("updatedBy", \.updatedBy),
    ], extra: \.extra, make: Partner.init)

    static let objective = RecordCodec<Objective>(fields: [
        .string("id", \.id),
        .string("title", \.title),
        .optionalString("description", \.description),
        .int("order", \.order),
    ], extra: \.extra, make: Objective.init)

    static let event = RecordCodec<Event>(fields: [
        .string("id", \.id),
        .string("title", \.title),
        .optionalString("kind", \.kind),
        .day("start", \.start, required: true),
        .day("end", \.end),
        .optionalString("location", \.location),
        .optionalString("description", \.description),
        .strings("partnerIds", \.partnerIds),
        .strings("contactIds", \.contactIds),
        .strings("objectiveIds", \.objectiveIds),
    ], extra: \.extra, make: Event.init)

    static let contact = RecordCodec<Contact>(fields: [
        .string("id", \.id),
        .string("name", \.name),
        .optionalString("role", \.role),
        .optionalString("unit", \.unit),
        .optionalString("email", \.email),
        .optionalString("phone", \.phone),
        .optionalString("partnerId", \.partnerId),
        .optionalString("notes", \.notes),
    ], extra: \.extra, make: Contact.init)

    static let network = RecordCodec<Network>(fields: [
        .int("schemaVersion", \.optionalSchemaVersion),
        .object("institution", \.optionalInstitution, institution, required: true),
        .records("partners", \.partners, partner),
        .records("objectives", \.objectives, objective),
        .records("events", \.events, event),
        .records("contacts", \.contacts, contact),
    ], extra: \.extra, make: { var network = Network(); network.schemaVersion = 0; return network })
}

extension Network {
    /// Views for the codec table, which works with optional top-level values.
    var optionalSchemaVersion: Int? {
        get { schemaVersion == 0 ? nil : schemaVersion }
        set { schemaVersion = newValue ?? 0 }
    }

    var optionalInstitution: Institution? {
        get { institution }
        set { institution = newValue ?? Institution() }
    }
}
