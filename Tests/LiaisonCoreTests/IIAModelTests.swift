import Foundation
import Testing
@testable import LiaisonCore

/// The EWP IIA carried by an agreement (docs/data-format.md): read, written and checked by the
/// schema tables like every other field.
@Suite("EWP IIA fields in the network file")
struct IIAModelTests {
    static let iia = #"""
    "iia": {
      "ours": {"iiaId": "rub-2026-17", "iiaCode": "RUB/E+/17", "signerName": "Anna Schmidt", "signerRole": "Head of International Office", "signerEmail": "anna.schmidt@rub.de", "signingDate": "2026-03-01"},
      "theirs": {"iiaId": "0f7a5682", "iiaCode": "983/E+/III14&15", "ounitId": "140", "signingDate": "2026-03-12"},
      "inEffect": true,
      "terminatedAsAWhole": false,
      "mobilities": [
        {"kind": "student-studies", "sending": "ruhr-uni-bochum.de", "receiving": "uw.edu.pl", "receivingOunitId": "140",
         "firstAcademicYear": "2026/2027", "lastAcademicYear": "2028/2029", "mobilitiesPerYear": 2, "totalMonthsPerYear": 4.50,
         "blended": false, "eqfLevels": [6, 7], "subjectAreas": [{"code": "0314", "clarification": "Sociology"}],
         "languageSkills": [{"language": "pl", "cefrLevel": "B1"}, {"language": "en", "cefrLevel": "B2", "subjectArea": {"code": "0314"}}],
         "futureKey": 1},
        {"kind": "staff-teaching", "sending": "uw.edu.pl", "receiving": "ruhr-uni-bochum.de",
         "firstAcademicYear": "2026/2026", "lastAcademicYear": "2027/2027", "mobilitiesPerYear": 1, "totalDaysPerYear": 5}
      ]
    }
    """#

    static func file(agreement: String) -> String {
        Fixtures.network(partners: [Fixtures.partner("uw", extra: #", "schacCode": "uw.edu.pl", "pic": "999986096", "organisationalUnit": "Faculty of Philosophy", "agreements": [\#(agreement)]"#)])
    }

    @Test("an agreement with an IIA loads with every value, and comes back byte for byte once written")
    func roundTrip() throws {
        let text = Self.file(agreement: #"{"id": "uw-erasmus", "kind": "erasmus", "#  + Self.iia + "}")
        let decoded = Fixtures.decode(text)
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        let network = try #require(decoded.network)
        let partner = network.partners[0]
        #expect(partner.pic == "999986096" && partner.organisationalUnit == "Faculty of Philosophy")
        let iia = try #require(partner.agreements[0].iia)
        #expect(iia.ours?.signerName == "Anna Schmidt" && iia.ours?.signingDate == Day("2026-03-01"))
        #expect(iia.theirs?.iiaCode == "983/E+/III14&15" && iia.inEffect == true && iia.terminatedAsAWhole == false)
        let studies = iia.mobilities[0]
        #expect(studies.totalMonthsPerYear == "4.50", "a decimal keeps its digits")
        #expect(studies.eqfLevels == [6, 7] && studies.blended == false)
        #expect(studies.subjectAreas == [SubjectArea(code: "0314", clarification: "Sociology")])
        #expect(studies.languageSkills[1].subjectArea?.code == "0314")
        #expect(studies.extra["futureKey"] == .number("1"), "unknown keys survive inside a specification")

        let written = NetworkCoding.encode(network)
        let reread = try #require(NetworkCoding.decode(written).network)
        #expect(reread == network)
        #expect(NetworkCoding.encode(reread) == written)
        #expect(String(decoding: written, as: UTF8.self).contains("\"totalMonthsPerYear\": 4.50"))
    }

    @Test("the JSON Schema in docs accepts a file with an IIA",
          .enabled(if: Tools.pythonWithJsonschema, "needs python3 with jsonschema (.ci/run installs both)"))
    func jsonSchema() throws {
        let network = try #require(Fixtures.decode(Self.file(agreement: #"{"id": "uw-erasmus", "kind": "erasmus", "# + Self.iia + "}")).network)
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/iia.json"
        try Data(NetworkCoding.encode(network)).write(to: URL(fileURLWithPath: path))
        let problems = try JSONSchemaCheck.problems(ofFile: path)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("broken IIA values are named by their path and rule", arguments: [
        (#""mobilitiesPerYear": 0"#, "agreements[0].iia.mobilities[0].mobilitiesPerYear", "1 or more", true),
        (#""firstAcademicYear": "2026-2027""#, "agreements[0].iia.mobilities[0].firstAcademicYear", "not an academic year", false),
        (#""lastAcademicYear": "2024/2025""#, "agreements[0].iia.mobilities[0].lastAcademicYear", "before the first academic year", true),
        (#""eqfLevels": [9]"#, "agreements[0].iia.mobilities[0].eqfLevels[0]", "EQF level", false),
        (#""subjectAreas": [{"code": "31"}]"#, "agreements[0].iia.mobilities[0].subjectAreas[0].code", "ISCED-F", true),
        (#""languageSkills": [{"language": "english!", "cefrLevel": "D1"}]"#, "agreements[0].iia.mobilities[0].languageSkills[0].language", "language tag", false),
        (#""blended": "no""#, "agreements[0].iia.mobilities[0].blended", "true or false", true),
        (#""totalMonthsPerYear": "4""#, "agreements[0].iia.mobilities[0].totalMonthsPerYear", "must be a number", true),
    ])
    func brokenValues(member: String, path: String, words: String, refusesFile: Bool) throws {
        // The broken member replaces the default of the same key (a key given twice would be a
        // duplicate, which is another error).
        let key = String(member.prefix { $0 != ":" })
        let defaults = [#""kind": "student-studies""#, #""sending": "ruhr-uni-bochum.de""#, #""receiving": "uw.edu.pl""#,
                        #""firstAcademicYear": "2026/2027""#, #""lastAcademicYear": "2027/2028""#]
        let cleaned = "{" + (defaults.filter { !$0.hasPrefix(key) } + [member]).joined(separator: ", ") + "}"
        let text = Self.file(agreement: #"{"id": "a1", "kind": "erasmus", "iia": {"mobilities": ["# + cleaned + "]}}")
        let decoded = Fixtures.decode(text)
        let diagnostic = try #require(decoded.diagnostics.first { $0.path.hasSuffix(path) }, "\(decoded.diagnostics)")
        #expect(diagnostic.message.contains(words), "\(diagnostic.message)")
        #expect((decoded.network == nil) == refusesFile, "\(decoded.diagnostics)")
    }

    @Test("a PIC that is not 9 digits is a warning, and refused when typed")
    func pic() throws {
        let decoded = Fixtures.decode(Fixtures.network(partners: [Fixtures.partner("p1", extra: #", "pic": "12345""#)]))
        let warning = try #require(decoded.diagnostics.first { $0.path == "partners[0].pic" })
        #expect(warning.severity == .warning && warning.message.contains("9 digits"))
        var partner = try #require(decoded.network?.partners[0])
        partner.pic = "999986096"
        #expect(Validation.check(partner).isEmpty)
    }

    @Test("labels of nested IIA paths read as words")
    func labels() {
        #expect(Schema.label(forPath: "agreements[0].quota.incoming", in: .partner) == "Agreement 1: Quota incoming")
        #expect(Schema.label(forPath: "agreements[1].iia.mobilities[1].mobilitiesPerYear", in: .partner)
                == "Agreement 2: EWP IIA mobility specifications 2 mobilities per year")
        #expect(Schema.label(forPath: "agreements[0].iia.theirs.signingDate", in: .partner) == "Agreement 1: EWP IIA theirs signed on")
        #expect(Schema.label(forPath: "pic", in: .partner) == "PIC")
    }

    @Test("academic years: EWP's forms, ordered, and the year a day falls in")
    func academicYears() {
        #expect(AcademicYear("2026/2027")?.startYear == 2026)
        #expect(AcademicYear("2026/2026") != nil, "a calendar academic year (southern hemisphere)")
        #expect(AcademicYear("2026/2028") == nil && AcademicYear("26/27") == nil)
        #expect(AcademicYear(containing: Day("2026-09-01")!).description == "2026/2027")
        #expect(AcademicYear(containing: Day("2026-08-31")!).description == "2025/2026")
        #expect(AcademicYear("2025/2026")! < AcademicYear("2026/2027")!)
    }

    @Test("the home institution's hei-id: its SCHAC code, else its website's domain")
    func heiID() throws {
        var institution = try Fixtures.sample().institution
        #expect(institution.heiID == "ruhr-uni-bochum.de")
        institution.schacCode = " RUB.de "
        #expect(institution.heiID == "rub.de")
        #expect(SCHACCode.same("UW.edu.pl", "uw.edu.pl"))
    }
}
