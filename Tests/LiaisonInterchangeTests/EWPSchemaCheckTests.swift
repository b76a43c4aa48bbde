import Foundation
import LiaisonCore
import LiaisonInterchange
import Testing

/// xmllint (Debian's libxml2-utils) with the official XSDs and their catalogue, offline. On CI
/// .ci/run installs it, so there it must run.
enum Xmllint {
    static let available = Python.onCI || (OfficialEWPFiles.present && ((try? ExternalProgram.run("xmllint", ["--version"]))?.status == 0))
    static let reason: Comment = "needs xmllint (libxml2-utils) and the official EWP files in ../shared/ewp (or LIAISON_SHARED)"

    /// Whether xmllint finds the document valid against the schema (`iias/get-response.xsd`),
    /// and what it said.
    static func validates(_ document: String, schema: String) throws -> (valid: Bool, output: String) {
        let input = Python.temporaryPath(".xml")
        try document.write(toFile: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let directory = try #require(OfficialEWPFiles.directory)
        let result = try ExternalProgram.run("env", ["XML_CATALOG_FILES=\(directory.appendingPathComponent("catalog.xml").path)",
                                                    "xmllint", "--nonet", "--noout", "--schema", directory.appendingPathComponent(schema).path, input])
        return (result.status == 0, result.errors)
    }
}

@Suite("EWP documents checked against their XSDs without xmllint")
struct EWPSchemaCheckTests {
    static let iiaSchema = "iias/get-response.xsd"
    static let institutionsSchema = "institutions/response.xsd"

    func problems(_ document: String) throws -> [EWPSchemaProblem] {
        EWPSchemaCheck.problems(in: try EWPXMLElement.parseDocument(Data(document.utf8), source: "test.xml"), file: "test.xml")
    }

    /// One rule broken: the text replaced (its first occurrence), the path the first problem
    /// names, words its message has, the schema, and the text on the line it names.
    struct Broken: CustomTestStringConvertible, Sendable {
        var rule: String
        var replace: String
        var with: String
        var path: String
        var message: String
        var lineOf: String
        var institutions = false

        var testDescription: String { rule }

        var document: String {
            let base = institutions ? EWPTestDocuments.institutionsResponse : EWPTestDocuments.getResponse
            guard let range = base.range(of: replace) else { return base }
            return base.replacingCharacters(in: range, with: with)
        }
    }

    static let iia1 = "iias-get-response/iia[1]"
    static let conditions = iia1 + "/cooperation-conditions"

    static let broken: [Broken] = [
        Broken(rule: "mobilities per year 0", replace: "<mobilities-per-year>2</mobilities-per-year>\n        <recommended-language-skill><language>de",
               with: "<mobilities-per-year>0</mobilities-per-year>\n        <recommended-language-skill><language>de",
               path: conditions + "/staff-teacher-mobility-spec[2]/mobilities-per-year", message: "\"0\" is not a whole number above 0",
               lineOf: "<mobilities-per-year>0<"),
        Broken(rule: "in-effect missing", replace: "<in-effect>true</in-effect>", with: "",
               path: iia1, message: "lacks <in-effect> before <cooperation-conditions>", lineOf: "<cooperation-conditions>"),
        Broken(rule: "iia-id after iia-code", replace: "<iia-id>UW-2025-17</iia-id>\n      <iia-code>UW/E+/17</iia-code>",
               with: "<iia-code>UW/E+/17</iia-code>\n      <iia-id>UW-2025-17</iia-id>", path: iia1 + "/partner[1]/iia-id",
               message: "is out of order: the XSD does not allow <iia-id> after <iia-code>", lineOf: "<iia-id>UW-2025-17"),
        Broken(rule: "a third partner", replace: "<in-effect>true</in-effect>", with: "<partner><hei-id>x.org</hei-id></partner><in-effect>true</in-effect>",
               path: iia1 + "/partner[3]", message: "one <partner> too many", lineOf: "<hei-id>x.org<"),
        Broken(rule: "ISCED code of 3 digits", replace: "<isced-f-code>0533</isced-f-code><isced-clarification>",
               with: "<isced-f-code>053</isced-f-code><isced-clarification>",
               path: conditions + "/student-studies-mobility-spec[1]/subject-area[1]/isced-f-code", message: "ISCED-F code of 4 digits", lineOf: ">053<"),
        Broken(rule: "CEFR level B3", replace: "<cefr-level>B1</cefr-level>", with: "<cefr-level>B3</cefr-level>",
               path: conditions + "/student-studies-mobility-spec[1]/recommended-language-skill[1]/cefr-level", message: "CEFR level", lineOf: "B3"),
        Broken(rule: "a language that is no language tag", replace: "<language>pl</language>", with: "<language>Polish language</language>",
               path: conditions + "/student-studies-mobility-spec[1]/recommended-language-skill[1]/language", message: "language tag", lineOf: "Polish language"),
        Broken(rule: "an iia-id with a space", replace: "<iia-id>UW-2025-17</iia-id>", with: "<iia-id>UW 2025 17</iia-id>",
               path: iia1 + "/partner[1]/iia-id", message: "printable ASCII", lineOf: "UW 2025 17"),
        Broken(rule: "an iia-hash that is no SHA-256", replace: "<iia-hash>", with: "<iia-hash>XYZ",
               path: iia1 + "/iia-hash", message: "SHA-256", lineOf: "XYZ"),
        Broken(rule: "an academic year with a dash", replace: "<receiving-first-academic-year-id>2025/2026", with: "<receiving-first-academic-year-id>2025-2026",
               path: conditions + "/student-studies-mobility-spec[1]/receiving-first-academic-year-id", message: "academic year", lineOf: "2025-2026"),
        Broken(rule: "EQF level 9", replace: "<eqf-level>7</eqf-level>", with: "<eqf-level>9</eqf-level>",
               path: conditions + "/student-studies-mobility-spec[1]/eqf-level[2]", message: "EQF level from 1 to 8", lineOf: "<eqf-level>9"),
        Broken(rule: "a signer's e-mail that is none", replace: "s.nowak@uw.edu.pl", with: "s.nowak",
               path: iia1 + "/partner[1]/signing-contact/email[1]", message: "e-mail address", lineOf: "<c:email>s.nowak<"),
        Broken(rule: "blended yes", replace: "<blended>false</blended>", with: "<blended>yes</blended>",
               path: conditions + "/student-studies-mobility-spec[1]/blended", message: "true or false", lineOf: "<blended>yes"),
        Broken(rule: "a signing date that does not exist", replace: "2025-03-01", with: "2025-02-30",
               path: iia1 + "/partner[1]/signing-date", message: "a date", lineOf: "2025-02-30"),
        Broken(rule: "total months with three decimal places", replace: "<total-months-per-year>4.5<", with: "<total-months-per-year>4.555<",
               path: conditions + "/student-traineeship-mobility-spec[1]/total-months-per-year", message: "at most 2 decimal places", lineOf: "4.555"),
        Broken(rule: "an element the XSD does not know", replace: "<iia-code>UW/E+/17</iia-code>", with: "<iia-code>UW/E+/17</iia-code><notes>x</notes>",
               path: iia1 + "/partner[1]/notes", message: "not an element the XSD allows here", lineOf: "<notes>"),
        Broken(rule: "the root in another namespace", replace: "stable-v7/endpoints/get-response.xsd\"", with: "stable-v6/endpoints/get-response.xsd\"",
               path: "iias-get-response", message: "namespace", lineOf: "xmlns:c="),
        Broken(rule: "student studies without a recommended language skill",
               replace: "<recommended-language-skill><language>de</language><cefr-level>B2</cefr-level></recommended-language-skill>\n        <subject-area><isced-f-code>0714",
               with: "<subject-area><isced-f-code>0714",
               path: "iias-get-response/iia[2]/cooperation-conditions/student-studies-mobility-spec[1]", message: "lacks <recommended-language-skill>",
               lineOf: "<isced-f-code>0714"),
        Broken(rule: "a contact without a name", replace: "<c:contact><c:contact-name>Erasmus Office</c:contact-name>", with: "<c:contact>",
               path: iia1 + "/partner[1]/contact[1]", message: "lacks <contact-name>", lineOf: "<c:contact><c:email>"),
        Broken(rule: "terminated-as-a-whole maybe", replace: "terminated-as-a-whole=\"false\"", with: "terminated-as-a-whole=\"maybe\"",
               path: "iias-get-response/iia[2]/cooperation-conditions/@terminated-as-a-whole", message: "true or false", lineOf: "maybe"),
        Broken(rule: "an institution without a name", replace: "<name xml:lang=\"pl\">Uniwersytet Warszawski</name>\n    <name xml:lang=\"en\">University of Warsaw</name>",
               with: "", path: "institutions-response/hei[1]", message: "lacks <name>", lineOf: "<abbreviation>", institutions: true),
        Broken(rule: "a country code in lower case", replace: "<a:country>PL<", with: "<a:country>pl<",
               path: "institutions-response/hei[1]/street-address/country", message: "two capital letters", lineOf: "<a:country>pl", institutions: true),
        Broken(rule: "a website that is not http", replace: "https://en.uw.edu.pl/", with: "ftp://en.uw.edu.pl/",
               path: "institutions-response/hei[1]/website-url[2]", message: "http://", lineOf: "ftp://", institutions: true),
        Broken(rule: "an other-id without its type", replace: "<other-id type=\"pic\">", with: "<other-id>",
               path: "institutions-response/hei[1]/other-id[2]", message: "lacks the attribute type", lineOf: "<other-id>999", institutions: true),
    ]

    @Test("a get-response of another API version is one problem that names the version, not one per element")
    func otherVersion() throws {
        let v6 = EWPTestDocuments.getResponse.replacingOccurrences(of: "stable-v7", with: "stable-v6")
        #expect(v6 != EWPTestDocuments.getResponse)
        let found = try problems(v6)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.contains("(version v6)") == true, "\(found)")
        #expect(found.first?.message.contains("IIA API v7") == true)
    }

    @Test("the documents written for the tests follow the XSD")
    func validDocuments() throws {
        #expect(try problems(EWPTestDocuments.getResponse) == [])
        #expect(try problems(EWPTestDocuments.institutionsResponse) == [])
    }

    @Test("the official examples follow the XSD", .enabled(if: OfficialEWPFiles.present, "needs the official EWP files in ../shared/ewp (or LIAISON_SHARED)"))
    func officialExamples() throws {
        for name in ["iias/get-response-example.xml", "iias/get-response-v7.xml", "institutions/response-example.xml"] {
            let text = String(decoding: try OfficialEWPFiles.data(name), as: UTF8.self)
            #expect(try problems(text) == [], "\(name)")
        }
    }

    @Test("a document breaking one rule is refused, naming the line, the element's path and the rule", arguments: broken)
    func brokenDocument(_ case: Broken) throws {
        let document = `case`.document
        #expect(document != (`case`.institutions ? EWPTestDocuments.institutionsResponse : EWPTestDocuments.getResponse), "the replacement applies")
        let found = try problems(document)
        let first = try #require(found.first, "no problem found")
        #expect(first.path == `case`.path, "\(found)")
        #expect(first.message.contains(`case`.message), "\(first.message)")
        #expect(first.line == EWPTestDocuments.line(of: `case`.lineOf, in: document), "\(first)")
        #expect(first.description.hasPrefix("test.xml:\(first.line): \(first.path): "))
    }

    @Test("xmllint accepts the documents the check accepts", .enabled(if: Xmllint.available, Xmllint.reason))
    func xmllintAcceptsValid() throws {
        let iias = try Xmllint.validates(EWPTestDocuments.getResponse, schema: Self.iiaSchema)
        #expect(iias.valid, "\(iias.output)")
        let institutions = try Xmllint.validates(EWPTestDocuments.institutionsResponse, schema: Self.institutionsSchema)
        #expect(institutions.valid, "\(institutions.output)")
    }

    @Test("xmllint refuses each document the check refuses", .enabled(if: Xmllint.available, Xmllint.reason), arguments: broken)
    func xmllintRefusesBroken(_ case: Broken) throws {
        let result = try Xmllint.validates(`case`.document, schema: `case`.institutions ? Self.institutionsSchema : Self.iiaSchema)
        #expect(!result.valid, "xmllint accepted what the check refuses: \(`case`.rule)")
    }

    @Test("values of each simple type: what the XSD allows and what it does not")
    func simpleTypes() {
        let cases: [(EWPSimpleType, allowed: [String], refused: [String])] = [
            (.boolean, [" true ", "false", "1", "0"], ["yes", "True", ""]),
            (.date, ["2025-03-01", "2024-02-29", "2025-03-01Z", "2025-03-01+02:00"], ["2025-3-1", "2025-02-29", "01.03.2025", "2025-03-01+15:00"]),
            (.positiveInteger, ["1", "+3", "007", " 12 "], ["0", "-1", "1.0", "two", "000"]),
            (.positiveDecimal, ["1", "4.5", "0.25", ".5", "4.500"], ["0", "0.00", "-1", "4.555", "1e3", "."]),
            (.isced, ["0533"], ["533", "05331", " 0533"]),
            (.cefr, ["A1", "C2"], ["a1", "B3", "B"]),
            (.language, ["en", "pt-BR", "zh-Hant-TW"], ["", "english language", "toolonglanguage", "en_GB"]),
            (.asciiPrintableIdentifier, ["UW-2025/17", "1954991"], ["", "a b", "zażółć", String(repeating: "x", count: 65)]),
            (.sha256Hex, [String(repeating: "a0", count: 32)], [String(repeating: "A0", count: 32), "abc"]),
            (.academicYearId, ["2025/2026"], ["2025-2026", "25/26", " 2025/2026"]),
            (.eqfLevel, ["1", "8", "06"], ["0", "9", "-1", "seven"]),
            (.email, ["a@b.c", "anna.lis@uw.edu.pl"], ["anna", "a@b", "@b.c", "a@.c"]),
            (.countryCode, ["PL"], ["pl", "POL", "P"]),
            (.http, ["https://uw.edu.pl/", " http://x "], ["ftp://x", "https://", "uw.edu.pl"]),
            (.https, ["https://uw.edu.pl/logo.svg"], ["http://uw.edu.pl/logo.svg", "https://"]),
        ]
        for (type, allowed, refused) in cases {
            for value in allowed { #expect(type.problem(with: value) == nil, "\(type) \"\(value)\"") }
            for value in refused { #expect(type.problem(with: value) != nil, "\(type) \"\(value)\"") }
        }
    }

    @Test("Institutions responses are read: hei-id, other ids, names by language, website, city and country")
    func institutionsRead() throws {
        let root = try EWPXMLElement.parseDocument(Data(EWPTestDocuments.institutionsResponse.utf8), source: "inst.xml")
        let institutions = InstitutionsResponseReader.institutions(in: root, file: "inst.xml")
        try #require(institutions.count == 1)
        let warsaw = institutions[0]
        #expect(warsaw.heiID == "uw.edu.pl")
        #expect(warsaw.erasmusCode == "PL WARSZAW01" && warsaw.pic == "999572580")
        #expect(warsaw.names == [.init("Uniwersytet Warszawski", language: "pl"), .init("University of Warsaw", language: "en")])
        #expect(warsaw.name == "University of Warsaw" && warsaw.localName == "Uniwersytet Warszawski")
        #expect(warsaw.abbreviation == "UW" && warsaw.website == "https://en.uw.edu.pl/")
        #expect(warsaw.city == "Warszawa" && warsaw.country == "PL")
        #expect(warsaw.location == "inst.xml:\(EWPTestDocuments.line(of: "<hei>", in: EWPTestDocuments.institutionsResponse)!)")
    }

    @Test("the official Institutions example is read", .enabled(if: OfficialEWPFiles.present, "needs the official EWP files in ../shared/ewp (or LIAISON_SHARED)"))
    func officialInstitutions() throws {
        let root = try EWPXMLElement.parseDocument(OfficialEWPFiles.data("institutions/response-example.xml"), source: "example")
        let oslo = try #require(InstitutionsResponseReader.institutions(in: root, file: "example").first)
        #expect(oslo.heiID == "uio.no" && oslo.erasmusCode == "N Oslo01")
        #expect(oslo.name == "University of Oslo" && oslo.localName == "Universitetet i Oslo")
        #expect(oslo.city == "Oslo" && oslo.country == "NO" && oslo.website == "http://www.uio.no/english/")
    }

    @Test("a get-response read and written back by Liaison follows the XSD, for xmllint too",
          .enabled(if: Xmllint.available, Xmllint.reason))
    func writtenValidates() throws {
        let root = try EWPXMLElement.parseDocument(Data(EWPTestDocuments.getResponse.utf8), source: "test")
        let items = try IIAResponseReader.iias(in: root).map { exchanged in
            let (iia, partner) = try #require(exchanged.iia(ourHeiID: "ruhr-uni-bochum.de"))
            return IIAResponseWriter.Item(iia: iia, ourHeiID: "ruhr-uni-bochum.de", partnerHeiID: partner)
        }
        let written = try IIAResponseWriter.document(items)
        #expect(try problems(written) == [])
        let result = try Xmllint.validates(written, schema: Self.iiaSchema)
        #expect(result.valid, "\(result.output)")
    }
}
