import LiaisonCore
import Testing

/// The import's rules, on the sample network in memory: columns by header, values, rows matched
/// to records, the plan, and the plan applied as one change.
@Suite("Import: columns, values, matching, the plan")
struct ImportTests {
    static func document() throws -> Document {
        try Document(storage: MemoryStorage(network: try Fixtures.sample()), editor: "ada", account: "ada", journaling: false)
    }

    static func table(_ headers: [String], _ rows: [[String]]) -> SheetTable {
        SheetTable(source: "sheet.csv", headers: headers, rows: rows.enumerated().map { SheetTable.Row(number: $0.offset + 2, cells: $0.element) })
    }

    static func plan(_ kind: ImportKind, _ headers: [String], _ rows: [[String]], in document: Document) throws -> ImportPlan {
        let table = table(headers, rows)
        return ImportPlanner.plan(table, mapping: try ColumnMapping(headers: headers, kind: kind), in: document)
    }

    @Test("German headers find their fields, whatever their case, accents and punctuation; unknown columns are listed as ignored")
    func germanHeaders() throws {
        let headers = ["HOCHSCHULE", "land", "Stadt", "Erasmus Code", "Laufzeit-von", "Bemerkungen", "Typ", "Schlagwörter", "Spalte X"]
        let mapping = try ColumnMapping(headers: headers, kind: .partners)
        #expect(mapping.columns.map(\.field.key) == ["name", "country", "city", "erasmusCode", "notes", "partnershipType", "tags"])
        #expect(mapping.ignored == ["Laufzeit-von", "Spalte X"])
        let agreements = try ColumnMapping(headers: ["Erasmus-Code", "Art", "Beginn", "Laufzeit bis", "Unterzeichnet", "Plätze Incoming", "Quota out"], kind: .agreements)
        #expect(agreements.columns.map(\.field.key) == ["erasmusCode", "kind", "start", "end", "signingDate", "quota.incoming", "quota.outgoing"])
        let contacts = try ColumnMapping(headers: ["Name", "E-Mail", "Telefon", "Funktion", "Organisation"], kind: .contacts)
        #expect(contacts.columns.map(\.field.key) == ["name", "email", "phone", "role", "partnerId"])
    }

    @Test("export's own headers mean their fields; its bookkeeping columns are ignored without a word")
    func exportHeaders() throws {
        let headers = Schema.fields(of: .partner).filter { $0.type != .object }.map(\.key)
        let mapping = try ColumnMapping(headers: headers, kind: .partners)
        #expect(mapping.ignored.isEmpty)
        #expect(!mapping.columns.contains { ["agreements", "updatedAt", "updatedBy"].contains($0.field.key) })
        #expect(mapping.columns.allSatisfy { $0.header == $0.field.key })
    }

    @Test("two columns for one field are an error naming both; a map's unknown field lists the valid ones")
    func mappingErrors() throws {
        #expect(throws: ColumnMapping.Failure.self) { try ColumnMapping(headers: ["Name", "Hochschule"], kind: .partners) }
        do {
            _ = try ColumnMapping(headers: ["Land", "Staat", "Name"], kind: .partners)
            Issue.record("two country columns were taken")
        } catch {
            #expect(error.message.contains("\"Land\" and \"Staat\" both mean the field country"))
        }
        do {
            _ = try ColumnMapping(headers: ["Partneruni"], kind: .partners, explicit: ["Partneruni": "nom"])
            Issue.record("an unknown field was taken")
        } catch {
            #expect(error.message.contains("\"nom\"") && error.message.contains("name, localName"))
        }
        let mapped = try ColumnMapping(headers: ["Partneruni", "Land", "Intern"], kind: .partners, explicit: ["Partneruni": "name", "Intern": nil])
        #expect(mapped.columns.map(\.field.key) == ["name", "country"])
        #expect(mapped.ignored.isEmpty && mapped.ignoredByMap == ["Intern"])
        let map = try ColumnMapping.explicitMap(fromJSON: Array(#"{"Partneruni": "name", "Intern": null, "Notiz": ""}"#.utf8), file: "map.json")
        #expect(map.count == 3 && map["Intern"] == .some(nil) && map["Partneruni"] == "name")
        #expect(throws: ColumnMapping.Failure.self) { try ColumnMapping(headers: ["Ort"], kind: .agreements) }
    }

    @Test("countries as codes, English or German names and common forms", arguments: [
        ("CH", "CH"), ("ch", "CH"), ("Schweiz", "CH"), ("Switzerland", "CH"), ("USA", "US"), ("Vereinigte Staaten", "US"),
        ("UK", "GB"), ("Großbritannien", "GB"), ("Südkorea", "KR"), ("Korea, Republik", "KR"), ("korea republik", "KR"),
        ("Türkei", "TR"), ("Tschechien", "CZ"), ("Polen", "PL"), ("Atlantis", "Atlantis"),
    ])
    func countries(typed: String, code: String) {
        #expect(CellValue.text(typed, for: .country) == code)
    }

    @Test("dates as ISO, German order and Excel serial numbers from 1927 on; a year or a small number is left to the date rule", arguments: [
        ("2027-05-31", "2027-05-31"), ("31.05.2027", "2027-05-31"), ("1.6.2021", "2021-06-01"), ("2027-05-31 00:00:00", "2027-05-31"),
        ("10000", "1927-05-18"), ("45000", "2023-03-15"), ("46538.0", "2027-05-31"),
        ("2027", "2027"), ("61", "61"), ("60", "60"), ("31.02.2020", "31.02.2020"), ("next year", "next year"),
    ])
    func dates(typed: String, day: String) {
        #expect(CellValue.text(typed, for: .day) == day)
    }

    @Test("lists by , or ;, numbers written 3.0, choices in any case, a neutralised cell restored")
    func otherValues() {
        #expect(CellValue.text("0533; 0713", for: .subjectAreas) == "0533, 0713")
        #expect(CellValue.text("3.0", for: .count) == "3")
        #expect(CellValue.text("Active", for: .choice(Partner.statuses)) == "active")
        #expect(CellValue.text("'=HYPERLINK(1)", for: .notes) == "=HYPERLINK(1)")
        #expect(CellValue.text("  ", for: .text) == "")
    }

    @Test("a German sheet: a partner under another spelling changes, a new one is added, an invalid row is refused with its column and rule")
    func germanSheet() throws {
        let document = try Self.document()
        let plan = try Self.plan(.partners, ["Hochschule", "Land", "Stadt", "Partner seit", "Typ"], [
            ["ETH Zurich", "Schweiz", "Zürich", "01.03.2001", ""],
            ["Universität Basel", "Schweiz", "Basel", "5.4.2010", "Exchange"],
            ["Atlantis University", "Atlantis", "", "31.02.2020", ""],
        ], in: document)
        let ethz = try #require(document.store.partner(id: "ethz"))
        #expect(plan.changed.map(\.row) == [2])
        #expect(plan.changed.first?.what.contains("ETH Zürich (ethz)") == true)
        // The stored spelling stays; only what the sheet adds changes.
        #expect(plan.changed.first?.changes == [ImportPlan.FieldChange(label: "Since", old: "", new: "2001-03-01")])
        #expect(plan.added.map(\.row) == [3])
        #expect(plan.added.first?.defaults == [ImportPlan.Default(label: "Status", value: "planned")], "the sheet gives the type, not the status")
        #expect(plan.refused.map(\.row) == [4, 4])
        #expect(plan.refused.map(\.column) == ["Land", "Partner seit"] || plan.refused.map(\.column) == ["Partner seit", "Land"])
        #expect(plan.refused.contains { $0.rule.contains("\"Atlantis\" is not an ISO 3166-1 alpha-2 code") })
        #expect(plan.summary == "1 added, 1 changed, 0 unchanged, 1 refused")
        #expect(document.store.partner(id: "ethz") == ethz, "a plan changes nothing")

        guard case .applied(let change, _) = document.put(plan.records, summary: "import") else { Issue.record("not applied"); return }
        #expect(change.steps.count == 2)
        #expect(document.store.partner(id: "ethz")?.name == "ETH Zürich")
        #expect(document.store.partner(id: "ethz")?.since == Day("2001-03-01"))
        let basel = try #require(document.store.partners.first { $0.name == "Universität Basel" })
        #expect(basel.country == "CH" && basel.since == Day("2010-04-05") && basel.partnershipType == "exchange" && basel.status == "planned")
        #expect(document.undo() != nil)
        #expect(document.store.partners.first { $0.name == "Universität Basel" } == nil, "the import is one undo step")
    }

    @Test("an empty cell leaves a matched record's field alone; a row matched by Erasmus or SCHAC code changes that partner")
    func emptyCellsAndCodes() throws {
        let document = try Self.document()
        let plan = try Self.plan(.partners, ["Erasmus-Code", "SCHAC", "Stadt", "Bemerkungen"], [
            ["PL  krakow01", "", "Krakau", ""],
            ["", "ETHZ.ch", "", "Zürich campus"],
        ], in: document)
        #expect(plan.refused.isEmpty && plan.added.isEmpty)
        #expect(plan.changed.map(\.what) == ["partner Jagiellonian University (jagiellonian)", "partner ETH Zürich (ethz)"])
        document.put(plan.records, summary: "import")
        #expect(document.store.partner(id: "jagiellonian")?.city == "Krakau")
        #expect(document.store.partner(id: "jagiellonian")?.schacCode == "uj.edu.pl")
        #expect(document.store.partner(id: "ethz")?.notes == "Zürich campus")
    }

    @Test("umlauts written out (Zuerich, Universitaet) find the partner spelled with them; the stored spelling stays")
    func umlautsWrittenOut() throws {
        let document = try Self.document()
        #expect(document.put(.partner(Fixtures.newPartner("unibas", name: "Universität Basel", country: "CH"))).isApplied)
        let plan = try Self.plan(.partners, ["Name", "Country", "City"], [
            ["Universitaet Basel", "CH", "Basel"], ["ETH Zuerich", "CH", "Zürich"], ["UNIVERSITAET BASEL", "DE", ""],
        ], in: document)
        #expect(plan.refused.isEmpty)
        #expect(plan.changed.map(\.what) == ["partner Universität Basel (unibas)"])
        #expect(plan.changed.first?.changes.map(\.label) == ["City"], "the stored name is kept")
        #expect(plan.unchanged == 1, "ETH Zuerich in Zürich is ETH Zürich as it is")
        #expect(plan.added.map(\.row) == [4], "the same name in another country is another partner")
    }

    @Test("with a directory, a row under another of an institution's names is the partner with its code")
    func directoryNames() throws {
        let document = try Self.document()
        let rows = [["Universitas Iagellonica Cracoviensis", "PL", "Kraków"]]
        #expect(try Self.plan(.partners, ["Name", "Country", "City"], rows, in: document).added.map(\.row) == [2], "no directory: another name")
        document.directory = DirectoryIndex(DirectoryTests.rorEntries)
        let plan = try Self.plan(.partners, ["Name", "Country", "City"], rows, in: document)
        #expect(plan.added.isEmpty && plan.changed.map(\.what) == ["partner Jagiellonian University (jagiellonian)"])
    }

    @Test("two rows for one record: the second is refused, naming the first")
    func twoRowsOneRecord() throws {
        let document = try Self.document()
        let plan = try Self.plan(.partners, ["Name", "Country", "City"], [
            ["ETH Zürich", "CH", "Zürich"], ["Universität Basel", "CH", "Basel"], ["eth zurich", "Schweiz", "Zurich"], ["Universitat Basel", "CH", "Bâle"],
        ], in: document)
        #expect(plan.refused.map(\.row) == [4, 5])
        #expect(plan.refused.first?.rule.contains("row 2 is already about partner ETH Zürich (ethz)") == true)
        #expect(plan.refused.last?.rule.contains("row 3") == true)
        #expect(plan.added.count == 1)
    }

    @Test("agreements attach to their partner by Erasmus code; one is matched by kind and start, another added")
    func agreements() throws {
        let document = try Self.document()
        let plan = try Self.plan(.agreements, ["Erasmus-Code", "Art", "Beginn", "Ende", "Plätze Incoming", "Fachbereiche"], [
            ["PL KRAKOW01", "erasmus", "01.06.2021", "31.08.2027", "6", ""],
            ["PL KRAKOW01", "research-cooperation", "2026-01-01", "2030-12-31", "", "0533; 0713"],
            ["XX NOWHERE01", "erasmus", "2026-01-01", "", "", ""],
        ], in: document)
        #expect(plan.changed.map(\.what) == ["agreement uj-erasmus of Jagiellonian University (jagiellonian)"])
        #expect(plan.changed.first?.changes == [ImportPlan.FieldChange(label: "Quota incoming", old: "4", new: "6")])
        #expect(plan.added.count == 1 && plan.added[0].what.contains("(research-cooperation) of Jagiellonian University (jagiellonian)"))
        #expect(plan.refused.map(\.row) == [4])
        #expect(plan.refused.first?.rule.contains("no partner has erasmusCode \"XX NOWHERE01\"") == true)
        document.put(plan.records, summary: "import")
        let uj = try #require(document.store.partner(id: "jagiellonian"))
        #expect(uj.agreements.count == 2)
        #expect(uj.agreements[0].quota?.incoming == 6 && uj.agreements[0].quota?.outgoing == 4)
        #expect(uj.agreements[1].subjectAreas == ["0533", "0713"] && uj.agreements[1].end == Day("2030-12-31"))
    }

    @Test("a new end for an agreement's kind and start extends it; a row without a start finds the partner's only one of its kind")
    func agreementExtended() throws {
        let document = try Self.document()
        let plan = try Self.plan(.agreements, ["Partner", "Land", "Erasmus-Code", "Art", "Beginn", "Ende"], [
            ["Jagiellonian University", "Polen", "PL KRAKOW01", "erasmus", "01.06.2021", "31.05.2028"],
            ["University of Wrocław", "PL", "", "erasmus", "", "2029-06-30"],
            ["The University of Tokyo", "JP", "", "student-exchange", "2027-04-01", "2032-03-31"],
        ], in: document)
        #expect(plan.refused.isEmpty)
        #expect(plan.changed.map(\.what) == ["agreement uj-erasmus of Jagiellonian University (jagiellonian)", "agreement wroclaw-erasmus of University of Wrocław (wroclaw)"])
        #expect(plan.changed.first?.changes == [ImportPlan.FieldChange(label: "End", old: "2027-08-31", new: "2028-05-31")])
        #expect(plan.added.map(\.row) == [4], "another start is another agreement")
        document.put(plan.records, summary: "import")
        #expect(document.store.partner(id: "jagiellonian")?.agreements.map(\.id) == ["uj-erasmus"])
    }

    @Test("a new agreement without a column for its kind is refused saying the sheet has none")
    func agreementWithoutKindColumn() throws {
        let plan = try Self.plan(.agreements, ["Partner", "Beginn", "Ende"], [["ETH Zürich", "01.01.2026", "31.12.2030"]], in: try Self.document())
        #expect(plan.refused.map(\.description) == ["row 2: Kind is required, and the sheet has no column for it"])
    }

    @Test("a row without a start for a partner with two agreements of its kind adds one, not a guess")
    func agreementWithoutStartAmongTwo() throws {
        let document = try Self.document()
        let first = try Self.plan(.agreements, ["partnerId", "kind", "start", "end"], [["ethz", "research-cooperation", "2027-01-01", "2030-12-31"]], in: document)
        document.put(first.records, summary: "import")
        let plan = try Self.plan(.agreements, ["partnerId", "kind", "end"], [["ethz", "research-cooperation", "2031-12-31"]], in: document)
        #expect(plan.changed.isEmpty && plan.added.count == 1)
    }

    @Test("contacts match by e-mail or name and partner; their partner may be named, and the home institution means none")
    func contacts() throws {
        let document = try Self.document()
        let sprung = try #require(document.store.contact(id: "monika-sprung"))
        let plan = try Self.plan(.contacts, ["name", "organisation", "email", "role"], [
            [sprung.name, "Ruhr-Universität Bochum", "", "Head"],
            ["Anna Nowak", "Jagiellonian University", "anna@uj.edu.pl", "Coordinator"],
            ["Kim", "Nowhere University", "", ""],
        ], in: document)
        #expect(plan.changed.map(\.row) == [2])
        #expect(plan.added.map(\.row) == [3])
        #expect(plan.refused.map(\.column) == ["organisation"])
        document.put(plan.records, summary: "import")
        #expect(document.store.contacts.first { $0.name == "Anna Nowak" }?.partnerId == "jagiellonian")
        let again = try Self.plan(.contacts, ["E-Mail", "Telefon"], [["ANNA@uj.edu.pl", "+48 12 000"]], in: document)
        #expect(again.changed.count == 1 && again.added.isEmpty)
    }

    @Test("events match by title and start")
    func events() throws {
        let document = try Self.document()
        let event = try #require(document.store.events.first)
        let plan = try Self.plan(.events, ["Titel", "Beginn", "Ort"], [
            [event.title, event.start.map { "\($0.day).\($0.month).\($0.year)" } ?? "", "Online"],
            ["Neue Tagung", "2027-02-01", "Bochum"],
        ], in: document)
        #expect(plan.changed.map(\.what) == ["event \(event.title) (\(event.id))"])
        #expect(plan.added.map(\.row) == [3])
    }

    @Test("an event's links may name their records: a partner by its id, name, short name or name without \"The\", a contact by name, an objective by title")
    func eventLinksByName() throws {
        let document = try Self.document()
        let objective = try #require(document.store.objectives.first)
        let plan = try Self.plan(.events, ["Titel", "Beginn", "Partner", "Kontakte", "Ziele"], [
            ["Delegation Tokyo", "2027-05-01", "University of Tokyo; ETH Zuerich; jagiellonian", "Monika Sprung", objective.title],
            ["Delegation Osaka", "2027-06-01", "Osaka U, Ruhr-Universität Bochum", "", ""],
            ["Tagung", "2027-07-01", "Nowhere University", "", ""],
            ["Besuch", "2027-08-01", "UTokyo", "Nobody Known", ""],
        ], in: document)
        #expect(plan.added.map(\.row) == [2, 3])
        let events = plan.records.compactMap { record -> Event? in if case .event(let event) = record { event } else { nil } }
        #expect(events.map(\.partnerIds) == [["utokyo", "ethz", "jagiellonian"], ["osaka"]], "RUB's own name is no partner")
        #expect(events.first?.contactIds == ["monika-sprung"] && events.first?.objectiveIds == [objective.id])
        #expect(plan.refused.map(\.description) == [#"row 4, column "Partner": no partner is called "Nowhere University""#,
                                                    #"row 5, column "Kontakte": no contact is called "Nobody Known""#])
    }

    @Test("a contact's organisation is its partner's name, short name, local name or name without \"The\"", arguments: ["The University of Tokyo", "University of Tokyo", "UTokyo", "utokyo", "東京大学"])
    func contactOrganisation(organisation: String) throws {
        let document = try Self.document()
        let plan = try Self.plan(.contacts, ["Name", "Organisation"], [["Kenji Sato", organisation]], in: document)
        #expect(plan.refused.isEmpty)
        guard case .contact(let contact)? = plan.records.first else { Issue.record("no contact added"); return }
        #expect(contact.partnerId == "utokyo")
    }

    @Test("a row the rules refuse as a value refuses it with the rule's words (a control character, a status not on the list)")
    func rulesOfSet() throws {
        let document = try Self.document()
        let plan = try Self.plan(.partners, ["id", "status", "Name"], [["ethz", "actve", "ETH Zürich"], ["jagiellonian", "active", "Jagiellonian\u{1B}[31m"]], in: document)
        #expect(plan.refused.map(\.column) == ["status", "Name"])
        #expect(plan.refused[0].rule.contains("\"actve\" is not one of") && plan.refused[0].rule.contains("did you mean active?"))
        #expect(plan.refused[1].rule.contains("U+001B"))
    }
}
