import Foundation
import LiaisonCore
import LiaisonGenerator
import Testing

/// `liaison show` of a partner whose agreement is an EWP IIA: the IIA in lines people read, the
/// same lines as the dashboard's detail (IIASummary), and in full in `--json`.
@Suite("liaison show with an EWP IIA")
struct ShowIIATests {
    @Test("a partner's IIA is shown below its agreements: ids, signing, one line per mobility specification")
    func shown() throws {
        let directory = NSTemporaryDirectory() + "liaison-showiia-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/network.json"
        let network = SampleIIA.network()
        try Data(NetworkCoding.encode(network)).write(to: URL(fileURLWithPath: path))

        let result = try CLI.run(["show", SampleIIA.partnerID], data: path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex(of: "EWP IIAs"), "\(result.stdout)")
        #expect(lines[heading + 1] == "  " + SampleIIA.agreementID)
        let partner = try #require(network.partners.first { $0.id == SampleIIA.partnerID })
        let iia = try #require(partner.agreements.first { $0.id == SampleIIA.agreementID }?.iia)
        let expected = IIASummary.lines(iia, parties: network.iiaParties(of: partner)).map { "    " + $0 }
        #expect(Array(lines[(heading + 2)...].prefix(expected.count)) == expected)
        #expect(expected.count == 2 + iia.mobilities.count)

        let json = try CLI.run(["show", SampleIIA.partnerID, "--json"], data: path)
        #expect(json.stdout.contains("\"mobilities\""), "the IIA in full in JSON")
    }
}
