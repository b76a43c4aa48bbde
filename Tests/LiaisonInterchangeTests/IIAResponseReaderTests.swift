import Foundation
import LiaisonCore
import LiaisonGenerator
import LiaisonInterchange
import Testing

@Suite("IIA get-responses read into agreements")
struct IIAResponseReaderTests {
    @Test("The official example becomes the agreement of uw.edu.pl with hibo.no, from either side",
          .enabled(if: OfficialEWPFiles.present, "../shared/ewp is not next to the repository (set LIAISON_SHARED)"))
    func officialExample() throws {
        let document = try EWPXMLElement.parseDocument(OfficialEWPFiles.data("iias/get-response-example.xml"), source: "example")
        let iias = IIAResponseReader.iias(in: document)
        try #require(iias.count == 1)
        let exchanged = iias[0]
        #expect(exchanged.parties.map(\.heiID) == ["uw.edu.pl", "hibo.no"])
        #expect(exchanged.statedHash == exchanged.computedHash.hash)

        let (iia, partner) = try #require(exchanged.iia(ourHeiID: "HIBO.no"))
        #expect(partner == "uw.edu.pl")
        #expect(iia.ours?.iiaId == "1954991")
        #expect(iia.ours?.signerName == "Monica Turner")
        #expect(iia.theirs?.iiaCode == "983/E+/III14&15")
        #expect(iia.theirs?.signerName == "Sylwia Nowak")
        #expect(iia.inEffect == true)
        #expect(iia.mobilities.map(\.kind) == ["student-studies", "student-traineeship", "staff-teaching", "staff-teaching", "staff-training"])
        let studies = iia.mobilities[0]
        #expect(studies.sending == "uw.edu.pl" && studies.sendingOunitId == "140" && studies.receiving == "hibo.no")
        #expect(studies.firstAcademicYear == "2014/2015" && studies.lastAcademicYear == "2020/2021")
        #expect(studies.mobilitiesPerYear == 2 && studies.totalMonthsPerYear == "5" && studies.blended == false)
        #expect(studies.eqfLevels == [7, 8])
        #expect(studies.subjectAreas == [SubjectArea(code: "0314")])
        #expect(studies.languageSkills.map { "\($0.language) \($0.cefrLevel ?? "")" } == ["en B1", "no B1"])
        #expect(iia.mobilities[2].totalDaysPerYear == "8")

        #expect(exchanged.iia(ourHeiID: "ruhr-uni-bochum.de") == nil, "neither side is ours")
    }

    @Test("Written back from Liaison's terms, the official example keeps its iia-hash, and reads back the same",
          .enabled(if: OfficialEWPFiles.present, "../shared/ewp is not next to the repository (set LIAISON_SHARED)"))
    func writtenBack() throws {
        let document = try EWPXMLElement.parseDocument(OfficialEWPFiles.data("iias/get-response-example.xml"), source: "example")
        let exchanged = try #require(IIAResponseReader.iias(in: document).first)
        // uw.edu.pl served the example, so it is the first partner: written from its side, the
        // order of the partners, and so the text-to-hash, is the example's.
        let (iia, partner) = try #require(exchanged.iia(ourHeiID: "uw.edu.pl"))
        let item = IIAResponseWriter.Item(iia: iia, ourHeiID: "uw.edu.pl", partnerHeiID: partner)
        let written = try IIAResponseWriter.document([item])
        #expect(try IIAResponseWriter.hash(item).hash == exchanged.statedHash)
        let reread = try #require(IIAResponseReader.iias(in: EWPXMLElement.parseDocument(Data(written.utf8), source: "written")).first)
        #expect(reread.statedHash == exchanged.statedHash)
        #expect(reread.iia(ourHeiID: "uw.edu.pl")?.iia == iia)
    }

    @Test("A value XML cannot carry: the writer refuses, naming the field and the character, and hashes nothing")
    func unwritableValue() {
        var iia = SampleIIA.iia
        iia.mobilities[1].subjectAreas[0].clarification = "bell\u{07}"
        let item = IIAResponseWriter.Item(iia: iia, ourHeiID: SampleIIA.ourHeiID, partnerHeiID: SampleIIA.partnerHeiID)
        #expect(iia.valueXMLCannotCarry?.path == "mobilities[1].subjectAreas[0].clarification")
        #expect(iia.valueXMLCannotCarry?.character == "U+0007")
        #expect(throws: IIAResponseWriter.Unwritable.self) { try IIAResponseWriter.hash(item) }
        do {
            _ = try IIAResponseWriter.document([item])
            Issue.record("a document was written")
        } catch {
            #expect(error.description.contains("EWP IIA mobility specifications 2 subject areas 1 clarification holds the control character U+0007"),
                    "\(error.description)")
        }
        var fine = iia
        fine.mobilities[1].subjectAreas[0].clarification = "line\nbreak\tand tab"
        #expect(fine.valueXMLCannotCarry == nil, "tab and line feed are XML")
    }
}
