/// A record's fields as labelled text, in the format's order, for detail views in the CLI and
/// the dashboard. Absent values are left out; agreements and links are shown separately.
public enum RecordFields {
    public struct Field: Equatable, Sendable {
        public var label: String
        public var value: String
        /// The JSON key a form edits this field by, for fields that can be edited.
        public var key: String?
    }

    public static func of(_ record: Record) -> [Field] {
        var fields: [Field] = []
        func add(_ label: String, _ value: String?, key: String? = nil) {
            if let value, !value.isEmpty { fields.append(Field(label: label, value: value, key: key)) }
        }
        switch record {
        case .partner(let partner):
            add("Id", partner.id)
            add("Local name", partner.localName, key: "localName")
            add("Short name", partner.shortName, key: "shortName")
            add("Country", Country.named(code: partner.country).map { "\(partner.country) \($0.name) (\($0.region))" } ?? partner.country, key: "country")
            add("City", partner.city, key: "city")
            add("Website", partner.website, key: "website")
            add("Erasmus code", partner.erasmusCode, key: "erasmusCode")
            add("SCHAC code", partner.schacCode, key: "schacCode")
            add("Type", partner.partnershipType, key: "partnershipType")
            add("Status", partner.status, key: "status")
            add("Since", partner.since?.description, key: "since")
            add("Tags", partner.tags.joined(separator: ", "), key: "tags")
            add("Notes", partner.notes, key: "notes")
            add("Updated", [partner.updatedAt, partner.updatedBy.map { "by \($0)" }].compactMap { $0 }.joined(separator: " "))
        case .objective(let objective):
            add("Id", objective.id)
            add("Order", objective.order.map(String.init), key: "order")
            add("Description", objective.description, key: "description")
        case .event(let event):
            add("Id", event.id)
            add("Kind", event.kind, key: "kind")
            add("Start", event.start?.description, key: "start")
            add("End", event.end?.description, key: "end")
            add("Location", event.location, key: "location")
            add("Description", event.description, key: "description")
        case .contact(let contact):
            add("Id", contact.id)
            add("Role", contact.role, key: "role")
            add("Unit", contact.unit, key: "unit")
            add("E-mail", contact.email, key: "email")
            add("Phone", contact.phone, key: "phone")
            add("Notes", contact.notes, key: "notes")
        }
        let extra: JSONObject = switch record {
        case .partner(let partner): partner.extra
        case .objective(let objective): objective.extra
        case .event(let event): event.extra
        case .contact(let contact): contact.extra
        }
        for member in extra.members {
            add(member.key, Self.text(of: member.value))
        }
        return fields
    }

    /// Short text for a value the program does not know the meaning of.
    static func text(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let text): text
        case .array(let elements): elements.map(text(of:)).joined(separator: ", ")
        case .object(let object): object.members.map { "\($0.key): \(text(of: $0.value))" }.joined(separator: ", ")
        }
    }
}
