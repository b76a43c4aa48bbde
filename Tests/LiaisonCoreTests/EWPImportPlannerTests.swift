import LiaisonCore
import Testing

/// The rules of `EWPImportPlanner` that the CLI tests do not reach: the agreement's own fields
/// following the IIA unless someone changed them, a hash that is not the content's, both parties
/// ours, a hei-id that names no country, and two IIAs for one agreement.
@Suite("EWP import plan")
struct EWPImportPlannerTests {
    static let rub = "ruhr-uni-bochum.de"

    func document() throws -> Document {
        try Document(storage: MemoryStorage(network: try Fixtures.sample()), editor: "ada", account: "ada", journaling: false)
    }

    static func iia(ourID: String = "RUB-1", theirID: String = "X-1", years: (String, String) = ("2025/2026", "2027/2028"), isced: String = "0533") -> IIA {
        var iia = IIA()
        iia.ours = IIASide()
        iia.ours?.iiaId = ourID
        iia.theirs = IIASide()
        iia.theirs?.iiaId = theirID
        iia.inEffect = true
        var mobility = MobilitySpecification()
        mobility.kind = "staff-training"
        mobility.sending = rub
        mobility.receiving = "eur.nl"
        mobility.firstAcademicYear = years.0
        mobility.lastAcademicYear = years.1
        mobility.mobilitiesPerYear = 1
        mobility.subjectAreas = [SubjectArea(code: isced)]
        iia.mobilities = [mobility]
        return iia
    }

    static func item(_ iia: IIA, partner: String = "eur.nl", line: Int = 3, stated: String? = "abc", computed: String = "abc") -> EWPImportPlanner.Item {
        EWPImportPlanner.Item(location: "iias.xml:\(line)", heiIDs: [partner, rub], seenFromUs: (iia, partner), statedHash: stated, computedHash: computed)
    }

    func plan(_ items: [EWPImportPlanner.Item], in document: Document) -> EWPImportPlan {
        EWPImportPlanner.plan(items, institutions: [], directoryEntry: { _ in nil }, in: document)
    }

    func agreement(_ id: String, in document: Document) -> Agreement? {
        document.store.partners.lazy.flatMap(\.agreements).first { $0.id == id }
    }

    @Test("an update moves the start, end and subject areas with the IIA, except a field someone changed since")
    func derivedFieldsFollow() throws {
        let document = try document()
        let first = plan([Self.item(Self.iia())], in: document)
        #expect(first.refused == [] && first.added.count == 1)
        _ = document.put(first.records, summary: "first")
        var added = try #require(agreement("eur-erasmus-2", in: document))
        #expect(added.start == Day("2025-09-01") && added.end == Day("2028-08-31") && added.subjectAreas == ["0533"])

        // Someone sets the end by hand; the partner's next version moves the years and the subject.
        added.end = Day("2028-12-31")
        guard case .partner(var eur)? = document.store.record(id: "eur") else { Issue.record("no eur"); return }
        eur.agreements[eur.agreements.firstIndex { $0.id == added.id }!] = added
        _ = document.put(.partner(eur))
        let second = plan([Self.item(Self.iia(years: ("2026/2027", "2029/2030"), isced: "0541"))], in: document)
        let changes = try #require(second.changed.first?.changes)
        #expect(changes.map(\.label).contains("Start") && !changes.map(\.label).contains("End"))
        #expect(changes.contains { $0.label == "Subject areas" && $0.old == "0533" && $0.new == "0541" })
        _ = document.put(second.records, summary: "second")
        let updated = try #require(agreement("eur-erasmus-2", in: document))
        #expect(updated.start == Day("2026-09-01") && updated.end == Day("2028-12-31") && updated.subjectAreas == ["0541"])
    }

    @Test("a stated hash that is not the content's is said, and the IIA is still imported")
    func hashMismatch() throws {
        let planned = plan([Self.item(Self.iia(), stated: "1111", computed: "2222")], in: try document())
        #expect(planned.added.count == 1 && planned.refused == [])
        #expect(planned.notes == ["iias.xml:3: the iia-hash stated for IIA RUB-1 (1111) is not the hash of its content (2222): "
                                  + "the content was changed after it was hashed, or the partner's system hashes differently; imported as it is"])
    }

    @Test("both parties ours, a hei-id whose domain names no country, and a second IIA for the same agreement are refused")
    func refusals() throws {
        let document = try document()
        let both = EWPImportPlanner.Item(location: "a.xml:2", heiIDs: [Self.rub, "RUHR-UNI-BOCHUM.DE"], seenFromUs: nil, statedHash: nil, computedHash: "")
        let generic = Self.item(Self.iia(ourID: "RUB-2", theirID: "G-1"), partner: "example.com", line: 9)
        let twice = [Self.item(Self.iia(), line: 20), Self.item(Self.iia(), line: 40)]
        let planned = plan([both, generic] + twice, in: document)
        #expect(planned.refused.map(\.location) == ["a.xml:2", "iias.xml:9", "iias.xml:40"])
        #expect(planned.refused[0].rule.hasPrefix("both parties have the home institution's hei-id"))
        #expect(planned.refused[1].rule.contains("no partner has the hei-id \"example.com\"") && planned.refused[1].rule.contains("liaison add partner --name NAME --country CC --schac-code example.com)"))
        #expect(planned.refused[2].rule == "the IIA at iias.xml:20 is already about agreement eur-erasmus-2 (the same iia-id); an agreement is imported from one IIA")
    }

    @Test("an IIA reusing our iia-id of an agreement with another partner is refused, naming both partners, the id and the agreement")
    func ourIiaIDOfAnotherPartner() throws {
        let document = try document()
        let first = plan([Self.item(Self.iia(ourID: "1954991", theirID: "E-1"))], in: document)
        #expect(first.refused == [] && first.added.count == 1)
        _ = document.put(first.records, summary: "first")
        let before = document.store.partners

        for other in ["uw.edu.pl", "example.com"] {
            var reused = Self.iia(ourID: "1954991", theirID: "W-7")
            reused.mobilities[0].receiving = other
            let planned = plan([Self.item(reused, partner: other, line: 12, stated: "1111", computed: "2222")], in: document)
            #expect(planned.changed == [] && planned.added == [] && planned.records == [])
            #expect(planned.notes == [], "a refused IIA is not said to be imported as it is")
            let rule = try #require(planned.refused.first?.rule)
            #expect(rule.contains("our iia-id \"1954991\" is that of agreement eur-erasmus-2 with") && rule.contains("(eur, hei-id eur.nl)"), "\(rule)")
            #expect(rule.contains("but this IIA is with \(other)"))
        }
        #expect(document.store.partners == before)
    }
}
