import Testing
@testable import LiaisonCore

@Suite("Search")
struct SearchTests {
    let today = Day("2026-11-24")!

    private func network() throws -> Network {
        let text = Fixtures.network(partners: [
            Fixtures.partner("uj", name: "Jagiellonian University", extra: #", "localName": "Uniwersytet Jagielloński", "city": "Kraków", "tags": ["poland"], "since": "1995-06-01", "agreements": [{"id": "uj-e", "kind": "erasmus", "end": "2027-03-01"}]"#),
            Fixtures.partner("lodz", name: "University of Łódź", extra: #", "city": "Łódź", "since": "2016-01-01""#),
            Fixtures.partner("eth", name: "ETH Zürich", country: "CH", extra: #", "partnershipType": "research-led", "agreements": [{"id": "eth-r", "kind": "research-cooperation", "end": "2030-01-01"}]"#)
                .replacingOccurrences(of: #""partnershipType": "exchange", "#, with: ""),
            Fixtures.partner("mun", name: "Universität München", country: "DE", extra: #", "notes": "Partner of Universität Bochum in physics""#),
            Fixtures.partner("tokyo", name: "The University of Tokyo", country: "JP", extra: #", "localName": "東京大学", "tags": ["japan"], "since": "1969-01-01""#),
            Fixtures.partner("tokyo-tech", name: "Tokyo Institute of Technology", country: "JP", extra: #", "agreements": [{"id": "tt-x", "kind": "student-exchange", "end": "2026-12-31"}]"#),
        ], contacts: [#"{"id": "c1", "name": "Japan Desk", "unit": "International Office"}"#],
           events: [#"{"id": "e1", "title": "RUB Japan Science Days 2018", "start": "2018-07-05", "kind": "science-days"}"#])
        return try #require(Fixtures.decode(text).network)
    }

    private func ids(_ query: String) throws -> [String] {
        let network = try network()
        let parsed = try SearchQuery(parsing: query, today: today)
        return SearchIndex(network: network).search(parsed, in: network, today: today).map(\.id)
    }

    @Test("case and diacritics are ignored, in both directions")
    func diacritics() throws {
        #expect(try ids("krakow") == ["uj"])
        #expect(try ids("KRAKÓW") == ["uj"])
        #expect(try ids("zurich") == ["eth"])
        #expect(try ids("lodz") == ["lodz"])
        #expect(try ids("universitat bochum") == ["mun"])
        #expect(try ids("jagiellonski") == ["uj"])
    }

    @Test("country names, local names, tags, contacts and events are searched")
    func fields() throws {
        #expect(Set(try ids("japan")) == ["tokyo", "tokyo-tech", "c1", "e1"])
        #expect(try ids("東京") == ["tokyo"])
        #expect(try ids("switzerland") == ["eth"])
        #expect(try ids("international office") == ["c1"])
    }

    @Test("filters combine with words by AND")
    func filters() throws {
        #expect(Set(try ids("country:JP")) == ["tokyo", "tokyo-tech"])
        #expect(try ids("country:japan tag:japan") == ["tokyo"])
        #expect(try ids("type:research-led") == ["eth"])
        #expect(try ids("kind:erasmus") == ["uj"])
        #expect(try ids("kind:science-days") == ["e1"])
        #expect(try ids("expires:<60d") == ["tokyo-tech"])
        #expect(Set(try ids("expires:<180d")) == ["tokyo-tech", "uj"])
        #expect(Set(try ids("expires:<1y")) == ["tokyo-tech", "uj"])
        #expect(try ids("expires:>2029-01-01") == ["eth"])
        #expect(try ids("since:>2015") == ["lodz"])
        #expect(try ids("since:<1990") == ["tokyo"])
        #expect(try ids("country:PL since:>2015 lodz") == ["lodz"])
        #expect(try ids("country:PL tokyo") == [])
        #expect(try ids("status:planned") == [])
    }

    @Test("exact name matches first, then name prefixes, then the rest")
    func ranking() throws {
        let network = try network()
        let index = SearchIndex(network: network)
        let hits = index.search(try SearchQuery(parsing: "tokyo", today: today), in: network, today: today)
        #expect(hits.map(\.id) == ["tokyo-tech", "tokyo"])
        #expect(hits.map(\.rank) == [1, 2])
        let exact = index.search(try SearchQuery(parsing: "ETH Zürich", today: today), in: network, today: today)
        #expect(exact.first?.rank == 0)
        let local = index.search(try SearchQuery(parsing: "東京大学", today: today), in: network, today: today)
        #expect(local.first?.rank == 0)
    }

    @Test("a malformed filter is an error naming it, not an empty result")
    func malformedFilters() {
        func message(_ text: String) -> String? {
            do {
                _ = try SearchQuery(parsing: text, today: today)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message("expires:soon") == "expires:soon: expected a time from today or a date: <180d, <6m, <2027-06-30")
        #expect(message("country:Atlantis") == "country:Atlantis: \"Atlantis\" is not a country code or name")
        #expect(message("type:strategic")?.hasPrefix("type:strategic: unknown partnership type") == true)
        #expect(message("colour:red")?.hasPrefix("colour:red: unknown filter \"colour:\"") == true)
        #expect(message("since:recently")?.hasPrefix("since:recently: expected a year or a date") == true)
        #expect(message("status:") == "status:: a value is missing after \"status:\"")
        // Not filters: times and URLs are words.
        #expect(message("10:30 https://uj.edu.pl") == nil)
    }

    @Test("quoted phrases stay together")
    func phrases() throws {
        #expect(try ids("\"of tokyo\"") == ["tokyo"])
    }
}

@Suite("Text folding")
struct FoldingTests {
    @Test func folds() {
        #expect(TextFolding.fold("Universität Bochum") == "universitat bochum")
        #expect(TextFolding.fold("Łódź ĐÀ NẴNG Straße Ærø") == "lodz da nang strasse aero")
        #expect(TextFolding.fold("Αθήνα Москва") == "αθηνα москва")
        #expect(TextFolding.fold("東京大学 서울") == "東京大学 서울")
        #expect(TextFolding.fold("Zu\u{308}rich") == "zurich")
    }
}
