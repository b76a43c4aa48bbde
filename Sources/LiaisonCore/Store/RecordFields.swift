/// A record's fields as labelled text, in the format's order, for detail views in the CLI and
/// the dashboard. Absent values are left out; agreements and links are shown separately.
public enum RecordFields {
    public static func of(_ record: Record) -> [(label: String, value: String)] {
        var fields: [(label: String, value: String)] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append((label, value)) }
        }
        switch record {
        case .partner(let partner):
            add("Id", partner.id)
            add("Local name", partner.localName)
            add("Short name", partner.shortName)
            add("Country", Country.named(code: partner.country).map { "\(partner.country) \($0.name) (\($0.region))" } ?? partner.country)
            add("City", partner.city)
            add("Website", partner.website)
            add("Erasmus code", partner.erasmusCode)
            add("SCHAC code", partner.schacCode)
            add("Type", partner.partnershipType)
            add("Status", partner.status)
            add("Since", partner.since?.description)
            add("Tags", partner.tags.joined(separator: ", "))
            add("Notes", partner.notes)
            add("Updated", [partner.updatedAt, partner.updatedBy.map { "by \($0)" }].compactMap { $0 }.joined(separator: " "))
        case .objective(let objective):
            add("Id", objective.id)
            add("Order", objective.order.map(String.init))
            add("Description", objective.description)
        case .event(let event):
            add("Id", event.id)
            add("Kind", event.kind)
            add("Start", event.start?.description)
            add("End", event.end?.description)
            add("Location", event.location)
            add("Description", event.description)
        case .contact(let contact):
            add("Id", contact.id)
            add("Role", contact.role)
            add("Unit", contact.unit)
            add("E-mail", contact.email)
            add("Phone", contact.phone)
            add("Notes", contact.notes)
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
