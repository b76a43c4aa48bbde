/// The format's tables, one per kind of record (docs/data-format.md): the one place a field is
/// declared. Adding a field is a line here (and a property on the record's struct).
enum Schemas {
    static let institution = RecordSchema<Institution>(fields: [
        .required("name", "Name", .text, \.name),
        .optional("shortName", "Short name", .text, \.shortName),
        .required("country", "Country", .country, \.country),
        .optional("city", "City", .text, \.city),
        .optional("erasmusCode", "Erasmus code", .erasmusCode, \.erasmusCode),
        .optional("website", "Website", .url, \.website),
    ], extra: \.extra, make: Institution.init)

    static let quota = RecordSchema<Quota>(fields: [
        .int("incoming", "Incoming", .count, \.incoming),
        .int("outgoing", "Outgoing", .count, \.outgoing),
    ], extra: \.extra, make: { Quota() })

    static let agreement = RecordSchema<Agreement>(fields: [
        .required("id", "Id", .id, \.id),
        .required("kind", "Kind", .choice(Agreement.kinds), \.kind),
        .day("start", "Start", \.start),
        .day("end", "End", \.end),
        .day("signingDate", "Signed", \.signingDate),
        .object("quota", "Quota", \.quota, quota),
        .list("subjectAreas", "Subject areas", .subjectAreas, \.subjectAreas),
        .optional("notes", "Notes", .notes, \.notes),
    ], extra: \.extra, make: Agreement.init, rules: { agreement, issues in
        issues.order(start: agreement.start, end: agreement.end)
    })

    static let partner = RecordSchema<Partner>(fields: [
        .required("id", "Id", .id, \.id),
        .required("name", "Name", .text, \.name),
        .optional("localName", "Local name", .text, \.localName),
        .optional("shortName", "Short name", .text, \.shortName),
        .required("country", "Country", .country, \.country),
        .optional("city", "City", .text, \.city),
        .optional("website", "Website", .url, \.website),
        .optional("erasmusCode", "Erasmus code", .erasmusCode, \.erasmusCode),
        .optional("schacCode", "SCHAC code", .text, \.schacCode),
        .required("partnershipType", "Type", .choice(Partner.partnershipTypes), \.partnershipType),
        .required("status", "Status", .choice(Partner.statuses), \.status),
        .day("since", "Since", \.since),
        .records("agreements", "Agreements", \.agreements, agreement),
        .list("contactIds", "Contacts", .links(.contact), \.contactIds),
        .list("objectiveIds", "Objectives", .links(.objective), \.objectiveIds),
        .list("tags", "Tags", .words, \.tags),
        .optional("notes", "Notes", .notes, \.notes),
        .optional("updatedAt", "Updated at", .timestamp, \.updatedAt),
        .optional("updatedBy", "Updated by", .editor, \.updatedBy),
    ], extra: \.extra, make: Partner.init)

    static let objective = RecordSchema<Objective>(fields: [
        .required("id", "Id", .id, \.id),
        .required("title", "Title", .text, \.title),
        .optional("description", "Description", .notes, \.description),
        .int("order", "Order", .integer, \.order),
    ], extra: \.extra, make: Objective.init)

    static let event = RecordSchema<Event>(fields: [
        .required("id", "Id", .id, \.id),
        .required("title", "Title", .text, \.title),
        .optional("kind", "Kind", .choice(Event.kinds), \.kind),
        .day("start", "Start", \.start, required: true),
        .day("end", "End", \.end),
        .optional("location", "Location", .text, \.location),
        .optional("description", "Description", .notes, \.description),
        .list("partnerIds", "Partners", .links(.partner), \.partnerIds),
        .list("contactIds", "Contacts", .links(.contact), \.contactIds),
        .list("objectiveIds", "Objectives", .links(.objective), \.objectiveIds),
    ], extra: \.extra, make: Event.init, rules: { event, issues in
        issues.order(start: event.start, end: event.end)
    })

    static let contact = RecordSchema<Contact>(fields: [
        .required("id", "Id", .id, \.id),
        .required("name", "Name", .text, \.name),
        .optional("role", "Role", .text, \.role),
        .optional("unit", "Unit", .text, \.unit),
        .optional("email", "E-mail", .email, \.email),
        .optional("phone", "Phone", .text, \.phone),
        .optional("partnerId", "Partner", .link(.partner), \.partnerId),
        .optional("notes", "Notes", .notes, \.notes),
    ], extra: \.extra, make: Contact.init)

    static let network = RecordSchema<Network>(fields: [
        .int("schemaVersion", "Schema version", .integer, \.optionalSchemaVersion),
        .object("institution", "Institution", \.optionalInstitution, institution, required: true),
        .records("partners", "Partners", \.partners, partner),
        .records("objectives", "Objectives", \.objectives, objective),
        .records("events", "Events", \.events, event),
        .records("contacts", "Contacts", \.contacts, contact),
    ], extra: \.extra, make: { var network = Network(); network.schemaVersion = 0; return network })
}

extension Issues {
    mutating func order(start: Day?, end: Day?) {
        if let start, let end, end < start {
            add(.error, "end", "\(end) is before the start \(start)")
        }
    }
}

extension Network {
    /// Views for the schema table, which works with optional top-level values.
    var optionalSchemaVersion: Int? {
        get { schemaVersion == 0 ? nil : schemaVersion }
        set { schemaVersion = newValue ?? 0 }
    }

    var optionalInstitution: Institution? {
        get { institution }
        set { institution = newValue ?? Institution() }
    }
}

/// The tables as front ends see them: each field's key, label, type and whether it is required.
public enum Schema {
    public static func fields(of kind: RecordKind) -> [FieldInfo] {
        switch kind {
        case .partner: Schemas.partner.infos
        case .objective: Schemas.objective.infos
        case .event: Schemas.event.infos
        case .contact: Schemas.contact.infos
        }
    }

    public static var agreementFields: [FieldInfo] { Schemas.agreement.infos }
    public static var quotaFields: [FieldInfo] { Schemas.quota.infos }

    public static func field(_ key: String, of kind: RecordKind) -> FieldInfo? {
        fields(of: kind).first { $0.key == key }
    }

    /// The fields a person edits as text, in the table's order: what a form shows and `set` takes.
    public static func editableFields(of kind: RecordKind) -> [FieldInfo] {
        fields(of: kind).filter { $0.type.isEditableAsText }
    }

    /// A field's label for a path in a record (`agreements[0].end` → "Agreement 1: End").
    public static func label(forPath path: String, in kind: RecordKind) -> String {
        if path.hasPrefix("agreements["), let close = path.firstIndex(of: "]"),
           let index = Int(path[path.index(path.startIndex, offsetBy: 11)..<close]) {
            var rest = String(path[path.index(after: close)...])
            if rest.hasPrefix(".") { rest.removeFirst() }
            let key = rest.split(separator: ".").first.map(String.init) ?? rest
            let nested = rest.split(separator: ".").dropFirst().first.map(String.init)
            var label = agreementFields.first { $0.key == key.prefix { $0 != "[" }.description }?.label ?? key
            if let nested, let quota = quotaFields.first(where: { $0.key == nested }) { label += " " + quota.label.lowercased() }
            return "Agreement \(index + 1)" + (rest.isEmpty ? "" : ": \(label)")
        }
        let key = String(path.prefix { $0 != "[" && $0 != "." })
        return field(key, of: kind)?.label ?? path
    }
}
