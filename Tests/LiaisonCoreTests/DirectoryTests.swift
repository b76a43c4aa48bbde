import Testing
@testable import LiaisonCore

@Suite("Reference directory")
struct DirectoryTests {
    @Test("Erasmus codes are read leniently and padded as the ECHE list pads them")
    func erasmusCodePadding() {
        #expect(ErasmusCode("d bochum01")?.padded == "D  BOCHUM01")
        #expect(ErasmusCode("PL  KRAKOW01")?.padded == "PL KRAKOW01")
        #expect(ErasmusCode("IRLDUBLIN01")?.padded == "IRLDUBLIN01")
        #expect(ErasmusCode("E\u{A0} BARCELO100")?.padded == "E  BARCELO100")
        #expect(ErasmusCode("DK FREDERICIA 01")?.padded == "DK FREDERICIA01")
        #expect(ErasmusCode("DTRIER01")?.padded == "D  TRIER01")
        #expect(ErasmusCode("KRAKOW01 PL") == nil)
        #expect(ErasmusCode("PL KRAKOW") == nil)
        #expect(ErasmusCode.isWellFormed("F  VERDUN1"))
        // As offices write codes, and the data file's rule has long taken them: up to two spaces.
        #expect(ErasmusCode.isWellFormed("PL  KRAKOW01") && ErasmusCode.isWellFormed("D BOCHUM01"))
        #expect(!ErasmusCode.isWellFormed("PL   KRAKOW01") && !ErasmusCode.isWellFormed("d  bochum01"))
        #expect(ErasmusCode.comparisonKey("pl  krakow01") == ErasmusCode.comparisonKey("PL KRAKOW01"))
    }

    @Test("the field rule suggests the list's form of a code it can read but that is not written as one")
    func fieldRuleSuggestsPadding() {
        var partner = Fixtures.newPartner("rub", name: "Ruhr-Universität Bochum", country: "DE")
        partner.erasmusCode = "d bochum01"
        let messages = Validation.check(partner).map(\.message)
        #expect(messages.contains { $0.contains("\"D  BOCHUM01\"") }, "\(messages)")
    }

    static let entries = [
        DirectoryEntry(source: .ror, id: "https://ror.org/057zh3y96", names: [
            DirectoryEntry.Name("The University of Tokyo", language: "en"),
            DirectoryEntry.Name("東京大学", language: "ja", kind: .label),
            DirectoryEntry.Name("UTokyo", language: "en", kind: .acronym),
        ], countryCode: "JP", city: "Tokyo", domains: ["u-tokyo.ac.jp"]),
        DirectoryEntry(source: .eche, id: "PL LODZ01", names: [DirectoryEntry.Name("Uniwersytet Łódzki")], countryCode: "PL",
                       website: "https://www.uni.lodz.pl", erasmusCode: "PL LODZ01"),
        DirectoryEntry(source: .eche, id: "D  BOCHUM01", names: [DirectoryEntry.Name("Ruhr-Universität Bochum")], countryCode: "DE",
                       erasmusCode: "D  BOCHUM01"),
    ]

    @Test("completion folds diacritics, matches word starts in any order and any script")
    func completion() {
        let index = DirectoryIndex(Self.entries)
        #expect(index.complete("lodz").map(\.id) == ["PL LODZ01"])
        #expect(index.complete("bochum RUHR").map(\.id) == ["D  BOCHUM01"])
        #expect(index.complete("universitat").map(\.id) == ["D  BOCHUM01"])
        #expect(index.complete("東京").map(\.id) == ["https://ror.org/057zh3y96"])
        #expect(index.complete("大学").map(\.id) == ["https://ror.org/057zh3y96"])
        #expect(index.complete("utok").map(\.id) == ["https://ror.org/057zh3y96"])
        #expect(index.complete("tokyo lodz").isEmpty)
        #expect(index.complete(" - ").isEmpty)
    }

    @Test("a name that starts with the text ranks before one that only has the word")
    func ranking() {
        let entries = [
            DirectoryEntry(source: .list, id: "a", names: [DirectoryEntry.Name("Technical University of Munich")]),
            DirectoryEntry(source: .list, id: "b", names: [DirectoryEntry.Name("Munich University of Applied Sciences")]),
        ]
        #expect(DirectoryIndex(entries).complete("munich").map(\.id) == ["b", "a"])
    }

    @Test("the SCHAC code is the domain, else the website's host without www")
    func schacFromDomain() {
        #expect(Self.entries[0].schac == "u-tokyo.ac.jp")
        #expect(Self.entries[1].schac == "uni.lodz.pl")
        #expect(Self.entries[2].schac == nil)
    }

    @Test("entries are stored per source and load back the same")
    func storageRoundTrip() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let storage = DirectoryStorage(folder: folder.file("liaison/directory"))
        try storage.write(Self.entries.filter { $0.source == .ror }, as: .ror)
        try storage.write(Self.entries.filter { $0.source == .eche }, as: .eche)
        let loaded = try storage.load()
        #expect(Set(loaded.map(\.id)) == Set(Self.entries.map(\.id)))
        #expect(loaded.first { $0.source == .ror } == Self.entries[0])
    }

    /// ROR records as the reader makes them: a Japanese university with its own-script label and
    /// acronym, a Polish one whose name shown is its Polish name and whose English label differs.
    static let rorEntries = [
        DirectoryEntry(source: .ror, id: "https://ror.org/057zh3y96", names: [
            DirectoryEntry.Name("The University of Tokyo", language: "en"),
            DirectoryEntry.Name("東京大学", language: "ja", kind: .label),
            DirectoryEntry.Name("UTokyo", language: "en", kind: .acronym),
        ], countryCode: "JP", city: "Tokyo", website: "https://www.u-tokyo.ac.jp/en/", domains: ["u-tokyo.ac.jp"]),
        DirectoryEntry(source: .ror, id: "https://ror.org/03bqmcz70", names: [
            DirectoryEntry.Name("Uniwersytet Jagielloński", language: "pl"),
            DirectoryEntry.Name("Jagiellonian University", language: "en", kind: .label),
            DirectoryEntry.Name("UJ", kind: .acronym),
            DirectoryEntry.Name("Universitas Iagellonica Cracoviensis", language: "la", kind: .alias),
        ], countryCode: "PL", city: "Kraków", domains: ["uj.edu.pl"]),
        DirectoryEntry(source: .eche, id: "PL KRAKOW01", names: [DirectoryEntry.Name("UNIWERSYTET JAGIELLONSKI")], countryCode: "PL",
                       city: "Krakow", erasmusCode: "pl  krakow01", pic: "999984059"),
    ]

    static func fields(_ entry: DirectoryEntry) -> [String: String] {
        Dictionary(uniqueKeysWithValues: DirectoryPartner.fields(of: entry).map { ($0.key, $0.value) })
    }

    @Test("an entry taken as a partner: the English name, the own-script name, acronym, codes padded")
    func entryAsPartner() {
        let tokyo = Self.fields(Self.rorEntries[0])
        #expect(tokyo["name"] == "The University of Tokyo" && tokyo["localName"] == "東京大学" && tokyo["shortName"] == "UTokyo")
        #expect(tokyo["country"] == "JP" && tokyo["city"] == "Tokyo" && tokyo["schacCode"] == "u-tokyo.ac.jp")
        #expect(tokyo["website"] == "https://www.u-tokyo.ac.jp/en/" && tokyo["erasmusCode"] == nil)
        let krakow = Self.fields(Self.rorEntries[1])
        #expect(krakow["name"] == "Jagiellonian University", "the English label, not the Polish name shown")
        #expect(krakow["localName"] == "Uniwersytet Jagielloński", "the name shown, since the English label differs")
        let eche = Self.fields(Self.rorEntries[2])
        #expect(eche["erasmusCode"] == "PL KRAKOW01" && eche["pic"] == "999984059" && eche["localName"] == nil)
        #expect(DirectoryPartner.origin(of: Self.rorEntries[0]) == "ROR https://ror.org/057zh3y96")
    }

    @Test("completion finds entries by city and by English label too")
    func completionByCityAndLabel() {
        let index = DirectoryIndex(Self.rorEntries)
        #expect(index.complete("krakow").map(\.id).sorted() == ["PL KRAKOW01", "https://ror.org/03bqmcz70"])
        #expect(index.complete("jagiellonian").map(\.id) == ["https://ror.org/03bqmcz70"])
        #expect(index.complete("tokyo univ").map(\.id) == ["https://ror.org/057zh3y96"])
    }

    @Test("an entry is named by source and id, Erasmus code, PIC, whole name, or a single completion")
    func choosingAnEntry() {
        let index = DirectoryIndex(Self.rorEntries)
        #expect(DirectoryChoice.choose("ror:https://ror.org/057zh3y96", in: index) == .one(Self.rorEntries[0]))
        #expect(DirectoryChoice.choose("ror.org/057zh3y96", in: index) == .one(Self.rorEntries[0]))
        #expect(DirectoryChoice.choose("eche:PL KRAKOW01", in: index) == .one(Self.rorEntries[2]))
        #expect(DirectoryChoice.choose("PL  KRAKOW01", in: index) == .one(Self.rorEntries[2]))
        #expect(DirectoryChoice.choose("999984059", in: index) == .one(Self.rorEntries[2]))
        #expect(DirectoryChoice.choose("University of Tokyo", in: index) == .one(Self.rorEntries[0]))
        #expect(DirectoryChoice.choose("東京", in: index) == .one(Self.rorEntries[0]))
        #expect(DirectoryChoice.choose("uniwersytet jagiellonski", in: index) == .several([Self.rorEntries[1], Self.rorEntries[2]]))
        #expect(DirectoryChoice.choose("sorbonne", in: index) == .none)
    }

    func document(directory: [DirectoryEntry]? = nil) throws -> Document {
        let document = try Document(storage: MemoryStorage(network: try Fixtures.sample()), editor: "ada")
        document.directory = directory.map(DirectoryIndex.init)
        return document
    }

    @Test("a partner with an existing partner's Erasmus code (as codes compare), PIC or SCHAC code is a lookalike", arguments: [
        ("erasmusCode", "pl  krakow01", "the same Erasmus code PL KRAKOW01"),
        ("schacCode", "UJ.edu.pl", "the same SCHAC code uj.edu.pl"),
        ("pic", "999984059", "the same PIC 999984059"),
    ])
    func lookalikeByCode(field: String, value: String, reason: String) throws {
        let document = try document()
        if field == "pic" {
            var known = try #require(document.store.partner(id: "jagiellonian"))
            known.pic = "999984059"
            #expect(document.put(.partner(known)).isApplied)
        }
        let new = try FieldAssignment.apply([("name", "Some Other Name"), ("country", "PL"), (field, value)],
                                            to: .partner(Fixtures.newPartner("new", name: "x", country: "PL")))
        guard case .lookalike(let match) = document.put(new) else {
            Issue.record("a partner with \(field) \(value) was added beside the Jagiellonian University")
            return
        }
        #expect(match.partner.id == "jagiellonian" && match.reason == reason)
    }

    @Test("with a directory, a name of an entry whose code a partner has is that partner")
    func lookalikeByDirectory() throws {
        // The Polish name is the sample partner's local name, so the test takes the Latin one.
        let polish = Fixtures.newPartner("new", name: "Universitas Iagellonica Cracoviensis", country: "PL")
        #expect(try document().put(.partner(polish)).isApplied, "without a directory the Latin name is another name")
        let document = try document(directory: Self.rorEntries)
        guard case .lookalike(let match) = document.put(.partner(polish)) else {
            Issue.record("the Latin name of the Jagiellonian University was added beside it")
            return
        }
        #expect(match.partner.id == "jagiellonian")
        #expect(match.reason == "the SCHAC code uj.edu.pl of \"Universitas Iagellonica Cracoviensis\" in ROR https://ror.org/03bqmcz70", "\(match.reason)")
        let elsewhere = Fixtures.newPartner("new", name: "Universitas Iagellonica Cracoviensis", country: "DE")
        #expect(document.put(.partner(elsewhere)).isApplied, "an entry of another country is another institution")
    }
}

@Suite("Lookalikes by local name and hei-id (issue 10 trial)")
struct LookalikeTrialTests {
    func document() throws -> Document {
        try Document(storage: MemoryStorage(network: try Fixtures.sample()), editor: "ada")
    }

    @Test("a new partner named as an existing partner's local name is that partner")
    func localName() throws {
        let polish = Fixtures.newPartner("uniwersytet-lodzki", name: "Uniwersytet Łódzki", country: "PL")
        guard case .lookalike(let match) = try document().put(.partner(polish)) else {
            Issue.record("\"Uniwersytet Łódzki\" was added beside the University of Łódź, whose local name it is")
            return
        }
        #expect(match.partner.id == "lodz")
        #expect(match.reason == "the name \"Uniwersytet Łódzki\" as its name or local name, in the same country", "\(match.reason)")
        var english = Fixtures.newPartner("new", name: "Someplace", country: "PL")
        english.localName = "University of Łódź"
        guard case .lookalike(let other) = try document().put(.partner(english)) else {
            Issue.record("a local name that is an existing partner's name was not found")
            return
        }
        #expect(other.partner.id == "lodz")
    }

    @Test("the ECHE entry of a partner without codes is that partner by its website's domain")
    func heiIDFromWebsite() throws {
        let entry = DirectoryEntry(source: .eche, id: "PL LODZ01", names: [DirectoryEntry.Name("UNIWERSYTET LODZKI ZZZ")], countryCode: "PL",
                                   website: "https://www.uni.lodz.pl", erasmusCode: "PL LODZ01")
        let new = try FieldAssignment.apply(DirectoryPartner.fields(of: entry), to: .partner(Fixtures.newPartner("new", name: "x", country: "PL")))
        guard case .lookalike(let match) = try document().put(new) else {
            Issue.record("the ECHE list's Uniwersytet Łódzki was added beside the University of Łódź with the same website")
            return
        }
        #expect(match.partner.id == "lodz")
        #expect(match.reason == "the same hei-id uni.lodz.pl (the domain of its website https://www.uni.lodz.pl/en)", "\(match.reason)")
    }
}

@Suite("Directory: umlauts typed find names written out (issue 10 trial)")
struct DirectoryUmlautTests {
    static let entries = [
        DirectoryEntry(source: .eche, id: "D  BOCHUM01", names: [DirectoryEntry.Name("RUHR-UNIVERSITAET BOCHUM")], countryCode: "DE", erasmusCode: "D  BOCHUM01"),
        DirectoryEntry(source: .eche, id: "D  KOLN01", names: [DirectoryEntry.Name("Universität zu Köln")], countryCode: "DE", erasmusCode: "D  KOLN01"),
    ]

    @Test("a query with umlauts finds the name written out and the name with umlauts")
    func completion() {
        let index = DirectoryIndex(Self.entries)
        #expect(index.complete("Ruhr-Universität Bochum").map(\.id) == ["D  BOCHUM01"])
        #expect(index.complete("universität").map(\.id) == ["D  KOLN01", "D  BOCHUM01"])
        #expect(index.complete("Köln").map(\.id) == ["D  KOLN01"])
        #expect(index.entries(named: "Ruhr-Universität Bochum").map(\.id) == ["D  BOCHUM01"])
        #expect(DirectoryChoice.choose("Ruhr-Universität Bochum", in: index) == .one(Self.entries[0]))
    }

    @Test("umlauts typed without dots find them written out, and written out find them without dots")
    func withoutDots() {
        let wien = DirectoryEntry(source: .eche, id: "A  WIEN01", names: [DirectoryEntry.Name("UNIVERSITAT WIEN")], countryCode: "AT", erasmusCode: "A  WIEN01")
        let index = DirectoryIndex(Self.entries + [wien])
        #expect(index.complete("Ruhr-Universitat Bochum").map(\.id) == ["D  BOCHUM01"])
        #expect(index.complete("Universitat Bochum").map(\.id) == ["D  BOCHUM01"])
        #expect(index.complete("Universitaet Wien").map(\.id) == ["A  WIEN01"])
        #expect(index.complete("Universität Wien").map(\.id) == ["A  WIEN01"])
        #expect(DirectoryIndex.contractingWrittenOutUmlauts(Array("koeln".utf8)) == Array("koln".utf8))
        #expect(DirectoryIndex.contractingWrittenOutUmlauts(Array("bochum".utf8)) == nil)
    }
}

@Suite("check codes: programme countries and websites by host (issue 10 trial)")
struct CodeCheckTrialTests {
    @Test("a missing Erasmus code, PIC or SCHAC code counts in Erasmus+ programme countries only", arguments: [
        ("JP", false), ("US", false), ("AU", false), ("PL", true), ("DE", true), ("TR", true), ("NO", true), ("CH", false),
    ])
    func programmeCountries(country: String, expected: Bool) {
        let partner = Fixtures.newPartner("p", name: "Some University", country: country)
        let missing = CodeCheck.findings(for: partner, directory: nil).filter { $0.problem == .missing }.map(\.field)
        #expect(missing == (expected ? CodeFinding.Field.allCases : []), "\(country): \(missing)")
    }

    @Test("a partner outside the programme countries still gets a code the directory knows")
    func knownOutsideProgramme() {
        let entry = DirectoryEntry(source: .ror, id: "https://ror.org/057zh3y96", names: [DirectoryEntry.Name("The University of Tokyo")],
                                   countryCode: "JP", domains: ["u-tokyo.ac.jp"])
        let partner = Fixtures.newPartner("tokyo", name: "University of Tokyo", country: "JP")
        let findings = CodeCheck.findings(for: partner, directory: DirectoryIndex([entry]))
        #expect(findings.map { "\($0.field.rawValue) \($0.suggestion ?? "")" } == ["schacCode u-tokyo.ac.jp"])
    }

    @Test("a partner's website is its entry's website compared by host: scheme, www. and path ignored")
    func websiteByHost() {
        let entry = DirectoryEntry(source: .eche, id: "E  BILBAO02", names: [DirectoryEntry.Name("UNIVERSIDAD DE DEUSTO")], countryCode: "ES",
                                   website: "http://www.deusto.es", erasmusCode: "E  BILBAO02", pic: "999876971")
        var partner = Fixtures.newPartner("deusto", name: "University of Deusto", country: "ES")
        partner.website = "https://www.deusto.es/en/home"
        #expect(CodeCheck.matchingEntries(for: partner, in: DirectoryIndex([entry])) == [entry])
        let findings = CodeCheck.findings(for: partner, directory: DirectoryIndex([entry]))
        #expect(findings.map { "\($0.field.rawValue) \($0.suggestion ?? "")" } == ["erasmusCode E  BILBAO02", "pic 999876971", "schacCode deusto.es"])
    }
}

@Suite("Directory: a SCHAC code only from a domain (issue 10 trial)")
struct SCHACFromDomainTests {
    @Test("a website column that is not a domain gives no SCHAC code", arguments: [
        ("ndlr@ndlr.fr", nil), ("mailto:info@uni.fr", nil), ("see our site", nil), ("localhost", nil),
        ("http://www.deusto.es/", "deusto.es"), (" www.uni.lodz.pl ", "uni.lodz.pl"),
    ] as [(String, String?)])
    func website(_ website: String, expected: String?) {
        let entry = DirectoryEntry(source: .eche, id: "F  TOURS36", names: [DirectoryEntry.Name("NOTRE-DAME LA RICHE")], countryCode: "FR", website: website)
        #expect(entry.schac == expected)
        var partner = Fixtures.newPartner("p", name: "x", country: "FR")
        partner.website = website
        #expect(partner.heiID == expected)
    }

    @Test("a domain that is not one is passed over for the next")
    func domains() {
        #expect(DirectoryEntry.schac(domains: ["a@b.fr", "uni.fr"], website: nil) == "uni.fr")
        let stored = DirectoryEntry(source: .eche, id: "F  TOURS26", names: [DirectoryEntry.Name("x")], website: "ndlr@ndlr.fr", schac: "ndlr@ndlr.fr")
        #expect(stored.schac == nil, "a code an earlier import stored from an e-mail address")
    }
}

@Suite("Lookalike: the home institution is not a partner (issue 10 trial)")
struct HomeInstitutionLookalikeTests {
    @Test("a partner with the home institution's Erasmus code, website or name is asked about as the home institution", arguments: [
        ("erasmusCode", "d bochum01", "the same Erasmus code D BOCHUM01"),
        ("website", "http://ruhr-uni-bochum.de/en/", "the same hei-id ruhr-uni-bochum.de (the domain of its website https://www.ruhr-uni-bochum.de)"),
        ("name", "RUHR-UNIVERSITAET BOCHUM", "the same name (umlauts written out) in the same country"),
    ])
    func home(field: String, value: String, reason: String) throws {
        let document = try Document(storage: MemoryStorage(network: try Fixtures.sample()), editor: "ada")
        let new = try FieldAssignment.apply([("name", "Some Other Name"), ("country", "DE"), (field, value)],
                                            to: .partner(Fixtures.newPartner("new", name: "x", country: "DE")))
        guard case .lookalike(let match) = document.put(new) else {
            Issue.record("a partner with the home institution's \(field) was added without a question")
            return
        }
        #expect(match.isHomeInstitution && match.reason == reason, "\(match.reason)")
        #expect(match.problem == "is the home institution, not a partner")
        guard case .partner(let candidate) = new else { return }
        #expect(Lookalike.Index(store: document.store).match(candidate) == nil, "an import's row is not the home institution's")
    }
}

@Suite("Directory ranking: whole words, then universities (issue 10 trial)")
struct DirectoryRankingTests {
    static func entry(_ id: String, _ name: String, city: String) -> DirectoryEntry {
        DirectoryEntry(source: .eche, id: id, names: [DirectoryEntry.Name(name)], countryCode: "FR", city: city)
    }

    @Test("a word typed whole in a name or city ranks before one it only starts; a university before a school")
    func tours() {
        let index = DirectoryIndex([
            Self.entry("F  TOURS30", "ATEC ITS", city: "Tours"),
            Self.entry("F  TOURS41", "ECOLE TOURSIENNE", city: "Chinon"),
            Self.entry("F  TOURS37", "CENTRE HOSPITALIER REGIONAL UNIVERSITAIRE DE TOURS", city: "TOURS"),
            Self.entry("F  TOURS01", "UNIVERSITE DE TOURS", city: "TOURS"),
        ])
        #expect(index.complete("tours").map(\.id) == ["F  TOURS01", "F  TOURS30", "F  TOURS37", "F  TOURS41"])
    }

    @Test("a name that only starts with the text does not rank first: Krakowska... after the Jagiellonian University")
    func krakow() {
        let index = DirectoryIndex([
            Self.entry("PL KRAKOW31", "Krakowska Wyzsza Szkola Promocji Zdrowia", city: "Kraków"),
            Self.entry("PL KRAKOW03", "POLITECHNIKA KRAKOWSKA", city: "KRAKOW"),
            Self.entry("PL KRAKOW01", "UNIWERSYTET JAGIELLONSKI", city: "KRAKOW"),
        ])
        #expect(index.complete("krakow").map(\.id) == ["PL KRAKOW01", "PL KRAKOW03", "PL KRAKOW31"])
    }
}
