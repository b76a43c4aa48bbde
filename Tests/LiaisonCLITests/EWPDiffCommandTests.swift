import Foundation
import LiaisonCore
import LiaisonGenerator
import LiaisonInterchange
import Testing

/// `liaison ewp diff` on a network whose Jagiellonian agreement has `SampleIIA`, against
/// get-responses written in the test as the partner would serve them (itself first).
@Suite("liaison ewp diff")
struct EWPDiffCommandTests {
    let directory: String
    let network: String

    init() throws {
        directory = NSTemporaryDirectory() + "liaison-ewpdiff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        network = directory + "/network.json"
        try Data(NetworkCoding.encode(SampleIIA.network())).write(to: URL(fileURLWithPath: network))
    }

    /// A get-response of the given copies, served by the partner (it is the first partner) or by us.
    func file(_ name: String, _ iias: [IIA], servedBy server: String = SampleIIA.partnerHeiID) throws -> String {
        let items = iias.map { iia in
            if server == SampleIIA.ourHeiID {
                return IIAResponseWriter.Item(iia: iia, ourHeiID: SampleIIA.ourHeiID, partnerHeiID: SampleIIA.partnerHeiID)
            }
            var seenByPartner = iia
            (seenByPartner.ours, seenByPartner.theirs) = (iia.theirs, iia.ours)
            return IIAResponseWriter.Item(iia: seenByPartner, ourHeiID: SampleIIA.partnerHeiID, partnerHeiID: SampleIIA.ourHeiID)
        }
        let path = directory + "/" + name
        try IIAResponseWriter.document(items).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func diff(_ arguments: String...) throws -> CLI.Result {
        try CLI.run(["ewp", "diff"] + arguments, data: network)
    }

    func hashes(_ output: String) -> [String] {
        output.split(separator: "\n").filter { $0.contains(" hash: ") }.map { String($0.split(separator: " ").last ?? "") }
    }

    @Test("The same IIA: both hashes shown and equal, exit 0, by agreement id and by partner name")
    func same() throws {
        let theirs = try file("same.xml", [SampleIIA.iia])
        for ours in [SampleIIA.agreementID, "Jagiellonian"] {
            let result = try diff(ours, theirs)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("IIA rub-2025-17 (RUB) / UJ-991 (UJ), RUB with UJ"))
            #expect(result.stdout.contains("The hashes match"))
            let both = hashes(result.stdout)
            #expect(both.count == 2 && both[0] == both[1] && both[0].count == 64)
        }
    }

    @Test("A quota changed: the hashes differ, exit 1, the specification and both values named")
    func quotaChanged() throws {
        var changed = SampleIIA.iia
        changed.mobilities[2].mobilitiesPerYear = 3
        let result = try diff(SampleIIA.agreementID, try file("quota.xml", [changed]))
        #expect(result.status == 1)
        #expect(result.stdout.contains("The hashes differ: 1 difference the hash covers:\n    staff teaching, RUB to UJ: mobilities per year 2 (ours) vs 3 (theirs)"))
        let both = hashes(result.stdout)
        #expect(both.count == 2 && both[0] != both[1])
    }

    @Test("A subject area added and a specification removed are each one line")
    func subjectAreaAndSpecification() throws {
        var changed = SampleIIA.iia
        changed.mobilities[1].subjectAreas.append(SubjectArea(code: "0541", clarification: "Statistics"))
        changed.mobilities.remove(at: 0)
        let result = try diff(SampleIIA.agreementID, try file("areas.xml", [changed]))
        #expect(result.status == 1)
        #expect(result.stdout.contains("    student studies, UJ to RUB: subject area 0541 (Statistics) only in theirs\n"))
        #expect(result.stdout.contains("    student studies, RUB to UJ: only in ours\n"))
        #expect(result.stdout.contains("2 differences the hash covers"))
    }

    @Test("A field the hash ignores: hashes equal, exit 0, the difference listed as not in the hash")
    func ignoredByTheHash() throws {
        var changed = SampleIIA.iia
        changed.ours?.iiaCode = "RUB-ER-17"
        changed.inEffect = false
        let result = try diff(SampleIIA.agreementID, try file("code.xml", [changed]))
        #expect(result.status == 0)
        #expect(result.stdout.contains("The hashes match"))
        #expect(result.stdout.contains("Not in the hash (these do not change it):\n    RUB: IIA code RUB/ER/17 (ours) vs RUB-ER-17 (theirs)\n    in effect yes (ours) vs no (theirs)"))
    }

    @Test("Two files, ours served by us and theirs by the partner, with IIAs paired by iia-id; --json")
    func twoFiles() throws {
        var other = SampleIIA.iia
        other.ours?.iiaId = "rub-2025-18"
        other.theirs?.iiaId = "UJ-992"
        var changed = SampleIIA.iia
        changed.mobilities[0].totalMonthsPerYear = "9"
        let ours = try file("ours.xml", [SampleIIA.iia], servedBy: SampleIIA.ourHeiID)
        let theirs = try file("theirs.xml", [other, changed])
        let result = try diff(ours, theirs, "--json")
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let comparisons = try #require(json["comparisons"] as? [[String: Any]])
        try #require(comparisons.count == 1)
        #expect(comparisons[0]["hashesMatch"] as? Bool == false)
        #expect(comparisons[0]["differences"] as? [String] == ["student studies, RUB to UJ: total months per year 10 (ours) vs 9 (theirs)"])
        #expect((comparisons[0]["theirs"] as? [String: Any])?["iiaId"] as? String == "UJ-991")
        #expect((json["unmatchedTheirs"] as? [[String: Any]])?.first?["iiaIds"] as? [String] == ["UJ-992", "rub-2025-18"])
        // The keys docs/json-output.md lists for each comparison (JSONShapeTests checks the rest).
        #expect(Set(comparisons[0].keys) == ["ours", "theirs", "hashesMatch", "differences", "notInHash"])
        #expect(Set((comparisons[0]["ours"] as? [String: Any])?.keys ?? [:].keys) == ["heiId", "iiaId", "hash"])
        #expect(Set((comparisons[0]["theirs"] as? [String: Any])?.keys ?? [:].keys) == ["heiId", "iiaId", "hash", "statedHash", "line"])

        let text = try diff(ours, theirs)
        #expect(text.stdout.contains("IIA UJ-992 (uj.edu.pl) / rub-2025-18 (ruhr-uni-bochum.de) has no counterpart in \(ours)"))
    }

    @Test("Errors exit 2 and say what is wrong: no file, not XML, an agreement without an IIA")
    func errors() throws {
        let theirs = try file("same.xml", [SampleIIA.iia])
        let missing = try diff(SampleIIA.agreementID, directory + "/none.xml")
        #expect(missing.status == 2 && missing.stderr.contains("none.xml: cannot be opened"))

        let notXML = directory + "/broken.xml"
        try "<iias-get-response><iia>".write(toFile: notXML, atomically: true, encoding: .utf8)
        let broken = try diff(SampleIIA.agreementID, notXML)
        #expect(broken.status == 2 && broken.stderr.contains("broken.xml: not well-formed XML at line"))

        for ours in ["nonexist.xml", directory + "/nowhere/ours"] {
            let missingOurs = try diff(ours, theirs)
            #expect(missingOurs.status == 2 && missingOurs.stderr.contains("\(ours): cannot be opened: No such file or directory"), "\(missingOurs.stderr)")
        }

        let noIIA = try diff("utokyo-mou", theirs)
        #expect(noIIA.status == 2 && noIIA.stderr.contains("agreement utokyo-mou of utokyo has no EWP IIA to compare"))
    }

    @Test("Values from the partner's file cannot act on the terminal")
    func hostileValues() throws {
        var changed = SampleIIA.iia
        changed.theirs?.iiaCode = "UJ\u{202E}\u{9B}31m"
        let result = try diff(SampleIIA.agreementID, try file("hostile.xml", [changed]))
        #expect(result.status == 0)
        #expect(result.stdout.contains("UJ: IIA code none (ours) vs UJ"))
        #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{9B}" })
    }

    @Test("An ESC in our stored IIA: no hash of nothing; diff says why our hash cannot be made, export writes nothing")
    func controlCharacterInOurIIA() throws {
        var broken = SampleIIA.iia
        broken.theirs?.iiaCode = "UJ\u{1B}[31m"
        try Data(NetworkCoding.encode(SampleIIA.network(broken))).write(to: URL(fileURLWithPath: network))
        let theirs = try file("theirs.xml", [SampleIIA.iia])
        let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

        let result = try diff(SampleIIA.agreementID, theirs)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(!result.stdout.contains(emptyHash) && !result.stderr.contains(emptyHash))
        #expect(result.stderr.contains("our hash cannot be made: agreement uj-erasmus of"))
        #expect(result.stderr.contains("EWP IIA theirs iia code holds the control character U+001B"), "\(result.stderr)")

        let out = directory + "/out.xml"
        let export = try CLI.run(["ewp", "export", "-o", out], data: network)
        #expect(export.status == 1)
        #expect(export.stderr.contains("nothing was exported: agreement uj-erasmus of"), "\(export.stderr)")
        #expect(export.stderr.contains("U+001B"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("A partner's file that breaks the XSD is refused with its problems (FILE:LINE, path, rule), exit 2, not compared as values")
    func partnerFileBreaksTheXSD() throws {
        let path = try file("theirs.xml", [SampleIIA.iia])
        let broken = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "    <in-effect>true</in-effect>\n", with: "")
            .replacingOccurrences(of: "<isced-f-code>0314</isced-f-code>", with: "<isced-f-code>31A</isced-f-code>")
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try diff(SampleIIA.agreementID, path)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty && !result.stderr.contains("in effect"), "\(result.stdout)")
        #expect(result.stderr.contains("theirs.xml does not follow its XSD"), "\(result.stderr)")
        let line = try #require(EWPTestLines.line(of: "31A", in: broken))
        #expect(result.stderr.contains("theirs.xml:\(line): iias-get-response/iia[1]/cooperation-conditions/student-studies-mobility-spec[1]/subject-area[1]/isced-f-code: \"31A\" is not an ISCED-F code of 4 digits"),
                "\(result.stderr)")
        #expect(result.stderr.contains("in-effect"))
    }
}
