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

    /// Whether the same values come back record after record (a choice's, a save's stamp): a
    /// load then keeps one String of each (`JSONCursor.expectString(sharing:)`).
    var valuesRepeat: Bool {
        switch self {
        case .choice, .timestamp: true
        default: false
        }
    }

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
    /// The key's bytes, compared with a key's bytes in the file without making a string.
    let keyBytes: [UInt8]
    /// Reads a non-null value at the cursor into the record; reports a wrong type at the
    /// cursor's path and skips the value.
    let decode: @Sendable (inout Record, inout JSONCursor) throws(JSONSyntaxError) -> Void
    /// Writes `"key": value`, or nothing when the value is absent.
    let encode: @Sendable (Record, inout JSONWriter) -> Void
    /// The value as text: one item for a single value, one per element of a list, none when
    /// absent. Read through the record's address: a closure handed the record itself gets a
    /// copy of it (a retain and a release of every field), which a load paid for every link.
    private let textsInPlace: @Sendable (UnsafePointer<Record>) -> [String]
    /// Checks the value by the rules of the field's type (nested records by their own tables).
    let check: @Sendable (Record, inout Issues) -> Void

    var key: String { info.key }

    func texts(_ record: borrowing Record) -> [String] {
        withUnsafePointer(to: record) { textsInPlace($0) }
    }

    /// A record in a list, read where it lies.
    func texts(at record: UnsafePointer<Record>) -> [String] {
        textsInPlace(record)
    }
    var isRequired: Bool { info.isRequired }
    var type: FieldType { info.type }

    init(_ key: String, _ label: String, _ type: FieldType, required: Bool, nested: [FieldInfo] = [],
         decode: @escaping @Sendable (inout Record, inout JSONCursor) throws(JSONSyntaxError) -> Void,
         encode: @escaping @Sendable (Record, inout JSONWriter) -> Void,
         texts: @escaping @Sendable (UnsafePointer<Record>) -> [String],
         check: @escaping @Sendable (Record, inout Issues) -> Void) {
        self.info = FieldInfo(key: key, label: label, type: type, isRequired: required, nested: nested)
        self.keyBytes = Array(key.utf8)
        self.decode = decode
        self.encode = encode
        self.textsInPlace = texts
        self.check = check
    }
}

struct RecordSchema<Record>: Sendable {
    let fields: [SchemaField<Record>]
    /// The same fields without reference counting, for the decoder's inner loop, which would
    /// otherwise retain and release a field and its closure for every value of every record
    /// (a fifth of a load's time). `fields` keeps them alive as long as the schema.
    private let unretainedFields: [Unmanaged<SchemaField<Record>>]
    /// The keys no field knows, kept as they were.
    let extra: FieldSlot<Record, JSONObject>
    let make: @Sendable () -> Record
    /// Rules about more than one field of a record (an end not before its start).
    var rules: @Sendable (Record, inout Issues) -> Void
    /// Which fields the writer writes even when the file has no key for them (lists, as `[]`):
    /// a record missing one of those keys is not in canonical form.
    let writtenWhenAbsent: [Bool]

    init(fields: [SchemaField<Record>], extra: WritableKeyPath<Record, JSONObject> & Sendable,
         make: @escaping @Sendable () -> Record, rules: @escaping @Sendable (Record, inout Issues) -> Void = { _, _ in }) {
        precondition(fields.count <= 64, "seen fields are kept in 64 bits")
        self.fields = fields
        self.unretainedFields = fields.map { Unmanaged.passUnretained($0) }
        self.extra = FieldSlot(extra)
        self.make = make
        self.rules = rules
        // What the writer makes of an empty record says which keys it always writes.
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        let empty = make()
        self.writtenWhenAbsent = fields.map { field in
            let before = writer.bytes.count
            field.encode(empty, &writer)
            return writer.bytes.count != before
        }
    }

    var infos: [FieldInfo] { fields.map(\.info) }

    /// Reads one record at the cursor. Broken JSON is thrown; wrong types and missing keys are
    /// reported on the cursor, and the record is read as far as it can be.
    func decode(_ cursor: inout JSONCursor) throws(JSONSyntaxError) -> Record? {
        guard try cursor.expect(.object, "an object") else { return nil }
        var record = make()
        var seen: UInt64 = 0
        var hasExtra = false
        var keysInTableOrder = true
        let begun = cursor.topLevel.values.beginRecord()
        // Files Liaison wrote have their keys in table order: try the next field first, and
        // search the table only when that guess is wrong.
        var expected = 0
        if try cursor.beginObject() {
            repeat {
                let key = try cursor.readKey()
                if let index = fieldIndex(of: key, guess: expected, in: cursor.bytes) {
                    guard seen & (1 << index) == 0 else { throw cursor.duplicateKey(key) }
                    seen |= 1 << index
                    // The writer writes the table's order, unknown keys last.
                    if index < expected { keysInTableOrder = false }
                    if index < expected || hasExtra { cursor.isCanonical = false }
                    expected = index + 1
                    cursor.topLevel.values.field = index
                    try cursor.readColon(after: key)
                    if try cursor.peekKind() == .null {
                        try cursor.readNull()
                        cursor.isCanonical = false
                        if fields[index].isRequired { cursor.report(.error, "is required and may not be null") }
                    } else {
                        var failure: JSONSyntaxError?
                        unretainedFields[index]._withUnsafeGuaranteedRef { field in
                            do throws(JSONSyntaxError) { try field.decode(&record, &cursor) } catch { failure = error }
                        }
                        if let failure { throw failure }
                    }
                } else {
                    let text = key.string(in: cursor)
                    // Only unknown keys can repeat an unknown key: compared among themselves.
                    for member in extra.get(record).members where member.key == text {
                        throw cursor.duplicateKey(key)
                    }
                    try cursor.readColon(after: key)
                    record[keyPath: extra.keyPath].members.append(JSONObject.Member(text, try cursor.readValue()))
                    hasExtra = true
                }
            } while try cursor.nextMember()
        }
        if seen != (fields.count == 64 ? ~0 : (1 << fields.count) - 1) {
            for index in fields.indices where seen & (1 << index) == 0 {
                if fields[index].isRequired {
                    cursor.pathStack.append(.name(fields[index].key))
                    cursor.report(.error, "is required but missing")
                    cursor.pathStack.removeLast()
                } else if writtenWhenAbsent[index] {
                    cursor.isCanonical = false
                }
            }
        }
        if cursor.topLevel.values.isOn {
            // The record's rules come after its fields' problems.
            cursor.topLevel.values.field = fields.count
            cursor.checkRecord(record, rules)
            cursor.topLevel.values.endRecord(begun, keysInTableOrder: keysInTableOrder)
        }
        return record
    }

    private func fieldIndex(of key: JSONCursor.Key, guess: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        func matches(_ index: Int) -> Bool {
            unretainedFields[index]._withUnsafeGuaranteedRef { key.matches($0.keyBytes, in: bytes) }
        }
        if guess < fields.count, matches(guess) { return guess }
        return fields.indices.first(where: matches)
    }

    /// Reads a record from a JSON value (a journal's line, a merged object), by writing it and
    /// reading the bytes: one decoder for files and values. Paths start at the context's.
    func decode(_ value: JSONValue, _ context: inout DecodeContext) -> Record? {
        var writer = JSONWriter(capacity: 1_024, compact: true)
        writer.value(value)
        return writer.bytes.withUnsafeBufferPointer { bytes -> Record? in
            var cursor = JSONCursor(bytes: bytes)
            cursor.basePath = context.path
            defer { context.diagnostics += cursor.diagnostics }
            do {
                return try self.decode(&cursor)
            } catch let error as JSONSyntaxError {
                // Only a value made by hand can get here (a key twice in one object).
                context.report(.error, error.message)
                return nil
            } catch {
                return nil
            }
        }
    }

    func encode(_ record: Record, into writer: inout JSONWriter) {
        writer.beginObject()
        for field in fields { field.encode(record, &writer) }
        writer.members(extra.get(record))
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
        // One rule for a value read from a file and one already in a record.
        @Sendable func check(_ value: String, at path: String, _ issues: inout Issues) {
            if type != .id, isBlank(value) {
                issues.add(.error, path, "is required and may not be empty")
            } else {
                FieldRules.check(value, type, at: path, &issues)
            }
        }
        let slot = FieldSlot(keyPath)
        let shares = type.valuesRepeat
        return SchemaField(key, label, type, required: true, decode: { record, cursor throws(JSONSyntaxError) in
            guard let text = try shares ? cursor.expectString(sharing: type) : cursor.expectString() else { return }
            cursor.checkValue { check(text, at: "", &$0) }
            slot.set(text, in: &record)
        }, encode: { record, writer in
            writer.key(key)
            writer.string(slot.get(record))
        }, texts: { [slot.get(at: $0)] }, check: { record, issues in
            check(slot.get(record), at: key, &issues)
        })
    }

    static func optional(_ key: String, _ label: String, _ type: FieldType = .text,
                         _ keyPath: WritableKeyPath<Record, String?> & Sendable) -> SchemaField {
        let slot = FieldSlot(keyPath)
        let shares = type.valuesRepeat
        return SchemaField(key, label, type, required: false, decode: { record, cursor throws(JSONSyntaxError) in
            guard let text = try shares ? cursor.expectString(sharing: type) : cursor.expectString() else { return }
            cursor.checkValue { FieldRules.check(text, type, at: "", &$0) }
            slot.set(text, in: &record)
        }, encode: { record, writer in
            guard let text = slot.get(record) else { return }
            writer.key(key)
            writer.string(text)
        }, texts: { slot.get(at: $0).map { [$0] } ?? [] }, check: { record, issues in
            if let value = slot.get(record) { FieldRules.check(value, type, at: key, &issues) }
        })
    }

    static func list(_ key: String, _ label: String, _ type: FieldType,
                     _ keyPath: WritableKeyPath<Record, [String]> & Sendable) -> SchemaField {
        let slot = FieldSlot(keyPath)
        return SchemaField(key, label, type, required: false, decode: { record, cursor throws(JSONSyntaxError) in
            guard try cursor.expectArray("an array of strings") else { return }
            var strings: [String] = []
            try cursor.readElements { cursor throws(JSONSyntaxError) in
                guard let text = try cursor.expectString() else { return }
                cursor.checkValue { FieldRules.check(text, type, at: "", &$0) }
                strings.append(text)
            }
            slot.set(strings, in: &record)
        }, encode: { record, writer in
            writer.key(key)
            writer.beginArray()
            for text in slot.get(record) {
                writer.element()
                writer.string(text)
            }
            writer.endArray()
        }, texts: { slot.get(at: $0) }, check: { record, issues in
            for (index, value) in slot.get(record).enumerated() {
                FieldRules.check(value, type, at: "\(key)[\(index)]", &issues)
            }
        })
    }

    static func day(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, Day?> & Sendable,
                    required: Bool = false) -> SchemaField {
        let slot = FieldSlot(keyPath)
        return SchemaField(key, label, .day, required: required, decode: { record, cursor throws(JSONSyntaxError) in
            if let day = try cursor.expectDay() { slot.set(day, in: &record) }
        }, encode: { record, writer in
            guard let day = slot.get(record) else { return }
            writer.key(key)
            writer.string(day.description)
        }, texts: { slot.get(at: $0).map { [$0.description] } ?? [] }, check: { record, issues in
            if required, slot.get(record) == nil { issues.add(.error, key, "is required (YYYY-MM-DD)") }
        })
    }

    static func int(_ key: String, _ label: String, _ type: FieldType = .integer,
                    _ keyPath: WritableKeyPath<Record, Int?> & Sendable) -> SchemaField {
        @Sendable func check(_ value: Int, at path: String, _ issues: inout Issues) {
            if type == .count, value < 0 {
                issues.add(.error, path, "\(value) is negative; quotas count people and are 0 or more")
            }
            if type == .positiveCount, value < 1 {
                issues.add(.error, path, "\(value) is not a whole number of 1 or more")
            }
        }
        let slot = FieldSlot(keyPath)
        return SchemaField(key, label, type, required: false, decode: { record, cursor throws(JSONSyntaxError) in
            guard let number = try cursor.expectInt() else { return }
            cursor.checkValue { check(number, at: "", &$0) }
            slot.set(number, in: &record)
        }, encode: { record, writer in
            guard let number = slot.get(record) else { return }
            writer.key(key)
            writer.int(number)
        }, texts: { slot.get(at: $0).map { [String($0)] } ?? [] }, check: { record, issues in
            if let value = slot.get(record) { check(value, at: key, &issues) }
        })
    }

    static func flag(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, Bool?> & Sendable) -> SchemaField {
        let slot = FieldSlot(keyPath)
        return SchemaField(key, label, .flag, required: false, decode: { record, cursor throws(JSONSyntaxError) in
            guard try cursor.expect(.bool, "true or false") else { return }
            slot.set(try cursor.readBool(), in: &record)
        }, encode: { record, writer in
            guard let flag = slot.get(record) else { return }
            writer.key(key)
            writer.bool(flag)
        }, texts: { slot.get(at: $0).map { [$0 ? "yes" : "no"] } ?? [] }, check: { _, _ in })
    }

    /// A decimal number kept as its JSON text, so that `4.50` stays `4.50`.
    static func decimal(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, String?> & Sendable) -> SchemaField {
        let slot = FieldSlot(keyPath)
        return SchemaField(key, label, .decimal, required: false, decode: { record, cursor throws(JSONSyntaxError) in
            guard try cursor.expect(.number, "a number") else { return }
            let text = try cursor.readNumber()
            cursor.checkValue { FieldRules.check(text, .decimal, at: "", &$0) }
            slot.set(text, in: &record)
        }, encode: { record, writer in
            guard let text = slot.get(record) else { return }
            writer.key(key)
            writer.rawNumber(text)
        }, texts: { slot.get(at: $0).map { [$0] } ?? [] }, check: { record, issues in
            if let value = slot.get(record) { FieldRules.check(value, .decimal, at: key, &issues) }
        })
    }

    static func numbers(_ key: String, _ label: String, _ type: FieldType, _ keyPath: WritableKeyPath<Record, [Int]> & Sendable) -> SchemaField {
        let slot = FieldSlot(keyPath)
        return SchemaField(key, label, type, required: false, decode: { record, cursor throws(JSONSyntaxError) in
            guard try cursor.expectArray("an array of whole numbers") else { return }
            var numbers: [Int] = []
            try cursor.readElements { cursor throws(JSONSyntaxError) in
                guard let number = try cursor.expectInt() else { return }
                cursor.checkValue { FieldRules.check(String(number), type, at: "", &$0) }
                numbers.append(number)
            }
            slot.set(numbers, in: &record)
        }, encode: { record, writer in
            writer.key(key)
            writer.beginArray()
            for number in slot.get(record) {
                writer.element()
                writer.int(number)
            }
            writer.endArray()
        }, texts: { slot.get(at: $0).map(String.init) }, check: { record, issues in
            for (index, value) in slot.get(record).enumerated() {
                FieldRules.check(String(value), type, at: "\(key)[\(index)]", &issues)
            }
        })
    }

    static func object<Nested>(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, Nested?> & Sendable,
                               _ schema: RecordSchema<Nested>, required: Bool = false) -> SchemaField {
        let slot = FieldSlot(keyPath)
        return SchemaField(key, label, .object, required: required, nested: schema.infos, decode: { record, cursor throws(JSONSyntaxError) in
            if let nested = try schema.decode(&cursor) { slot.set(nested, in: &record) }
        }, encode: { record, writer in
            guard let nested = slot.get(record) else { return }
            writer.key(key)
            schema.encode(nested, into: &writer)
        }, texts: { _ in [] }, check: { record, issues in
            guard let nested = slot.get(record) else { return }
            issues.within(key + ".") { schema.check(nested, into: &$0) }
        })
    }

    static func records<Nested>(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, [Nested]> & Sendable,
                                _ schema: RecordSchema<Nested>) -> SchemaField {
        records(key, label, keyPath, schema, readList: { cursor, records throws(JSONSyntaxError) in
            try cursor.readElements { cursor throws(JSONSyntaxError) in
                if let nested = try schema.decode(&cursor) { records.append(nested) }
            }
        }, encodeElement: { list, index, writer in schema.encode(list[index], into: &writer) })
    }

    /// A list of records of a kind at the top of the file: each is checked by its own rules as
    /// it is read (its problems kept apart, after the file's own), and where its bytes are and
    /// whether they are canonical is noted for the save (SourceText).
    static func topLevel<Nested: Identified & Sendable>(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, [Nested]> & Sendable,
                                             _ schema: RecordSchema<Nested>, kind: RecordKind, bytesPerRecord: Int? = nil) -> SchemaField {
        records(key, label, keyPath, schema, readList: { cursor, records throws(JSONSyntaxError) in
            // Reserved once from the file's size: growing a list of 100,000 partners copies it
            // and makes malloc consolidate its free lists.
            records.reserveCapacity(bytesPerRecord.map { cursor.bytes.count / $0 } ?? 0)
            try cursor.readTopLevelRecords(kind, schema, into: &records)
        }, encodeElement: { list, index, writer in
            guard let reuse = writer.topLevelRecords else { return schema.encode(list[index], into: &writer) }
            let start = writer.position
            let id = list[index].recordId
            if let bytes = reuse.reusableBytes(kind, id: id, index: index) {
                writer.raw(bytes)
            } else if let replacement = reuse.replacement(for: id, as: Nested.self) {
                schema.encode(replacement, into: &writer)
            } else {
                schema.encode(list[index], into: &writer)
            }
            reuse.noteWritten(kind, id: id, range: start..<writer.position)
            writer.handOutIfFull()
        })
    }

    private static func records<Nested>(_ key: String, _ label: String, _ keyPath: WritableKeyPath<Record, [Nested]> & Sendable,
                                        _ schema: RecordSchema<Nested>,
                                        readList: @escaping @Sendable (inout JSONCursor, inout [Nested]) throws(JSONSyntaxError) -> Void,
                                        encodeElement: @escaping @Sendable ([Nested], Int, inout JSONWriter) -> Void) -> SchemaField {
        let slot = FieldSlot(keyPath)
        return SchemaField(key, label, .records, required: false, nested: schema.infos, decode: { record, cursor throws(JSONSyntaxError) in
            guard try cursor.expectArray("an array") else { return }
            var records: [Nested] = []
            try readList(&cursor, &records)
            slot.set(records, in: &record)
        }, encode: { record, writer in
            writer.key(key)
            writer.beginArray()
            // By index: binding each element would copy it (a retain per field).
            let list = slot.get(record)
            for index in list.indices {
                writer.element()
                encodeElement(list, index, &writer)
            }
            writer.endArray()
        }, texts: { _ in [] }, check: { record, issues in
            let list = slot.get(record)
            for index in list.indices {
                issues.within("\(key)[\(index)].") { schema.check(list[index], into: &$0) }
            }
        })
    }
}

/// Whether a text is empty or only whitespace; most values start with a letter, which settles
/// it at the first byte without looking at Unicode properties.
private func isBlank(_ text: String) -> Bool {
    guard let first = text.utf8.first else { return true }
    if first > 0x20, first < 0x7F { return false }
    return text.allSatisfy(\.isWhitespace)
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
