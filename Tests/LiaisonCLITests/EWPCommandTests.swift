import Foundation
import LiaisonCore
import LiaisonInterchange
import Testing

/// `liaison ewp import` and `ewp export` on the real binary, on copies of the sample (Ruhr-
/// Universität Bochum, hei-id ruhr-uni-bochum.de from its website) and get-responses made here:
/// as the partners' systems serve them, the partner is the first party of each IIA.
@Suite("liaison ewp import and export", .serialized)
struct EWPCommandTests {
    static let rub = "ruhr-uni-bochum.de"

    static func mobility(_ kind: String, from sending: String, to receiving: String, perYear: Int, isced: String, years: (String, String)) -> MobilitySpecification {
        var mobility = MobilitySpecification()
        mobility.kind = kind
        mobility.sending = sending
        mobility.receiving = receiving
        mobility.firstAcademicYear = years.0
        mobility.lastAcademicYear = years.1
        mobility.mobilitiesPerYear = perYear
        mobility.subjectAreas = [SubjectArea(code: isced)]
        var skill = LanguageSkill()
        skill.language = "en"
        skill.cefrLevel = "B2"
        mobility.languageSkills = [skill]
        if mobility.isStudentMobility {
            mobility.blended = false
            mobility.totalMonthsPerYear = "10"
        } else {
            mobility.totalDaysPerYear = "5"
        }
        return mobility
    }

    /// An IIA as the partner `heiID` serves it, with RUB: students both ways, teaching staff from RUB.
    static func iia(partner heiID: String, partnerIiaID: String, rubIiaID: String, teachersPerYear: Int = 2) -> IIAResponseWriter.Item {
        var iia = IIA()
        // `ours` of the item is the serving partner's side; RUB's is the other.
        var theirs = IIASide(), ours = IIASide()
        theirs.iiaId = partnerIiaID
        theirs.iiaCode = "E+/\(partnerIiaID)"
        theirs.signerName = "Anna Lis"
        theirs.signerEmail = "anna.lis@\(heiID)"
        theirs.signingDate = Day("2025-03-01")
        ours.iiaId = rubIiaID
        ours.signingDate = Day("2025-03-14")
        iia.ours = theirs
        iia.theirs = ours
        iia.inEffect = true
        iia.mobilities = [
            mobility("student-studies", from: rub, to: heiID, perYear: 4, isced: "0533", years: ("2025/2026", "2028/2029")),
            mobility("student-studies", from: heiID, to: rub, perYear: 4, isced: "0533", years: ("2025/2026", "2028/2029")),
            mobility("staff-teaching", from: rub, to: heiID, perYear: teachersPerYear, isced: "0613", years: ("2026/2027", "2029/2030")),
        ]
        return IIAResponseWriter.Item(iia: iia, ourHeiID: heiID, partnerHeiID: rub)
    }

    /// The University of Warsaw as its Institutions response says.
    static let institutions = """
    <?xml version="1.0" encoding="UTF-8"?>
    <institutions-response xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-institutions/tree/stable-v2"
        xmlns:a="https://github.com/erasmus-without-paper/ewp-specs-types-address/tree/stable-v1">
      <hei>
        <hei-id>uw.edu.pl</hei-id>
        <other-id type="erasmus">PL WARSZAW01</other-id>
        <other-id type="pic">999572580</other-id>
        <name xml:lang="en">University of Warsaw</name>
        <name xml:lang="pl">Uniwersytet Warszawski</name>
        <abbreviation>UW</abbreviation>
        <a:street-address><a:locality>Warszawa</a:locality><a:country>PL</a:country></a:street-address>
        <website-url xml:lang="en">https://en.uw.edu.pl/</website-url>
      </hei>
    </institutions-response>

    """

    struct Network {
        let directory: String
        let path: String
        /// A directory folder of its own, empty, so that no other test's directory is a source.
        var environment: [String: String] { ["XDG_DATA_HOME": directory + "/xdg"] }

        init(_ name: String) throws {
            (directory, path) = try CLI.copyOfSample("ewp-" + name)
        }

        func write(_ text: String, _ name: String) throws -> String {
            let file = directory + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return file
        }

        func run(_ arguments: [String]) throws -> CLI.Result { try CLI.run(arguments, environment: environment, data: path) }

        var bytes: Data? { FileManager.default.contents(atPath: path) }

        func partners() throws -> [[String: Any]] {
            let data = try #require(bytes)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return try #require(object["partners"] as? [[String: Any]])
        }

        func partner(schac: String) throws -> [String: Any]? {
            try partners().first { $0["schacCode"] as? String == schac }
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// The get-response of the two IIAs: Warsaw (new to the network) and Rotterdam (the sample's
    /// `eur`, whose website is eur.nl).
    static func twoIIAs(teachersPerYear: Int = 2) throws -> String {
        try IIAResponseWriter.document([iia(partner: "uw.edu.pl", partnerIiaID: "UW-17", rubIiaID: "RUB-0042", teachersPerYear: teachersPerYear),
                                    iia(partner: "eur.nl", partnerIiaID: "EUR-3", rubIiaID: "RUB-0043")])
    }

    @Test("two IIAs and an Institutions response: a partner made from the response, an agreement added to the partner the other hei-id names")
    func importTwo() throws {
        let network = try Network("import")
        defer { network.remove() }
        let iias = try network.write(Self.twoIIAs(), "iias.xml")
        let institutions = try network.write(Self.institutions, "institutions.xml")
        let eurAgreements = try #require(try network.partners().first { $0["id"] as? String == "eur" }?["agreements"] as? [Any]).count

        let result = try network.run(["ewp", "import", iias, institutions])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("iias.xml: 2 IIAs (IIA get-response v7)\n"))
        #expect(result.stdout.contains("institutions.xml: 1 institution (Institutions response v2)\n"))
        #expect(result.stdout.contains("3 added, 0 changed, 0 unchanged, 0 refused"))
        #expect(result.stderr.contains("imported 3 added"))

        let warsaw = try #require(try network.partner(schac: "uw.edu.pl"))
        #expect(warsaw["name"] as? String == "University of Warsaw")
        #expect(warsaw["localName"] as? String == "Uniwersytet Warszawski")
        #expect(warsaw["erasmusCode"] as? String == "PL WARSZAW01" && warsaw["pic"] as? String == "999572580")
        #expect(warsaw["country"] as? String == "PL" && warsaw["city"] as? String == "Warszawa" && warsaw["shortName"] as? String == "UW")
        #expect(warsaw["website"] as? String == "https://en.uw.edu.pl/")
        let agreement = try #require((warsaw["agreements"] as? [[String: Any]])?.first)
        #expect(agreement["kind"] as? String == "erasmus")
        #expect(agreement["start"] as? String == "2025-09-01" && agreement["end"] as? String == "2030-08-31")
        #expect(agreement["subjectAreas"] as? [String] == ["0533", "0613"])
        #expect(agreement["signingDate"] as? String == "2025-03-14")
        let iia = try #require(agreement["iia"] as? [String: Any])
        #expect((iia["ours"] as? [String: Any])?["iiaId"] as? String == "RUB-0042")
        #expect((iia["theirs"] as? [String: Any])?["iiaId"] as? String == "UW-17")
        #expect((iia["mobilities"] as? [Any])?.count == 3)

        let eur = try #require(try network.partners().first { $0["id"] as? String == "eur" })
        #expect((eur["agreements"] as? [Any])?.count == eurAgreements + 1, "added to the sample's partner, not a new one")
        #expect(try network.partners().filter { ($0["website"] as? String)?.contains("eur.nl") == true }.count == 1)

        let history = try String(contentsOfFile: network.path + ".history.jsonl", encoding: .utf8)
        #expect(history.contains("uw.edu.pl"), "the import is in the audit trail")
    }

    @Test("the dry run lists what would be added, values shown safely on a terminal, and writes nothing")
    func dryRun() throws {
        let network = try Network("dry-run")
        defer { network.remove() }
        let iias = try network.write(Self.twoIIAs(), "iias.xml")
        let institutions = try network.write(Self.institutions, "institutions.xml")
        let before = network.bytes
        let result = try network.run(["ewp", "import", iias, institutions, "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(network.bytes == before)
        let line = try #require(EWPTestLines.line(of: "<iia>", in: try Self.twoIIAs()))
        #expect(result.stdout.contains("added:\n  \(iias):\(line): partner University of Warsaw (university-of-warsaw), from the Institutions response at \(institutions):"))
        #expect(result.stdout.contains("; not in the file, so set to: status planned, type exchange\n"))
        #expect(result.stdout.contains("  \(iias):\(line): agreement university-of-warsaw-erasmus (erasmus, 2025-09-01 to 2030-08-31) of University of Warsaw (university-of-warsaw)\n"))
        #expect(result.stdout.contains("agreement eur-erasmus-2 (erasmus, 2025-09-01 to 2030-08-31) of Erasmus University Rotterdam (eur)"))
        #expect(result.stderr.contains("dry run: \(network.path) was not changed"))

        let json = try network.run(["ewp", "import", iias, institutions, "--dry-run", "--json"])
        let object = try #require(try CLI.json(json.stdout) as? [String: Any])
        #expect((object["added"] as? [Any])?.count == 3 && object["written"] as? Bool == false)
        #expect(object["summary"] as? String == "3 added, 0 changed, 0 unchanged, 0 refused")
    }

    @Test("line breaks and tabs in a value are kept exactly in the file and shown as placeholders on the terminal; other controls are refused, shown safely")
    func controlCharacters() throws {
        let network = try Network("controls")
        defer { network.remove() }
        var item = Self.iia(partner: "uw.edu.pl", partnerIiaID: "UW-17", rubIiaID: "RUB-0042")
        item.iia.mobilities[0].otherInfoTerms = "Grades\tby e-mail\nwithin 5 weeks"
        let institutions = try network.write(Self.institutions, "institutions.xml")
        #expect(try network.run(["ewp", "import", try network.write(try IIAResponseWriter.document([item]), "iias.xml"), institutions]).status == 0)
        let warsaw = try #require(try network.partner(schac: "uw.edu.pl"))
        let mobilities = try #require(((warsaw["agreements"] as? [[String: Any]])?.first?["iia"] as? [String: Any])?["mobilities"] as? [[String: Any]])
        #expect(mobilities[0]["otherInfoTerms"] as? String == "Grades\tby e-mail\nwithin 5 weeks")

        item.iia.mobilities[0].otherInfoTerms = "Grades\tby post\nwithin 6 weeks"
        let result = try network.run(["ewp", "import", try network.write(try IIAResponseWriter.document([item]), "changed.xml"), "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        let change = try #require(result.stdout.components(separatedBy: "\n").first { $0.contains("other information") }, "\(result.stdout)")
        #expect(change.hasPrefix("    EWP IIA mobility specifications 1 other information: Grades"))
        #expect(!change.contains("\t") && change.contains("within 6 weeks"), "the change stays one line")

        // A C1 control (CSI, which a terminal acts on) in a name: refused by the rules, and never printed raw.
        let hostile = Self.institutions.replacingOccurrences(of: "Uniwersytet Warszawski", with: "Uniwersytet\u{9B}31m Warszawski")
        let other = Self.iia(partner: "uw.edu.pl", partnerIiaID: "UW-18", rubIiaID: "RUB-0044")
        let fresh = try Network("controls-refused")
        defer { fresh.remove() }
        let before = fresh.bytes
        let refused = try fresh.run(["ewp", "import", try fresh.write(try IIAResponseWriter.document([other]), "iias.xml"), try fresh.write(hostile, "inst.xml")])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("Local name: holds the control character U+009B"), "\(refused.stdout)")
        #expect(!(refused.stdout + refused.stderr).unicodeScalars.contains("\u{9B}"))
        #expect(fresh.bytes == before)
    }

    @Test("re-importing an IIA with a quota changed updates its agreement: the dry run says the field in words, no agreement is added")
    func reimportUpdates() throws {
        let network = try Network("reimport")
        defer { network.remove() }
        let institutions = try network.write(Self.institutions, "institutions.xml")
        _ = try network.run(["ewp", "import", try network.write(Self.twoIIAs(), "iias.xml"), institutions])
        let agreements = try network.partners().map { ($0["agreements"] as? [Any])?.count ?? 0 }.reduce(0, +)
        let changed = try network.write(Self.twoIIAs(teachersPerYear: 3), "changed.xml")
        let line = try #require(EWPTestLines.line(of: "<iia>", in: try Self.twoIIAs(teachersPerYear: 3)))

        let dryRun = try network.run(["ewp", "import", changed, "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("""
            changed:
              \(changed):\(line): agreement university-of-warsaw-erasmus of University of Warsaw (university-of-warsaw)
                EWP IIA mobility specifications 3 mobilities per year: 2 → 3

            """), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("0 added, 1 changed, 1 unchanged, 0 refused"))

        #expect(try network.run(["ewp", "import", changed]).status == 0)
        #expect(try network.partners().map { ($0["agreements"] as? [Any])?.count ?? 0 }.reduce(0, +) == agreements)
        let warsaw = try #require(try network.partner(schac: "uw.edu.pl"))
        let mobilities = try #require(((warsaw["agreements"] as? [[String: Any]])?.first?["iia"] as? [String: Any])?["mobilities"] as? [[String: Any]])
        #expect(mobilities[2]["mobilitiesPerYear"] as? Int == 3)
    }

    @Test("the export follows the XSD, and imported into the same network it changes nothing")
    func exportRoundTrip() throws {
        let network = try Network("export")
        defer { network.remove() }
        _ = try network.run(["ewp", "import", try network.write(Self.twoIIAs(), "iias.xml"), try network.write(Self.institutions, "institutions.xml")])
        let out = network.directory + "/out.xml"
        let export = try network.run(["ewp", "export", "-o", out])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("agreements without EWP IIA data left out"))
        let written = try String(contentsOfFile: out, encoding: .utf8)
        let root = try EWPXMLElement.parseDocument(Data(written.utf8), source: out)
        #expect(EWPSchemaCheck.problems(in: root, file: out) == [])
        let iias = IIAResponseReader.iias(in: root)
        #expect(iias.count == 2 && iias.allSatisfy { $0.parties.first?.heiID == Self.rub && $0.statedHash == $0.computedHash.hash })
        if EWPXmllint.available {
            let result = try EWPXmllint.validate(out)
            #expect(result.status == 0, "\(result.errors)")
        }

        let before = network.bytes
        let again = try network.run(["ewp", "import", out])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 added, 0 changed, 2 unchanged, 0 refused"))
        #expect(network.bytes == before, "the data file's bytes are unchanged")

        let one = try network.run(["ewp", "export", "eur"])
        #expect(one.status == 0 && one.stdout.components(separatedBy: "<iia>").count == 2, "one partner's IIA to standard output")
        let none = try network.run(["ewp", "export", "utokyo-mou"])
        #expect(none.status == 1 && none.stderr.contains("agreement utokyo-mou has no EWP IIA data"))
    }

    @Test("the export validates against the official XSD with xmllint", .enabled(if: EWPXmllint.available, EWPXmllint.reason))
    func exportValidatesWithXmllint() throws {
        let network = try Network("xmllint")
        defer { network.remove() }
        _ = try network.run(["ewp", "import", try network.write(Self.twoIIAs(), "iias.xml"), try network.write(Self.institutions, "institutions.xml")])
        let out = network.directory + "/out.xml"
        #expect(try network.run(["ewp", "export", "-o", out]).status == 0)
        let result = try EWPXmllint.validate(out)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test("a file that breaks the XSD is refused with its line and the element's path, and nothing is written")
    func schemaInvalid() throws {
        let network = try Network("invalid")
        defer { network.remove() }
        let broken = try Self.twoIIAs().replacingOccurrences(of: "<mobilities-per-year>4</mobilities-per-year>", with: "<mobilities-per-year>0</mobilities-per-year>")
        let file = try network.write(broken, "broken.xml")
        let line = try #require(EWPTestLines.line(of: "<mobilities-per-year>0", in: broken))
        let before = network.bytes
        let result = try network.run(["ewp", "import", file, try network.write(Self.twoIIAs(), "fine.xml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing was imported: the files do not follow their XSD"))
        #expect(result.stderr.contains("\(file):\(line): iias-get-response/iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/mobilities-per-year: \"0\" is not a whole number above 0"),
                "\(result.stderr)")
        #expect(network.bytes == before)
    }

    @Test("a file that cannot be read exits 2 naming it and why; one that is not XML says so in words (exit 1)")
    func unreadableAndNotXML() throws {
        let network = try Network("unreadable")
        defer { network.remove() }
        let before = network.bytes
        let missing = try network.run(["ewp", "import", network.directory + "/nofile.xml"])
        #expect(missing.status == 2 && missing.stderr.contains("nofile.xml: cannot be opened: No such file or directory"), "\(missing.stderr)")
        let json = try network.run(["ewp", "import", try network.write("{\"iias\": []}", "iias.json")])
        #expect(json.status == 1 && json.stderr.contains("iias.json: not well-formed XML: does not start with an XML element (it looks like JSON"),
                "\(json.stderr)")
        #expect(network.bytes == before)
    }

    @Test("an IIA neither of whose parties is the home institution is refused, named, and nothing is written")
    func notOurs() throws {
        let network = try Network("not-ours")
        defer { network.remove() }
        var other = Self.iia(partner: "uw.edu.pl", partnerIiaID: "UW-99", rubIiaID: "X-1")
        other.partnerHeiID = "hibo.no"
        let document = try IIAResponseWriter.document([Self.iia(partner: "eur.nl", partnerIiaID: "EUR-3", rubIiaID: "RUB-0043"), other])
        let file = try network.write(document, "mixed.xml")
        let line = try #require(document.components(separatedBy: "\n").enumerated().filter { $0.element.contains("<iia>") }.dropFirst().first?.offset) + 1
        let before = network.bytes
        let result = try network.run(["ewp", "import", file])
        #expect(result.status == 1)
        #expect(result.stdout.contains("refused:\n  \(file):\(line): neither party (\"uw.edu.pl\" and \"hibo.no\") is the home institution (\"ruhr-uni-bochum.de\")"), "\(result.stdout)")
        #expect(result.stderr.contains("was not changed: 1 IIA refused"))
        #expect(network.bytes == before)
    }

    @Test("a partner that looks like one already there is taken, not added twice, and given the hei-id; a hei-id alone gives name and country")
    func lookalikeAndHeiIDOnly() throws {
        let network = try Network("lookalike")
        defer { network.remove() }
        let institutions = """
        <?xml version="1.0" encoding="UTF-8"?>
        <institutions-response xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-institutions/tree/stable-v2"
            xmlns:a="https://github.com/erasmus-without-paper/ewp-specs-types-address/tree/stable-v1">
          <hei><hei-id>bsu.by</hei-id><name>Belarusian State University</name><a:street-address><a:country>BY</a:country></a:street-address></hei>
        </institutions-response>
        """
        let document = try IIAResponseWriter.document([Self.iia(partner: "bsu.by", partnerIiaID: "BSU-1", rubIiaID: "RUB-7"),
                                                   Self.iia(partner: "hibo.no", partnerIiaID: "HIBO-1", rubIiaID: "RUB-8")])
        let count = try network.partners().count
        let result = try network.run(["ewp", "import", try network.write(document, "iias.xml"), try network.write(institutions, "inst.xml")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("partner Belarusian State University (minsk-bsu), which has the same name in the same country"), "\(result.stdout)")
        #expect(result.stdout.contains("SCHAC code: (none) → bsu.by"))
        #expect(result.stdout.contains("partner hibo.no (hibo-no), named by its hei-id"))
        #expect(try network.partners().count == count + 1)
        #expect(try network.partner(schac: "bsu.by")?["id"] as? String == "minsk-bsu")
        #expect(try network.partner(schac: "hibo.no")?["country"] as? String == "NO")
    }

    @Test("without an Institutions response, a new partner is made from the directory's entry with that SCHAC code")
    func partnerFromDirectory() throws {
        let network = try Network("directory")
        defer { network.remove() }
        let list = """
        [{"name": "University of Bergen", "alpha_two_code": "NO", "country": "Norway", "domains": ["uib.no"],
          "web_pages": ["https://www.uib.no/"], "state-province": null}]
        """
        let imported = try network.run(["directory", "import", try network.write(list, "universities.json")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let document = try IIAResponseWriter.document([Self.iia(partner: "uib.no", partnerIiaID: "UIB-5", rubIiaID: "RUB-9")])
        let result = try network.run(["ewp", "import", try network.write(document, "iias.xml")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("partner University of Bergen (university-of-bergen), from the directory ("), "\(result.stdout)")
        let bergen = try #require(try network.partner(schac: "uib.no"))
        #expect(bergen["name"] as? String == "University of Bergen" && bergen["country"] as? String == "NO")
        #expect(bergen["website"] as? String == "https://www.uib.no/")
    }
}

enum EWPTestLines {
    /// The 1-based line of the first line containing the text.
    static func line(of text: String, in document: String) -> Int? {
        document.components(separatedBy: "\n").firstIndex { $0.contains(text) }.map { $0 + 1 }
    }
}

/// xmllint with the official IIA XSD, offline (../shared/ewp's catalogue). On CI .ci/run
/// installs libxml2-utils, so there it must run.
enum EWPXmllint {
    static let shared = URL(fileURLWithPath: CLI.repositoryRoot).deletingLastPathComponent().appendingPathComponent("shared/ewp").path
    static let available = Tools.onCI || (Tools.onPath("xmllint") && FileManager.default.fileExists(atPath: shared + "/catalog.xml"))
    static let reason: Comment = "needs xmllint (libxml2-utils) and the official EWP files in ../shared/ewp"

    static func validate(_ file: String) throws -> (status: Int32, errors: String) {
        let result = try CLI.run(["XML_CATALOG_FILES=\(shared)/catalog.xml", "xmllint", "--nonet", "--noout", "--schema", shared + "/iias/get-response.xsd", file],
                                 data: nil, program: "/usr/bin/env")
        return (result.status, result.stderr)
    }
}
