import Testing
@testable import LiaisonCore

@Suite("Load errors and warnings")
struct LoadErrorTests {
    private func errors(_ text: String) -> [String] {
        Fixtures.decode(text).diagnostics.errors.map(\.description)
    }

    private func errors(bytes: [UInt8]) -> [String] {
        NetworkCoding.decode(bytes).diagnostics.errors.map(\.description)
    }

    @Test("a syntax error names line, column and where it is")
    func syntaxError() {
        let text = "{\n  \"schemaVersion\": 1,\n  \"partners\": [\n    {\"id\": \"p1\",, }\n  ]\n}"
        let result = Fixtures.decode(text)
        #expect(result.network == nil)
        #expect(result.diagnostics.count == 1)
        let diagnostic = result.diagnostics[0]
        #expect(diagnostic.line == 4)
        #expect(diagnostic.column == 17)
        #expect(diagnostic.description == "line 4, column 17: partners[0]: invalid JSON: unexpected ',', a key in double quotes was expected")
    }

    @Test("truncated file, trailing garbage, empty file, byte order mark")
    func otherSyntax() {
        #expect(errors("{\"schemaVersion\": 1") == ["line 1, column 20: invalid JSON: unexpected end of file inside an object"])
        #expect(errors("{} x") == ["line 1, column 4: invalid JSON: unexpected 'x' after the end of the document"])
        #expect(errors("") == ["line 1, column 1: invalid JSON: the file is empty"])
        #expect(errors(bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)).first?.contains("byte order mark") == true)
        #expect(errors("{\"a\": 01}").first?.contains("leading zeros") == true)
        #expect(errors("{\"a\": \"\\x\"}").first?.contains("invalid escape") == true)
        #expect(errors("{\"a\": \"\\ud800\"}").first?.contains("unpaired surrogate") == true)
    }

    @Test("invalid UTF-8 is an error with its position, never repaired")
    func invalidUTF8() {
        let bytes = Array("{\"schemaVersion\": 1, \"x\": \"ab".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        let found = errors(bytes: bytes)
        #expect(found == ["line 1, column 30: x: invalid JSON: invalid UTF-8 in a string"])
    }

    @Test("duplicate keys are refused")
    func duplicateKeys() {
        let text = Fixtures.network(partners: [Fixtures.partner("p1", extra: #", "name": "again""#)])
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found[0].hasSuffix("partners[0]: invalid JSON: duplicate key \"name\""))
    }

    @Test("nesting deeper than any network file needs is refused")
    func deepNesting() {
        let text = "{\"schemaVersion\": 1, \"x\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(errors(text).first?.contains("nesting deeper than 64 levels") == true)
    }

    @Test("every problem is reported at once, each with its path")
    func allProblemsAtOnce() {
        let text = Fixtures.network(partners: [
            Fixtures.partner("p1", country: "Germany"),
            #"{"id": "p2", "country": "PL", "partnershipType": "exchange", "status": "active", "since": 2015}"#,
            Fixtures.partner("p1", extra: #", "agreements": [{"id": "a1", "kind": "erasmus", "start": "2020-01-01", "end": "2019-12-31", "quota": {"incoming": -1}, "subjectAreas": ["533"]}]"#),
            Fixtures.partner("Bad Id", extra: #", "since": "2025-02-29", "tags": "japan""#),
        ])
        let found = Set(errors(text))
        let expected: Set<String> = [
            #"partners[0].country: "Germany" is not an ISO 3166-1 alpha-2 code (did you mean DE?)"#,
            "partners[1].name: is required but missing",
            "partners[1].since: must be a string, not a number",
            #"partners[3].since: "2025-02-29" is not a date: YYYY-MM-DD, a real day of the calendar"#,
            "partners[3].tags: must be an array of strings, not a string",
            "partners[2].agreements[0].end: 2019-12-31 is before the start 2020-01-01",
            "partners[2].agreements[0].quota.incoming: -1 is negative; quotas count people and are 0 or more",
            #"partners[2].agreements[0].subjectAreas[0]: "533" is not an ISCED-F 2013 code of 4 digits (e.g. 0533)"#,
            #"partners[2].id: id "p1" is already used by partners[0]"#,
            #"partners[3].id: "Bad Id" is not a valid id: lower-case letters and digits, then also . _ -"#,
        ]
        #expect(found == expected)
    }

    @Test("value rules: end before start, negative quota, ISCED codes, duplicate ids, bad ids")
    func valueRules() {
        let text = Fixtures.network(partners: [
            Fixtures.partner("p1"),
            Fixtures.partner("p1", extra: #", "agreements": [{"id": "a1", "kind": "erasmus", "start": "2020-01-01", "end": "2019-12-31", "quota": {"incoming": -1}, "subjectAreas": ["533"]}]"#),
            Fixtures.partner("Bad Id"),
        ], events: [#"{"id": "a1", "title": "Days", "start": "2018-07-07", "end": "2018-07-05"}"#])
        let found = Set(errors(text))
        let expected: Set<String> = [
            "partners[1].agreements[0].end: 2019-12-31 is before the start 2020-01-01",
            "partners[1].agreements[0].quota.incoming: -1 is negative; quotas count people and are 0 or more",
            #"partners[1].agreements[0].subjectAreas[0]: "533" is not an ISCED-F 2013 code of 4 digits (e.g. 0533)"#,
            #"partners[2].id: "Bad Id" is not a valid id: lower-case letters and digits, then also . _ -"#,
            "events[0].end: 2018-07-05 is before the start 2018-07-07",
            #"partners[1].id: id "p1" is already used by partners[0]"#,
            #"events[0].id: id "a1" is already used by partners[1].agreements[0]"#,
        ]
        #expect(found == expected)
    }

    @Test("missing top-level values and wrong top-level types")
    func topLevel() {
        #expect(Set(errors("{}")) == ["institution: is required but missing", "schemaVersion: is required (this program writes 1)"])
        #expect(errors("[]") == ["must be an object, not an array"])
        #expect(errors(#"{"schemaVersion": "1", "institution": {"name": "R", "country": "DE"}}"#) == ["schemaVersion: must be a whole number, not a string"])
        #expect(errors(#"{"schemaVersion": 1, "institution": {"name": "R", "country": "DE"}, "partners": {}}"#) == ["partners: must be an array, not an object"])
    }

    @Test("dangling links and unknown enum values are warnings: the file loads and keeps them")
    func warnings() throws {
        let text = Fixtures.network(partners: [Fixtures.partner("p1", extra: #", "partnershipType": "strategic", "contactIds": ["ghost"]"#)],
                                    events: [#"{"id": "e1", "title": "Days", "start": "2018-07-05", "partnerIds": ["p1", "p9"], "kind": "gala"}"#])
        // The extra partnershipType key above duplicates the one Fixtures writes; build it plainly instead.
        let plain = text.replacingOccurrences(of: #""partnershipType": "exchange", "status": "active", "partnershipType": "strategic""#,
                                              with: #""partnershipType": "strategic", "status": "active""#)
        let result = Fixtures.decode(plain)
        let network = try #require(result.network)
        #expect(network.partners[0].contactIds == ["ghost"])
        #expect(network.partners[0].partnershipType == "strategic")
        let warnings = Set(result.diagnostics.warnings.map(\.description))
        #expect(warnings == [
            #"partners[0].partnershipType: "strategic" is not one of research-led, global-engagement, exchange, network"#,
            #"partners[0].contactIds[0]: links to contact "ghost", which does not exist (the link is kept)"#,
            #"events[0].kind: "gala" is not one of science-days, delegation-visit, conference, workshop, other"#,
            #"events[0].partnerIds[1]: links to partner "p9", which does not exist (the link is kept)"#,
        ])
    }

    @Test("a newer schemaVersion opens read-only with a message")
    func newerSchema() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.write("n.json", #"{"schemaVersion": 2, "institution": {"name": "R", "country": "DE"}, "hologram": true}"#)
        let file = try NetworkFile.load(path: path)
        #expect(file.readOnlyReason?.contains("schemaVersion 2 is newer than this program knows (1)") == true)
    }

    @Test("a missing file is unreadable, naming the file")
    func missingFile() {
        #expect(throws: NetworkFile.LoadError.self) { try NetworkFile.load(path: "/nonexistent/n.json") }
        do {
            _ = try NetworkFile.load(path: "/nonexistent/n.json")
        } catch {
            #expect(error.description == "/nonexistent/n.json: cannot be opened: No such file or directory")
        }
    }
}
