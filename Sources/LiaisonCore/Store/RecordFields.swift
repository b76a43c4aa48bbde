/// A record's fields as labelled text, in the table's order, for detail views in the CLI and the
/// dashboard. Absent values are left out; the name or title is the heading, and agreements and
/// links are shown separately.
public enum RecordFields {
    public struct Field: Equatable, Sendable {
        public var label: String
        public var value: String
        /// The JSON key a form edits this field by, for fields that can be edited.
        public var key: String?
    }

    public static func of(_ record: Record) -> [Field] {
        var fields: [Field] = []
        func add(_ label: String, _ value: String, key: String? = nil) {
            if !value.isEmpty { fields.append(Field(label: label, value: value, key: key)) }
        }
        let headingKey = record.kind == .objective || record.kind == .event ? "title" : "name"
        var stamp: [String] = []
        for field in Schema.fields(of: record.kind) where field.key != headingKey {
            let text = RecordText.text(of: record, key: field.key)
            switch field.type {
            case .links, .link, .records, .object:
                continue
            case .id:
                add(field.label, text)
            case .timestamp:
                if !text.isEmpty { stamp.append(text) }
            case .editor:
                if !text.isEmpty { stamp.append("by \(text)") }
            case .country:
                add(field.label, Country.named(code: text).map { "\(text) \($0.name) (\($0.region))" } ?? text, key: field.key)
            default:
                add(field.label, text, key: field.key)
            }
        }
        add("Updated", stamp.joined(separator: " "))
        for member in extra(of: record).members {
            add(member.key, Self.text(of: member.value))
        }
        return fields
    }

    private static func extra(of record: Record) -> JSONObject {
        switch record {
        case .partner(let partner): partner.extra
        case .objective(let objective): objective.extra
        case .event(let event): event.extra
        case .contact(let contact): contact.extra
        }
    }

    /// Short text for a value the program does not know the meaning of.
    static func text(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let text): text
        case .array(let elements): elements.map(text(of:)).joined(separator: RecordText.listSeparator)
        case .object(let object): object.members.map { "\($0.key): \(text(of: $0.value))" }.joined(separator: RecordText.listSeparator)
        }
    }
}
