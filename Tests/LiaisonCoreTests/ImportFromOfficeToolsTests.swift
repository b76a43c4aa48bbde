import LiaisonCore
import Testing

/// What a new user's exports bring: Outlook's and Google's contact columns, German choice values,
/// short years and bare host names (issue 9's trial).
@Suite("Import: address-book exports, German values, short dates")
struct ImportFromOfficeToolsTests {
    @Test("Outlook's German contact export: Vorname + Nachname is the name, Firma the partner, Anrede ignored, the business phone before the mobile")
    func outlookGerman() throws {
        let document = try ImportTests.document()
        let headers = ["Anrede", "Vorname", "Nachname", "Firma", "Abteilung", "Position", "E-Mail-Adresse", "Telefon geschäftlich", "Mobiltelefon"]
        let mapping = try ColumnMapping(headers: headers, kind: .contacts)
        #expect(mapping.columns.map(\.field.key) == ["name", "partnerId", "unit", "role", "email", "phone"])
        #expect(mapping.columns.first?.header == "Vorname + Nachname")
        #expect(mapping.column(for: "phone")?.header == "Telefon geschäftlich / Mobiltelefon")
        #expect(mapping.ignoredWithReason.map(\.header) == ["Anrede"])
        let plan = try ImportTests.plan(.contacts, headers, [
            ["Frau", "Anna", "Nowak", "Jagiellonian University", "International Relations", "Coordinator", "anna@uj.edu.pl", "", "+48 600 000"],
            ["Herr", "Monika", "Sprung", "", "", "", "", "+49 234 32 00", ""],
        ], in: document)
        #expect(plan.refused.isEmpty)
        #expect(plan.added.map(\.row) == [2] && plan.changed.map(\.row) == [3])
        document.put(plan.records, summary: "import")
        let anna = try #require(document.store.contacts.first { $0.name == "Anna Nowak" })
        #expect(anna.partnerId == "jagiellonian" && anna.phone == "+48 600 000" && anna.role == "Coordinator")
        #expect(document.store.contact(id: "monika-sprung")?.phone == "+49 234 32 00")
    }

    @Test("English Outlook and Google headers; a whole Name column wins over the parts; --map may name the parts")
    func outlookAndGoogleEnglish() throws {
        let outlook = try ColumnMapping(headers: ["Title", "First Name", "Middle Name", "Last Name", "Company", "Department", "Job Title", "E-mail Address", "Business Phone", "Mobile Phone"], kind: .contacts)
        #expect(outlook.columns.map(\.field.key) == ["name", "partnerId", "unit", "role", "email", "phone"])
        #expect(outlook.columns[0].header == "First Name + Middle Name + Last Name")
        #expect(outlook.columns[0].cell(in: ["Dr.", "Jane", "", "Doe ", "", "", "", "", "", ""]) == "Jane Doe")
        let google = try ColumnMapping(headers: ["Name", "Given Name", "Family Name", "Organization 1 - Name", "E-mail 1 - Value", "Phone 1 - Value"], kind: .contacts)
        #expect(google.columns.map(\.field.key) == ["name", "partnerId", "email", "phone"])
        #expect(google.column(for: "name")?.header == "Name")
        #expect(google.ignoredWithReason.map(\.header) == ["Given Name", "Family Name"])
        let mapped = try ColumnMapping(headers: ["Nom", "Prénom", "Société"], kind: .contacts,
                                       explicit: ["Nom": "familyName", "Prénom": "givenName", "Société": "partnerId"])
        #expect(mapped.column(for: "name")?.header == "Prénom + Nom")
        #expect(mapped.column(for: "name")?.cell(in: ["Curie", "Marie", ""]) == "Marie Curie")
        // Without name parts, "Title" is a contact's role as before.
        #expect(try ColumnMapping(headers: ["Name", "Title"], kind: .contacts).column(for: "role")?.header == "Title")
    }

    @Test("German choice values mean the stored ones, only among the field's own values", arguments: [
        ("Austausch", Partner.partnershipTypes, "exchange"), ("forschungsstark", Partner.partnershipTypes, "research-led"),
        ("Forschung", Partner.partnershipTypes, "research-led"), ("Netzwerk", Partner.partnershipTypes, "network"),
        ("global", Partner.partnershipTypes, "global-engagement"), ("Aktiv", Partner.statuses, "active"),
        ("geplant", Partner.statuses, "planned"), ("ruhend", Partner.statuses, "suspended"), ("ausgesetzt", Partner.statuses, "suspended"),
        ("beendet", Partner.statuses, "ended"), ("Austauschvertrag", Agreement.kinds, "student-exchange"),
        ("Studierendenaustausch", Agreement.kinds, "student-exchange"), ("Absichtserklärung", Agreement.kinds, "memorandum-of-understanding"),
        ("MoU", Agreement.kinds, "memorandum-of-understanding"), ("Kooperationsvertrag", Agreement.kinds, "memorandum-of-understanding"),
        ("Erasmus+", Agreement.kinds, "erasmus"), ("Joint Degree", Agreement.kinds, "joint-degree"), ("Doppelabschluss", Agreement.kinds, "joint-degree"),
        ("Forschungskooperation", Agreement.kinds, "research-cooperation"), ("Sonstiges", Agreement.kinds, "other"),
        ("Konferenz", Event.kinds, "conference"), ("Delegationsbesuch", Event.kinds, "delegation-visit"), ("Sonstiges", Event.kinds, "other"),
        // A name of another field's value stays as typed, for the rule to refuse.
        ("Austausch", Agreement.kinds, "Austausch"), ("aktiv", Partner.partnershipTypes, "aktiv"),
    ])
    func germanChoices(typed: String, allowed: [String], stored: String) {
        #expect(CellValue.text(typed, for: .choice(allowed)) == stored)
    }

    @Test("two-digit years pivot as Excel's do; a bare host name becomes an https address", arguments: [
        ("01.10.24", FieldType.day, "2024-10-01"), ("1.3.29", .day, "2029-03-01"), ("31.12.30", .day, "1930-12-31"), ("5.5.99", .day, "1999-05-05"),
        ("1.10.024", .day, "1.10.024"),
        ("www.univie.ac.at", .url, "https://www.univie.ac.at"), ("univie.ac.at/en", .url, "https://univie.ac.at/en"),
        ("http://www.ethz.ch", .url, "http://www.ethz.ch"), ("info@univie.ac.at", .url, "info@univie.ac.at"),
        ("3.5", .url, "3.5"), ("see website", .url, "see website"),
    ])
    func shortYearsAndHosts(typed: String, type: FieldType, text: String) {
        #expect(CellValue.text(typed, for: type) == text)
    }

    @Test("a German partner sheet with a short date, German choices and a bare host imports without a refusal")
    func germanPartnerSheet() throws {
        let document = try ImportTests.document()
        let plan = try ImportTests.plan(.partners, ["Hochschule", "Land", "Typ", "Status", "Seit", "Webseite"], [
            ["Universität Wien", "Österreich", "Austausch", "geplant", "01.10.24", "www.univie.ac.at"],
        ], in: document)
        #expect(plan.refused.isEmpty)
        document.put(plan.records, summary: "import")
        let vienna = try #require(document.store.partners.first { $0.name == "Universität Wien" })
        #expect(vienna.partnershipType == "exchange" && vienna.status == "planned" && vienna.website == "https://www.univie.ac.at")
        #expect(vienna.since == Day("2024-10-01"))
    }
}
