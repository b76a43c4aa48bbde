/// Other names a spreadsheet's column header may give a field, in English and German, beside
/// the field's JSON key and its label in the tables (SchemaTables.swift), which an import always
/// knows. Headers are compared as `TextFolding.matchKey` makes them (case, diacritics, spaces and
/// punctuation ignored), so "E-Mail", "e_mail" and "EMAIL" are one name here.
enum HeaderSynonyms {
    /// Names that mean the same field in every kind of record that has the field.
    static let shared: [String: [String]] = [
        "id": ["ID", "Kennung", "Schlüssel", "Key"],
        "country": ["Land", "Staat", "Country code", "Ländercode", "Nation"],
        "city": ["Stadt", "Ort", "Town", "Sitz"],
        "website": ["Webseite", "Website", "Web site", "URL", "Homepage", "Internetseite", "Web"],
        "erasmusCode": ["Erasmus code", "Erasmus-Code", "Erasmus", "Erasmus ID", "PIC Erasmus"],
        "schacCode": ["SCHAC", "SCHAC code", "SCHAC-Code"],
        "localName": ["Local name", "Name (local)", "Originalname", "Name in Landessprache", "Lokaler Name"],
        "shortName": ["Short name", "Kurzname", "Abkürzung", "Kürzel", "Acronym"],
        "partnershipType": ["Type", "Typ", "Art", "Partnership type", "Partnerschaftstyp", "Kooperationsart"],
        "status": ["Status", "Zustand", "Stand"],
        "since": ["Since", "Seit", "Partner seit", "Partner since", "Kooperation seit"],
        "tags": ["Tags", "Schlagwörter", "Schlagworte", "Stichwörter", "Keywords"],
        "notes": ["Notes", "Notizen", "Bemerkungen", "Bemerkung", "Anmerkungen", "Kommentar", "Comments", "Remarks"],
        "contactIds": ["Contacts", "Kontakte", "Ansprechpartner"],
        "objectiveIds": ["Objectives", "Ziele", "Strategieziele"],
        "partnerIds": ["Partners", "Partner", "Partnerhochschulen"],
        "start": ["Start", "Beginn", "Laufzeit von", "Von", "Start date", "Startdatum", "Gültig ab", "From", "Valid from"],
        "end": ["End", "Ende", "Laufzeit bis", "Bis", "End date", "Enddatum", "Gültig bis", "To", "Until", "Valid until"],
        "signingDate": ["Signed", "Unterzeichnet", "Unterzeichnung", "Signing date", "Unterschrieben", "Unterzeichnet am", "Date signed"],
        "quota.incoming": ["Quota in", "Incoming", "Plätze Incoming", "Incoming places", "Quote Incoming", "Plätze in", "Incomings"],
        "quota.outgoing": ["Quota out", "Outgoing", "Plätze Outgoing", "Outgoing places", "Quote Outgoing", "Plätze out", "Outgoings"],
        "subjectAreas": ["Subject areas", "Fachbereiche", "Fächer", "Fachgebiete", "ISCED", "ISCED codes", "Subjects"],
        "email": ["E-mail", "E-Mail", "Mail", "Email address", "E-Mail-Adresse"],
        "phone": ["Phone", "Telefon", "Tel", "Telephone", "Telefonnummer"],
        "role": ["Role", "Funktion", "Rolle", "Position", "Title"],
        "unit": ["Unit", "Abteilung", "Einheit", "Department", "Dezernat"],
        "title": ["Title", "Titel", "Veranstaltung", "Event", "Name"],
        "location": ["Location", "Ort", "Veranstaltungsort", "Place", "Venue"],
        "description": ["Description", "Beschreibung"],
        "partnerId": ["Partner", "Partner id", "Partner-ID"],
    ]

    /// Names only one kind of record gives a field (a partner's name is its university, a
    /// contact's is a person's; an agreement's kind is its "type").
    static let byKind: [ImportKind: [String: [String]]] = [
        .partners: [
            "name": ["Name", "Hochschule", "Institution", "Universität", "University", "Partner", "Partnerhochschule", "Einrichtung"],
        ],
        .agreements: [
            "kind": ["Kind", "Type", "Typ", "Art", "Vertragsart", "Agreement type", "Abkommen"],
            "partner": ["Partner", "Hochschule", "Institution", "Universität", "University", "Partnerhochschule", "Name"],
            "partnerId": ["Partner id", "Partner-ID"],
        ],
        .contacts: [
            "name": ["Name", "Person", "Ansprechpartner", "Kontakt", "Full name"],
            "partnerId": ["Partner", "Organisation", "Organization", "Hochschule", "Institution", "Partner id",
                          "Firma", "Company", "Unternehmen", "Organization 1 - Name", "Organisation 1 - Name"],
            "role": ["Job title", "Jobtitel", "Berufsbezeichnung", "Organization 1 - Title"],
            "unit": ["Organization 1 - Department"],
        ],
        .events: [
            "kind": ["Kind", "Type", "Typ", "Art", "Format"],
            "end": ["Ende", "End date"],
        ],
    ]

    /// Columns that each hold a part of a contact's name, as Outlook and Google export address
    /// books: joined with spaces in this order ("Vorname Nachname") when the sheet has no column
    /// for the whole name. The keys are what a `--map` file gives such a column.
    static let nameParts: [(key: String, names: [String])] = [
        ("givenName", ["Given name", "First name", "Vorname", "Rufname"]),
        ("additionalNames", ["Middle name", "Additional name", "Weitere Vornamen", "Zweiter Vorname"]),
        ("familyName", ["Family name", "Last name", "Surname", "Nachname", "Familienname", "Zuname"]),
    ]

    /// What comes before a name in those exports (Outlook's Anrede, Title): no part of the
    /// contact's name, which stays as people type it elsewhere ("Vorname Nachname"), so it is
    /// ignored where the name comes in parts (elsewhere "Title" is a contact's role).
    static let salutations = ["Anrede", "Title", "Titel", "Salutation", "Name prefix"]

    /// Headers of columns that hold one field in several places (Outlook's business and mobile
    /// phone, Google's first and second e-mail address), in order of preference: a row takes,
    /// after the field's own column, the first of them that has a value.
    static let alternatives: [ImportKind: [String: [String]]] = [
        .contacts: [
            "email": ["E-mail Address", "E-mail 1 - Value", "E-Mail 2: Adresse", "E-mail 2 Address", "E-mail 2 - Value",
                      "E-Mail 3: Adresse", "E-mail 3 Address"],
            "phone": ["Business Phone", "Telefon geschäftlich", "Phone 1 - Value", "Mobile Phone", "Mobiltelefon",
                      "Business Phone 2", "Telefon geschäftlich 2", "Phone 2 - Value", "Primary Phone", "Haupttelefon"],
        ],
    ]

    /// A field's other names for a kind: the kind's own first, then the shared ones.
    static func names(of key: String, in kind: ImportKind) -> [String] {
        (byKind[kind]?[key] ?? []) + (shared[key] ?? [])
    }
}
