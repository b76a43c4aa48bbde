import Foundation
import LiaisonInterchange
import Testing

/// The official EWP files in ../shared/ewp (next to the repository, or under `LIAISON_SHARED`).
/// They are not copied into the repository; where they are absent the tests that need them are
/// skipped with the reason.
enum OfficialEWPFiles {
    static let directory: URL? = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [ProcessInfo.processInfo.environment["LIAISON_SHARED"].map { URL(fileURLWithPath: $0) },
                          repository.deletingLastPathComponent().appendingPathComponent("shared")]
        return candidates.compactMap { $0?.appendingPathComponent("ewp") }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("iias/transform_version_7.xsl").path) }
    }()

    static var present: Bool { directory != nil }

    static func url(_ name: String) throws -> URL { try #require(directory).appendingPathComponent(name) }
    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}

/// Saxon-HE, the XSLT 2.0 processor the hash kit names (xsltproc supports only XSLT 1.0 and
/// refuses the kit's `xsl:function` and `except`). On CI .ci/run installs it, so there it must run.
enum Saxon {
    static let jar = ProcessInfo.processInfo.environment["SAXON_JAR"] ?? "/usr/share/java/Saxon-HE.jar"
    static let available = Python.onCI || (FileManager.default.fileExists(atPath: jar) && javaRuns)

    private static var javaRuns: Bool { (try? run(["-version"]))?.status == 0 }

    /// The kit's result for the document: per IIA, its id, text-to-hash and approval flag.
    static func transform(_ document: String) throws -> [IIAHash] {
        let input = Python.temporaryPath(".xml")
        try document.write(toFile: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let stylesheet = try OfficialEWPFiles.url("iias/transform_version_7.xsl").path
        let result = try run(["-cp", jar, "net.sf.saxon.Transform", "-s:\(input)", "-xsl:\(stylesheet)"])
        try #require(result.status == 0, "Saxon failed: \(result.errors)")
        let output = try EWPXMLElement.parseDocument(Data(result.output.utf8), source: "Saxon's output")
        return output.children(named: "iia").map { iia in
            IIAHash(iiaID: iia.child(named: "iia-id")?.stringValue ?? "",
                    textToHash: iia.child(named: "text-to-hash")?.stringValue ?? "",
                    validForApproval: iia.child(named: "valid-for-approval")?.stringValue != "false")
        }
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try ExternalProgram.run("java", arguments)
    }
}

/// IIA get-responses written for these tests: uw.edu.pl with hibo.no, the mobility
/// specifications given as XML, indented as a person would.
enum TestIIAs {
    static let namespaces = """
        xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
            xmlns:c="https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1"
        """

    static func iia(_ specifications: String, id: String = "a1b2c3", partnerID: String? = "P-77",
                    conditionsAttributes: String = "", contactName: String = "Anna Lis") -> String {
        """
            <iia>
                <partner>
                    <hei-id>uw.edu.pl</hei-id>
                    <iia-id>\(id)</iia-id>
                    <c:contact><c:contact-name>\(contactName)</c:contact-name></c:contact>
                </partner>
                <partner>
                    <hei-id>hibo.no</hei-id>
                    \(partnerID.map { "<iia-id>\($0)</iia-id>" } ?? "")
                </partner>
                <in-effect>false</in-effect>
                <cooperation-conditions\(conditionsAttributes)>
        \(specifications)
                </cooperation-conditions>
            </iia>
        """
    }

    static func response(_ iias: String...) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iias-get-response \(namespaces)>\n\(iias.joined(separator: "\n"))\n</iias-get-response>\n"
    }

    static func staffTeaching(mobilitiesPerYear: String = "2", contactName: String = "Piotr Nowak", extra: String = "") -> String {
        """
                <staff-teacher-mobility-spec>
                    <sending-hei-id>uw.edu.pl</sending-hei-id>
                    <sending-contact><c:contact-name>\(contactName)</c:contact-name></sending-contact>
                    <receiving-hei-id>hibo.no</receiving-hei-id>
                    <receiving-first-academic-year-id>2025/2026</receiving-first-academic-year-id>
                    <receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id>
                    <mobilities-per-year>\(mobilitiesPerYear)</mobilities-per-year>
                    <recommended-language-skill><language>en</language><cefr-level>B2</cefr-level></recommended-language-skill>
                    <subject-area><isced-f-code>0613</isced-f-code></subject-area>\(extra)
                    <total-days-per-year>10</total-days-per-year>
                </staff-teacher-mobility-spec>
        """
    }

    static let studentStudies = """
                <student-studies-mobility-spec>
                    <sending-hei-id>hibo.no</sending-hei-id>
                    <sending-ounit-id/>
                    <receiving-hei-id>uw.edu.pl</receiving-hei-id>
                    <receiving-contact><c:contact-name>Ewa</c:contact-name><c:email>ewa@uw.edu.pl</c:email></receiving-contact>
                    <receiving-first-academic-year-id>2025/2026</receiving-first-academic-year-id>
                    <receiving-last-academic-year-id>2027/2028</receiving-last-academic-year-id>
                    <mobilities-per-year>4<!-- four, as agreed by mail --></mobilities-per-year>
                    <recommended-language-skill not-yet-defined="true"><language>pl</language></recommended-language-skill>
                    <subject-area>
                        <isced-f-code v6-value="061">0612</isced-f-code>
                        <isced-clarification><![CDATA[Databases & networks > design]]></isced-clarification>
                    </subject-area>
                    <subject-area><isced-f-code>0541</isced-f-code><isced-clarification>Statistics &amp; data</isced-clarification></subject-area>
                    <total-months-per-year>10</total-months-per-year>
                    <blended>true</blended>
                    <eqf-level>6</eqf-level>
                </student-studies-mobility-spec>
        """

    static func hashes(_ document: String) throws -> [IIAHash] {
        try IIAHash.all(inXML: Data(document.utf8), source: "test IIA")
    }
}

@Suite("IIA v7 hash: the official kit reproduced")
struct IIAHashTests {
    // (a) The kit's documented result, character for character.

    @Test("the kit's example gives the text-to-hash its README documents, and the kit's iia-hash",
          .enabled(if: OfficialEWPFiles.present, "needs the official EWP files in ../shared/ewp (or LIAISON_SHARED)"))
    func kitExample() throws {
        let readme = try String(contentsOf: OfficialEWPFiles.url("iias/README.md"), encoding: .utf8)
        // The README's second code block is the v7 XSLT's result for get-response-v7.xml.
        let blocks = readme.components(separatedBy: "```")
        let documented = try EWPXMLElement.parseDocument(Data(try #require(blocks.dropFirst(3).first).trimmingCharacters(in: .whitespacesAndNewlines).utf8), source: "iias/README.md")
        let documentedText = try #require(documented.child(named: "text-to-hash")).stringValue
        let kitExample = try OfficialEWPFiles.data("iias/get-response-v7.xml")

        let results = try IIAHash.all(inXML: kitExample, source: "get-response-v7.xml")

        let result = try #require(results.count == 1 ? results.first : nil)
        #expect(result.textToHash == documentedText)
        #expect(result.iiaID == documented.child(named: "iia-id")?.stringValue)
        #expect(result.validForApproval == (documented.child(named: "valid-for-approval")?.stringValue != "false"))
        // The README gives no hash: the example file carries the kit's iia-hash.
        let stated = try EWPXMLElement.parseDocument(kitExample, source: "get-response-v7.xml")
        #expect(result.hash == stated.child(named: "iia")?.child(named: "iia-hash")?.stringValue)
    }

    @Test("the API's official example (all four kinds of mobility) hashes to the iia-hash it carries",
          .enabled(if: OfficialEWPFiles.present, "needs the official EWP files in ../shared/ewp (or LIAISON_SHARED)"))
    func officialExample() throws {
        let example = try OfficialEWPFiles.data("iias/get-response-example.xml")
        let document = try EWPXMLElement.parseDocument(example, source: "get-response-example.xml")
        let stated = document.children(named: "iia").map { $0.child(named: "iia-hash")?.stringValue }

        let results = IIAHash.all(in: document)

        #expect(!results.isEmpty)
        #expect(results.map(\.hash) == stated)
    }

    // (b) Against the kit itself, run by the processor it was tested with.

    @Test("our text-to-hash equals the official XSLT's on the official examples and on IIAs written here",
          .enabled(if: OfficialEWPFiles.present, "needs the official EWP files in ../shared/ewp (or LIAISON_SHARED)"),
          .enabled(if: Saxon.available, "needs Java and Saxon-HE (Debian's libsaxonhe-java; .ci/run installs it)"),
          arguments: ["official example", "quotas changed", "subject area added, contacts and comments",
                      "two IIAs, one terminated"])
    func sameAsTheKit(_ name: String) throws {
        let document: String
        switch name {
        case "official example":
            document = try String(contentsOf: OfficialEWPFiles.url("iias/get-response-example.xml"), encoding: .utf8)
        case "quotas changed":
            document = TestIIAs.response(TestIIAs.iia(TestIIAs.staffTeaching(mobilitiesPerYear: "5")))
        case "subject area added, contacts and comments":
            let extraArea = "\n<subject-area><isced-f-code>0688</isced-f-code><isced-clarification> ICT, interdisciplinary </isced-clarification></subject-area>"
            document = TestIIAs.response(TestIIAs.iia(TestIIAs.studentStudies + "\n" + TestIIAs.staffTeaching(extra: extraArea)))
        default:
            document = TestIIAs.response(
                TestIIAs.iia(TestIIAs.staffTeaching(), id: "first"),
                TestIIAs.iia(TestIIAs.studentStudies, id: "second", partnerID: nil, conditionsAttributes: #" terminated-as-a-whole="true""#))
        }

        let ours = try TestIIAs.hashes(document)
        let kits = try Saxon.transform(document)

        #expect(!ours.isEmpty)
        #expect(ours == kits)
    }

    // (c) Properties.

    @Test("layout of the XML does not change the hash: indentation, line ends, prefixes, quotes, empty-element form")
    func layoutDoesNotMatter() throws {
        let indented = TestIIAs.response(TestIIAs.iia(TestIIAs.studentStudies + TestIIAs.staffTeaching()))
        // The same document with no whitespace between elements, a CRLF line end inside the root's
        // start tag, single quotes, then a prefix for the default namespace (the CDATA holds no
        // "<" for the prefixing to touch).
        let compact = indented
            .replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
            .replacingOccurrences(of: "<sending-ounit-id/>", with: "<sending-ounit-id></sending-ounit-id>")
            .replacingOccurrences(of: #"not-yet-defined="true""#, with: "not-yet-defined='true'")
            .replacingOccurrences(of: "<iias-get-response xmlns=", with: "<iias-get-response\r\n  xmlns=")
        let prefixed = compact
            .replacingOccurrences(of: #"<(/?)(?!/|c:|\?|!)"#, with: "<$1i:", options: .regularExpression)
            .replacingOccurrences(of: " xmlns=", with: " xmlns:i=")
        #expect(compact != indented && prefixed != compact)

        let hashes = try [indented, compact, prefixed].map { try TestIIAs.hashes($0).map(\.hash) }

        #expect(hashes[0].count == 1)
        #expect(hashes[1] == hashes[0])
        #expect(hashes[2] == hashes[0])
    }

    @Test("a changed mobilities-per-year changes the hash; a changed contact does not")
    func whatCounts() throws {
        let agreed = try TestIIAs.hashes(TestIIAs.response(TestIIAs.iia(TestIIAs.staffTeaching(mobilitiesPerYear: "2"))))
        let moreMobilities = try TestIIAs.hashes(TestIIAs.response(TestIIAs.iia(TestIIAs.staffTeaching(mobilitiesPerYear: "3"))))
        let otherContacts = try TestIIAs.hashes(TestIIAs.response(
            TestIIAs.iia(TestIIAs.staffTeaching(mobilitiesPerYear: "2", contactName: "Jan Kos"), contactName: "Ola Kos")))

        #expect(agreed.count == 1)
        #expect(moreMobilities.map(\.hash) != agreed.map(\.hash))
        #expect(moreMobilities.first?.textToHash.contains("staff-teacher-mobility-spec.mobilities-per-year=3_") == true)
        #expect(otherContacts.map(\.hash) == agreed.map(\.hash))
    }

    @Test("text that is not well-formed XML is refused with its line")
    func notXML() {
        let broken = TestIIAs.response(TestIIAs.iia(TestIIAs.staffTeaching())).replacingOccurrences(of: "</total-days-per-year>", with: "")
        #expect {
            try TestIIAs.hashes(broken)
        } throws: { error in
            "\(error)".hasPrefix("test IIA: not well-formed XML at line ")
        }
    }
}
