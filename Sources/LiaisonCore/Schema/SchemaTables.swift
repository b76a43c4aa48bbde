/// The format's tables, one per kind of record (docs/data-format.md): the one place a field is
/// declared. Adding a field is a line here (and a property on the record's struct).
enum Schemas {
    static let institution = RecordSchema<Institution>(fields: [
        .required("name", "Name", .text, \.name),
        .optional("shortName", "Short name", .text, \.shortName),
        .required("country", "Country", .country, \.country),
        .optional("city", "City", .text, \.city),
        .optional("erasmusCode", "Erasmus code", .erasmusCode, \.erasmusCode),
        .optional("schacCode", "SCHAC code", .text, \.schacCode),
        .optional("pic", "PIC", .pic, \.pic),
        .optional("website", "Website", .url, \.website),
    ], extra: \.extra, make: Institution.init)

    static let quota = RecordSchema<Quota>(fields: [
        .int("incoming", "Incoming", .count, \.incoming),
        .int("outgoing", "Outgoing", .count, \.outgoing),
    ], extra: \.extra, make: { Quota() })

    static let subjectArea = RecordSchema<SubjectArea>(fields: [
        .required("code", "ISCED-F code", .isced, \.code),
        .optional("clarification", "Clarification", .text, \.clarification),
    ], extra: \.extra, make: { SubjectArea() })

    static let languageSkill = RecordSchema<LanguageSkill>(fields: [
        .required("language", "Language", .language, \.language),
        .optional("cefrLevel", "CEFR level", .choice(LanguageSkill.cefrLevels), \.cefrLevel),
        .object("subjectArea", "Subject area", \.subjectArea, subjectArea),
    ], extra: \.extra, make: LanguageSkill.init)

    static let mobilitySpecification = RecordSchema<MobilitySpecification>(fields: [
        .required("kind", "Kind", .choice(MobilitySpecification.kinds), \.kind),
        .required("sending", "Sending institution", .text, \.sending),
        .optional("sendingOunitId", "Sending unit", .text, \.sendingOunitId),
        .required("receiving", "Receiving institution", .text, \.receiving),
        .optional("receivingOunitId", "Receiving unit", .text, \.receivingOunitId),
        .required("firstAcademicYear", "First academic year", .academicYear, \.firstAcademicYear),
        .required("lastAcademicYear", "Last academic year", .academicYear, \.lastAcademicYear),
        .int("mobilitiesPerYear", "Mobilities per year", .positiveCount, \.mobilitiesPerYear),
        .decimal("totalMonthsPerYear", "Total months per year", \.totalMonthsPerYear),
        .decimal("totalDaysPerYear", "Total days per year", \.totalDaysPerYear),
        .flag("blended", "Blended", \.blended),
        .numbers("eqfLevels", "EQF levels", .eqfLevels, \.eqfLevels),
        .records("subjectAreas", "Subject areas", \.subjectAreas, subjectArea),
        .records("languageSkills", "Recommended language skills", \.languageSkills, languageSkill),
        .optional("otherInfoTerms", "Other information", .notes, \.otherInfoTerms),
    ], extra: \.extra, make: MobilitySpecification.init, rules: { specification, issues in
        if let first = AcademicYear(specification.firstAcademicYear), let last = AcademicYear(specification.lastAcademicYear), last < first {
            issues.add(.error, "lastAcademicYear", "\(specification.lastAcademicYear) is before the first academic year \(specification.firstAcademicYear)")
        }
    })

    static let iiaSide = RecordSchema<IIASide>(fields: [
        .optional("iiaId", "IIA id", .text, \.iiaId),
        .optional("iiaCode", "IIA code", .text, \.iiaCode),
        .optional("ounitId", "Organisational unit", .text, \.ounitId),
        .optional("signerName", "Signed by", .text, \.signerName),
        .optional("signerRole", "Signer's role", .text, \.signerRole),
        .optional("signerEmail", "Signer's e-mail", .email, \.signerEmail),
        .day("signingDate", "Signed on", \.signingDate),
    ], extra: \.extra, make: IIASide.init)

    static let iia = RecordSchema<IIA>(fields: [
        .object("ours", "Ours", \.ours, iiaSide),
        .object("theirs", "Theirs", \.theirs, iiaSide),
        .flag("inEffect", "In effect", \.inEffect),
        .flag("terminatedAsAWhole", "Terminated as a whole", \.terminatedAsAWhole),
        .optional("pdfFile", "PDF file", .text, \.pdfFile),
        .records("mobilities", "Mobility specifications", \.mobilities, mobilitySpecification),
    ], extra: \.extra, make: IIA.init)

    static let agreement = RecordSchema<Agreement>(fields: [
        .required("id", "Id", .id, \.id),
        .required("kind", "Kind", .choice(Agreement.kinds), \.kind),
        .day("start", "Start", \.start),
        .day("end", "End", \.end),
        .day("signingDate", "Signed", \.signingDate),
        .object("quota", "Quota", \.quota, quota),
        .list("subjectAreas", "Subject areas", .subjectAreas, \.subjectAreas),
        .optional("notes", "Notes", .notes, \.notes),
        .object("iia", "EWP IIA", \.iia, iia),
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
        .optional("pic", "PIC", .pic, \.pic),
        .optional("organisationalUnit", "Organisational unit", .text, \.organisationalUnit),
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
        // A partner takes 1.4–2.2 KB of JSON; reserved for one per 500 bytes so that the list
        // never grows (a copy of all of it at the load's peak): the room not used is never
        // touched, so it takes address space, not memory.
        .topLevel("partners", "Partners", \.partners, partner, kind: .partner, bytesPerRecord: 500),
        .topLevel("objectives", "Objectives", \.objectives, objective, kind: .objective),
        .topLevel("events", "Events", \.events, event, kind: .event),
        .topLevel("contacts", "Contacts", \.contacts, contact, kind: .contact),
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

    /// A field's label for a path in a record (`agreements[0].end` → "Agreement 1: End",
    /// `agreements[0].quota.incoming` → "Agreement 1: Quota incoming").
    public static func label(forPath path: String, in kind: RecordKind) -> String {
        var steps = pathSteps(path)
        guard let first = steps.first else { return path }
        if first.key == "agreements", let index = first.index {
            steps.removeFirst()
            let rest = nestedLabel(steps, in: agreementFields)
            return "Agreement \(index + 1)" + (rest.isEmpty ? "" : ": \(rest)")
        }
        return field(first.key, of: kind)?.label ?? path
    }

    /// Labels down a path of nested fields, the first as it is and the rest in lower case, each
    /// element of a list numbered from 1: "Quota incoming", "EWP IIA mobility specifications 2
    /// mobilities per year". Keys the tables do not know are shown as they are.
    static func nestedLabel(_ steps: [(key: String, index: Int?)], in fields: [FieldInfo]) -> String {
        var words: [String] = []
        var fields = fields
        for step in steps {
            let info = fields.first { $0.key == step.key }
            var label = info?.label ?? step.key
            if !words.isEmpty { label = label.lowercased() }
            if let index = step.index { label += " \(index + 1)" }
            words.append(label)
            fields = info?.nested ?? []
        }
        return words.joined(separator: " ")
    }

    /// `agreements[0].quota.incoming` as (agreements, 0), (quota, nil), (incoming, nil).
    static func pathSteps(_ path: String) -> [(key: String, index: Int?)] {
        path.split(separator: ".").map { part in
            guard let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]"), open < close else { return (String(part), nil) }
            return (String(part[..<open]), Int(part[part.index(after: open)..<close]))
        }
    }
}
