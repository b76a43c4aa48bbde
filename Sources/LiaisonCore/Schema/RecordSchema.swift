/// How each kind of record is declared: its fields in the format's canonical key order, each with
/// its JSON key, a label for people, a type (which says the allowed values, the kind a link points
/// to, and whether it holds one value or a list) and whether it is required. One table per kind
/// (`Schemas`, in SchemaTables.swift) serves reading, writing, validation, `set`, the forms, the
/// detail text, export columns and merging, so each of those decisions is made in one place.

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

/// What a field holds: how it is read from text, checked, shown, edited and merged.
public enum FieldType: Equatable, Sendable {
    /// The record's id: lower-case letters and digits, then also `. _ -`; fixed once made.
    case id
    case text
    /// Text that may hold line breaks.
    case notes
    /// A list of free words (tags).
    case words
    /// One of a fixed list of values.
    case choice([String])
    /// An ISO 3166-1 alpha-2 code.
    case country
    /// An http(s) URL.
    case url
    case email
    /// An Erasmus institution code, `PL KRAKOW01`.
    case erasmusCode
    case day
    /// A whole number, 0 or more.
    case count
    /// A whole number, 1 or more (mobilities per year).
    case positiveCount
    case integer
    /// When a record last changed: set by Liaison, never typed.
    case timestamp
    /// Who changed a record last: set by Liaison, never typed.
    case editor
    /// The id of one record of a kind.
    case link(RecordKind)
    /// Ids of records of a kind.
    case links(RecordKind)
    /// ISCED-F 2013 codes of four digits.
    case subjectAreas
    /// One ISCED-F 2013 code of four digits.
    case isced
    /// Yes or no (`true`, `false`).
    case flag
    /// A decimal number 0 or more, kept as written (`4.5`).
    case decimal
    /// An academic year, `2026/2027`.
    case academicYear
    /// A language tag, `en`, `pt-BR`.
    case language
    /// A Participant Identification Code: 9 digits.
    case pic
    /// EQF levels, whole numbers 1 to 8.
    case eqfLevels
    /// A nested object (an agreement's quota).
    case object
    /// A list of nested records (a partner's agreements).
    case records

    /// Whether the field holds a list, written comma-separated as text.
    public var isList: Bool {
        switch self {
        case .words, .links, .subjectAreas, .eqfLevels: true
        default: false
        }
    }

    /// Kept by the program (who changed a record and when): never asked, never a conflict.
    public var isBookkeeping: Bool { self == .timestamp || self == .editor }

    /// Whether a person edits the field as one line of text (a form field, `set KEY=VALUE`).
    public var isEditableAsText: Bool {
        switch self {
        case .id, .timestamp, .editor, .object, .records: false
        default: true
        }
    }

    /// The kind of record a link field names.
    public var linkedKind: RecordKind? {
        switch self {
        case .link(let kind), .links(let kind): kind
        default: nil
        }
    }

    /// The values a field of fixed values allows.
    public var allowedValues: [String]? {
        if case .choice(let values) = self { return values }
        return nil
    }
}

/// What front ends need to know of a field: the table's entry without the coding closures.
public struct FieldInfo: Equatable, Sendable {
    public let key: String
    public let label: String
    public let type: FieldType
    public let isRequired: Bool
    /// The fields of a nested object or of each nested record (a quota's, an agreement's).
    public var nested: [FieldInfo] = []
}

/// A class, not a struct: the decoder looks fields up for every key of every record, and a
/// reference is one retain where a struct of four closures and its info would be many.
final class SchemaField<Record>: Sendable {
    let info: FieldInfo
    /// Reads a non-null value into the record; reports a wrong type at the context's path.
    let decode: @Sendable (inout Record, JSONValue, inout DecodeContext) -> Void
    /// Writes `"key": value`, or nothing when the value is absent.
    let encode: @Sendable (Record, inout JSONWriter) -> Void
    /// The value as text: one item for a single value, one per element of a list, none when absent.
    let texts: @Sendable (Record) -> [String]
    /// Checks the value by the rules of the field's type (nested records by their own tables).
    let check: @Sendable (Record, inout Issues) -> Void

    var key: String { info.key }
    var isRequired: Bool { info.isRequired }
    var type: FieldType { info.type }

    init(_ key: String, _ label: String, _ type: FieldType, required: Bool, nested: [FieldInfo] = [],
         decode: @escaping @Sendable (inout Record, JSONValue, inout DecodeContext) -> Void,
         encode: @escaping @Sendable (Record, inout JSONWriter) -> Void,
         texts: @escaping @Sendable (Record) -> [String],
         check: @escaping @Sendable (Record, inout Issues) -> Void) {
        self.info = FieldInfo(key: key, label: label, type: type, isRequired: required, nested: nested)
        self.decode = decode
        self.encode = encode
        self.texts = texts
        self.check = check
    }
}

struct RecordSchema<Record>: Sendable {
    let fields: [SchemaField<Record>]
    let extra: WritableKeyPath<Record, JSONObject> & Sendable
    let make: @Sendable () -> Record
    /// Rules about more than one field of a record (an end not before its start).
    var rules: @Sendable (Record, inout Issues) -> Void = { _, _ in }

    var infos: [FieldInfo] { fields.map(\.info) }

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

    /// Every problem of one record by its fields' types and its rules; paths relative to the record.
    func check(_ record: Record, into issues: inout Issues) {
        for field in fields { field.check(record, &issues) }
        rules(record, &issues)
    }

    /// The record as a JSON object, for editing and merging it key by key (unknown keys included).
    func object(of record: Record) -> JSONObject {
        var writer = JSONWriter(capacity: 1_024)
        encode(record, into: &writer)
        guard case .object(let object)? = try? JSONReader.parse(writer.bytes) else { return JSONObject() }
        return object
    }
}

// MARK: - Field builders

extension SchemaField {
    static func required(_ key: String, _ label: String, _ type: FieldType = .text,
                         _ keyPath: WritableKeyPath<Record, String> & Sendable) -> SchemaField {
        SchemaField(key, label, type, required: true, decode: { record, value, context in
            if let text = expectString(value, &context) { record[keyPath: keyPath] = text }
        }, encode: { record, writer in
            writer.key(key)
            writer.string(record[keyPath: keyPath])
        }, texts: { [$0[keyPath: keyPath]] }, check: { record, issues in
            let value = record[keyPath: keyPath]
            if type != .id, value.allSatisfy(\.isWhitespace) {
                issues.add(.error, key, "is required and may not be empty")
            } else {
                FieldRules.check(value, type, at: key, &issues)
            }
        })
    }

    static func optional(_ key: String, _ label: String, _ type: FieldType = .text,
                         _ keyPath: WritableKeyPath<Record, String?> & Sendable) -> SchemaField {
        SchemaField(key, label, type, required: false, decode: { record, value, context in
            if let text = expectString(value, &context) { record[keyPath: keyPath] = text }
        }, encode: { record, writer in
            guard let text = record[keyPath: keyPath] else { return }
            writer.key(key)
            writer.string(text)
        }, texts: { $0[keyPath: keyPath].map { [$0] } ?? [] }, check: { record, issues in
            if let value = record[keyPath: keyPath] { FieldRules.check(value, type, at: key, &issues) }
        })
    }

    static func list(_ key: String, _ label: String, _ type: FieldType,
                     _ keyPath: WritableKeyPath<Record, [String]> & Sendable) -> SchemaField {
        SchemaField(key, label, type, required: false, decode: { record, value, context in
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
        }, texts: { $0[keyPath: keyPath] }, check: { record, issues in
            for (index, value) in record[keyPath: keyPath].enumerated() {
                FieldRules.check(value, type, at: "\(key)[\(index)]", &issues)
            }
        })
    }

    static func day(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, Day?> & Sendable,
                    required: Bool = false) -> SchemaField {
        SchemaField(key, label, .day, required: required, decode: { record, value, context in
            guard let text = expectString(value, &context) else { return }
            guard let day = Day(text) else {
                context.report(.error, "\"\(text)\" is not a date: YYYY-MM-DD, a real day of the calendar")
                return
            }
            record[keyPath: keyPath] = day
        }, encode: { record, writer in
            guard let day = record[keyPath: keyPath] else { return }
            writer.key(key)
            writer.string(day.description)
        }, texts: { $0[keyPath: keyPath].map { [$0.description] } ?? [] }, check: { record, issues in
            if required, record[keyPath: keyPath] == nil { issues.add(.error, key, "is required (YYYY-MM-DD)") }
        })
    }

    static func int(_ key: String, _ label: String, _ type: FieldType = .integer,
                    _ keyPath: WritableKeyPath<Record, Int?> & Sendable) -> SchemaField {
        SchemaField(key, label, type, required: false, decode: { record, value, context in
            if let number = expectInt(value, &context) { record[keyPath: keyPath] = number }
        }, encode: { record, writer in
            guard let number = record[keyPath: keyPath] else { return }
            writer.key(key)
            writer.int(number)
        }, texts: { $0[keyPath: keyPath].map { [String($0)] } ?? [] }, check: { record, issues in
            if type == .count, let value = record[keyPath: keyPath], value < 0 {
                issues.add(.error, key, "\(value) is negative; quotas count people and are 0 or more")
            }
            if type == .positiveCount, let value = record[keyPath: keyPath], value < 1 {
                issues.add(.error, key, "\(value) is not a whole number of 1 or more")
            }
        })
    }

    static func flag(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, Bool?> & Sendable) -> SchemaField {
        SchemaField(key, label, .flag, required: false, decode: { record, value, context in
            guard case .bool(let flag) = value else {
                context.report(.error, "must be true or false, not \(value.typeName)")
                return
            }
            record[keyPath: keyPath] = flag
        }, encode: { record, writer in
            guard let flag = record[keyPath: keyPath] else { return }
            writer.key(key)
            writer.bool(flag)
        }, texts: { $0[keyPath: keyPath].map { [$0 ? "yes" : "no"] } ?? [] }, check: { _, _ in })
    }

    /// A decimal number kept as its JSON text, so that `4.50` stays `4.50`.
    static func decimal(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, String?> & Sendable) -> SchemaField {
        SchemaField(key, label, .decimal, required: false, decode: { record, value, context in
            guard case .number(let text) = value else {
                context.report(.error, "must be a number, not \(value.typeName)")
                return
            }
            record[keyPath: keyPath] = text
        }, encode: { record, writer in
            guard let text = record[keyPath: keyPath] else { return }
            writer.key(key)
            writer.rawNumber(text)
        }, texts: { $0[keyPath: keyPath].map { [$0] } ?? [] }, check: { record, issues in
            if let value = record[keyPath: keyPath] { FieldRules.check(value, .decimal, at: key, &issues) }
        })
    }

    static func numbers(_ key: String, _ label: String, _ type: FieldType, _ keyPath: WritableKeyPath<Record, [Int]> & Sendable) -> SchemaField {
        SchemaField(key, label, type, required: false, decode: { record, value, context in
            guard case .array(let elements) = value else {
                context.report(.error, "must be an array of whole numbers, not \(value.typeName)")
                return
            }
            var numbers: [Int] = []
            for (index, element) in elements.enumerated() {
                context.within(.index(index)) { context in
                    if let number = expectInt(element, &context) { numbers.append(number) }
                }
            }
            record[keyPath: keyPath] = numbers
        }, encode: { record, writer in
            writer.key(key)
            writer.beginArray()
            for number in record[keyPath: keyPath] {
                writer.element()
                writer.int(number)
            }
            writer.endArray()
        }, texts: { $0[keyPath: keyPath].map(String.init) }, check: { record, issues in
            for (index, value) in record[keyPath: keyPath].enumerated() {
                FieldRules.check(String(value), type, at: "\(key)[\(index)]", &issues)
            }
        })
    }

    static func object<Nested>(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, Nested?> & Sendable,
                               _ schema: RecordSchema<Nested>, required: Bool = false) -> SchemaField {
        SchemaField(key, label, .object, required: required, nested: schema.infos, decode: { record, value, context in
            if let nested = schema.decode(value, &context) { record[keyPath: keyPath] = nested }
        }, encode: { record, writer in
            guard let nested = record[keyPath: keyPath] else { return }
            writer.key(key)
            schema.encode(nested, into: &writer)
        }, texts: { _ in [] }, check: { record, issues in
            guard let nested = record[keyPath: keyPath] else { return }
            issues.within(key + ".") { schema.check(nested, into: &$0) }
        })
    }

    static func records<Nested>(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, [Nested]> & Sendable,
                                _ schema: RecordSchema<Nested>) -> SchemaField {
        SchemaField(key, label, .records, required: false, nested: schema.infos, decode: { record, value, context in
            guard case .array(let elements) = value else {
                context.report(.error, "must be an array, not \(value.typeName)")
                return
            }
            var records: [Nested] = []
            records.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                context.within(.index(index)) { context in
                    if let nested = schema.decode(element, &context) { records.append(nested) }
                }
            }
            record[keyPath: keyPath] = records
        }, encode: { record, writer in
            writer.key(key)
            writer.beginArray()
            for nested in record[keyPath: keyPath] {
                writer.element()
                schema.encode(nested, into: &writer)
            }
            writer.endArray()
        }, texts: { _ in [] }, check: { record, issues in
            let list = record[keyPath: keyPath]
            for index in list.indices {
                issues.within("\(key)[\(index)].") { schema.check(list[index], into: &$0) }
            }
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

/// Collects one record's problems under a path prefix. A path is made only for a problem: most
/// records have none.
struct Issues {
    var list: [Diagnostic] = []
    var prefix = ""

    mutating func add(_ severity: Diagnostic.Severity, _ field: String, _ message: String, refusesInput: Bool = false) {
        list.append(Diagnostic(severity, path: prefix + field, message, refusesInput: refusesInput))
    }

    /// Problems of a nested value, under `prefix` (`agreements[0].`). The prefix is made only
    /// when there is a problem: a load checks every agreement of every partner.
    mutating func within(_ prefix: @autoclosure () -> String, _ body: (inout Issues) -> Void) {
        var nested = Issues()
        body(&nested)
        guard !nested.list.isEmpty else { return }
        let path = self.prefix + prefix()
        for var diagnostic in nested.list {
            diagnostic.path = path + diagnostic.path
            list.append(diagnostic)
        }
    }
}
