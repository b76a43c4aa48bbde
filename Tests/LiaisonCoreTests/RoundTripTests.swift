import Foundation
import Testing
@testable import LiaisonCore
import LiaisonGenerator

@Suite("Load and save round trips")
struct RoundTripTests {
    @Test("the sample file comes back byte for byte")
    func sampleRoundTrip() throws {
        let bytes = Fixtures.sampleBytes()
        let decoded = NetworkCoding.decode(bytes)
        let network = try #require(decoded.network)
        #expect(NetworkCoding.encode(network) == bytes)
    }

    @Test("a file written by the program, loaded and saved unchanged, is identical")
    func ownOutputIsStable() throws {
        // Written by hand in another layout: the first save canonicalises, the second changes nothing.
        let text = Fixtures.network(partners: [Fixtures.partner("p1", extra: #", "tags": ["a"], "notes": "line\nbreak \"quoted\" \\ tab\t""#)])
        let first = try #require(Fixtures.decode(text).network)
        let canonical = NetworkCoding.encode(first)
        let second = try #require(NetworkCoding.decode(canonical).network)
        #expect(second == first)
        #expect(NetworkCoding.encode(second) == canonical)
        #expect(String(decoding: canonical, as: UTF8.self).hasSuffix("}\n"))
    }

    @Test("keys the program does not know survive on every kind of object, values unchanged")
    func unknownKeysSurvive() throws {
        let text = """
        {
          "schemaVersion": 1,
          "futureTop": {"nested": [1, 2.50, -3e-2, true, null, {"deep": "ü"}]},
          "institution": {"name": "RUB", "country": "DE", "campus": "Querenburg"},
          "partners": [{"id": "p1", "name": "Kraków U", "country": "PL", "partnershipType": "exchange", "status": "active",
                        "rank": 12.0,
                        "agreements": [{"id": "a1", "kind": "erasmus", "signedBy": ["x"], "quota": {"incoming": 1, "outgoing": 2, "staff": 3}}]}],
          "objectives": [{"id": "o1", "title": "T", "colour": "#fff"}],
          "events": [{"id": "e1", "title": "E", "start": "2018-07-05", "stream": null}],
          "contacts": [{"id": "c1", "name": "N", "room": "SSC 1/234"}]
        }
        """
        let network = try #require(Fixtures.decode(text).network)
        #expect(network.extra["futureTop"] == .object(JSONObject([("nested", .array([.number("1"), .number("2.50"), .number("-3e-2"), .bool(true), .null, .object(JSONObject([("deep", .string("ü"))]))]))])))
        #expect(network.institution.extra["campus"] == .string("Querenburg"))
        #expect(network.partners[0].extra["rank"] == .number("12.0"))
        #expect(network.partners[0].agreements[0].extra["signedBy"] == .array([.string("x")]))
        #expect(network.partners[0].agreements[0].quota?.extra["staff"] == .number("3"))
        #expect(network.objectives[0].extra["colour"] == .string("#fff"))
        #expect(network.events[0].extra["stream"] == .null)
        #expect(network.contacts[0].extra["room"] == .string("SSC 1/234"))

        let saved = NetworkCoding.encode(network)
        let reloaded = try #require(NetworkCoding.decode(saved).network)
        #expect(reloaded == network)
        let savedText = String(decoding: saved, as: UTF8.self)
        #expect(savedText.contains("\"rank\": 12.0"))
        #expect(savedText.contains("-3e-2"))
    }

    @Test("null and absent optional values read the same")
    func nullEqualsAbsent() throws {
        let withNull = try #require(Fixtures.decode(Fixtures.network(partners: [Fixtures.partner("p1", extra: #", "city": null, "since": null"#)])).network)
        let absent = try #require(Fixtures.decode(Fixtures.network(partners: [Fixtures.partner("p1")])).network)
        #expect(withNull == absent)
    }

    @Test("non-ASCII is written as itself and control characters are escaped")
    func stringWriting() {
        var writer = JSONWriter()
        writer.value(.string("東京大学 Łódź \u{1}\u{7F}\n"))
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "\"東京大学 Łódź \\u0001\u{7F}\\n\"")
    }

    @Test("a generated network loads from disk with no problems and comes back byte for byte")
    func generatedNetwork() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let generated = NetworkGenerator.network(partners: 300, seed: 1)
        let bytes = NetworkCoding.encode(generated)
        let path = directory.file("net.json")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))

        let file = try NetworkFile.load(path: path)
        #expect(file.warnings.isEmpty, "\(file.warnings)")
        #expect(Validation.check(file.network).isEmpty)
        #expect(file.network == generated)
        #expect(file.network.partners.count == 300)
        #expect(NetworkCoding.encode(file.network) == bytes)
    }
}
