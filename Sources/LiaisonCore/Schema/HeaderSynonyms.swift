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
            "partnerId": ["Partner", "Organisation", "Organization", "Hochschule", "Institution", "Partner id"],
        ],
        .events: [
            "kind": ["Kind", "Type", "Typ", "Art", "Format"],
            "end": ["Ende", "End date"],
        ],
    ]

    /// A field's other names for a kind: the kind's own first, then the shared ones.
    static func names(of key: String, in kind: ImportKind) -> [String] {
        (byKind[kind]?[key] ?? []) + (shared[key] ?? [])
    }
}
