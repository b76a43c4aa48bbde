import Foundation
import Testing
import LiaisonCore

/// `liaison directory`, `add partner --from-directory` and `check codes`, each run with a
/// directory of its own (XDG_DATA_HOME in a temporary folder) and a copy of the data.
@Suite("liaison directory, add --from-directory, check codes", .serialized)
struct DirectoryCommandTests {
    /// A temporary folder with the data file and the XDG data folder the directory goes in.
    struct Place {
        let folder: String
        var data: String { folder + "/network.json" }
        var environment: [String: String] { ["XDG_DATA_HOME": folder + "/xdg"] }
        var storage: DirectoryStorage { DirectoryStorage(folder: folder + "/xdg/liaison/directory") }

        init(network: String? = nil) throws {
            folder = NSTemporaryDirectory() + "liaison-directory-cli-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if let network {
                try Data(network.utf8).write(to: URL(fileURLWithPath: data))
            } else {
                try FileManager.default.copyItem(atPath: CLI.sample, toPath: data)
            }
        }

        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(arguments, environment: environment, data: data)
        }

        func partner(_ id: String) throws -> Partner? {
            try NetworkFile.load(path: data).network.partners.first { $0.id == id }
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// ROR records as a dump has them: Kyoto University with its Japanese label, and another
    /// Kyoto institution, so that "kyoto" alone names two.
    static let rorDump = """
    [{"id": "https://ror.org/02kpeqv85", "names": [
        {"value": "Kyoto University", "types": ["ror_display", "label"], "lang": "en"},
        {"value": "京都大学", "types": ["label"], "lang": "ja"},
        {"value": "Kyodai", "types": ["acronym"], "lang": null}],
      "locations": [{"geonames_details": {"country_code": "JP", "name": "Kyoto"}}],
      "links": [{"type": "website", "value": "https://www.kyoto-u.ac.jp"}], "domains": ["kyoto-u.ac.jp"]},
     {"id": "https://ror.org/00965ax52", "names": [
        {"value": "Kyoto Institute of Technology", "types": ["ror_display", "label"], "lang": "en"},
        {"value": "京都工芸繊維大学", "types": ["label"], "lang": "ja"}],
      "locations": [{"geonames_details": {"country_code": "JP", "name": "Kyoto"}}], "domains": ["kit.ac.jp"]}]
    """

    @Test("a partner added from the directory: the entry's fields, the options winning, each filled value and default said")
    func addFromDirectory() throws {
        let place = try Place()
        defer { place.remove() }
        let dump = place.folder + "/ror.json"
        try Data(Self.rorDump.utf8).write(to: URL(fileURLWithPath: dump))
        let empty = try place.run(["add", "partner", "--from-directory", "kyoto"])
        #expect(empty.status == 1 && empty.stderr.contains("the directory is empty"), "\(empty.stderr)")

        let imported = try place.run(["directory", "import", dump])
        #expect(imported.status == 0 && imported.stdout.contains("ROR, 2 institutions"), "\(imported.stdout)\(imported.stderr)")
        let several = try place.run(["add", "partner", "--from-directory", "kyoto"])
        #expect(several.status == 1)
        #expect(several.stderr.contains("--from-directory 'ror:https://ror.org/02kpeqv85'") && several.stderr.contains("Kyoto Institute of Technology"))

        let added = try place.run(["add", "partner", "--from-directory", "京都大", "--status", "active", "--city", "Kyoto, Sakyō"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("filled from ROR https://ror.org/02kpeqv85:\n  Name: Kyoto University\n  Local name: 京都大学"), "\(added.stderr)")
        #expect(!added.stderr.contains("  City: Kyoto\n"), "a value given as an option is not the directory's")
        #expect(added.stderr.contains("defaults: Type exchange") && !added.stderr.contains("Status planned"))
        let kyoto = try #require(try place.partner("kyoto-university"))
        #expect(kyoto.localName == "京都大学" && kyoto.shortName == "Kyodai" && kyoto.country == "JP" && kyoto.city == "Kyoto, Sakyō")
        #expect(kyoto.website == "https://www.kyoto-u.ac.jp" && kyoto.schacCode == "kyoto-u.ac.jp" && kyoto.status == "active")

        let again = try place.run(["add", "partner", "--from-directory", "ror:https://ror.org/02kpeqv85", "--name", "Kyōto Daigaku"])
        #expect(again.status == 1 && again.stderr.contains("has the same SCHAC code kyoto-u.ac.jp"), "\(again.stderr)")
    }

    /// Two partners with codes to check, and the ECHE list's entries for them.
    static let network = """
    {
      "schemaVersion": 1,
      "institution": {"name": "Ruhr-Universität Bochum", "country": "DE"},
      "partners": [
        {"id": "uj", "name": "Jagiellonian University", "country": "PL", "erasmusCode": "PL KRAKOW01", "schacCode": "uj.edu.pl", "partnershipType": "exchange", "status": "active"},
        {"id": "tours", "name": "Université de Tours", "country": "FR", "erasmusCode": "F TOURS01", "pic": "999867271", "schacCode": "univ-tours.fr", "partnershipType": "exchange", "status": "active"},
        {"id": "lodz", "name": "Uniwersytet Łódzki", "country": "PL", "pic": "123", "partnershipType": "exchange", "status": "active"}
      ],
      "objectives": [], "events": [], "contacts": []
    }
    """

    static let eche = [
        DirectoryEntry(source: .eche, id: "PL KRAKOW01", names: [DirectoryEntry.Name("UNIWERSYTET JAGIELLONSKI")], countryCode: "PL",
                       website: "https://www.uj.edu.pl", erasmusCode: "PL KRAKOW01", pic: "999642716"),
        DirectoryEntry(source: .eche, id: "F  TOURS01", names: [DirectoryEntry.Name("UNIVERSITE DE TOURS")], countryCode: "FR",
                       website: "https://www.univ-tours.fr", erasmusCode: "F  TOURS01", pic: "999867271"),
        DirectoryEntry(source: .eche, id: "PL LODZ01", names: [DirectoryEntry.Name("Uniwersytet Łódzki")], countryCode: "PL",
                       website: "https://www.uni.lodz.pl", erasmusCode: "PL LODZ01", pic: "999863488"),
    ]

    @Test("check codes without a directory: missing and malformed codes, and that no directory is imported")
    func checkCodesWithoutDirectory() throws {
        let place = try Place(network: Self.network)
        defer { place.remove() }
        let result = try place.run(["check", "codes"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("uj  PIC missing\n"))
        #expect(result.stdout.contains(#"tours  Erasmus code "F TOURS01" is malformed"#) && result.stdout.contains(#"written so: "F  TOURS01""#))
        #expect(result.stdout.contains(#"lodz  PIC "123" is malformed (9 digits)"#))
        #expect(result.stderr.contains("no directory is imported"))
    }

    @Test("check codes with the directory, then --fix: the directory's values put in through the save, and said")
    func checkCodesAndFix() throws {
        let place = try Place(network: Self.network)
        defer { place.remove() }
        try place.storage.write(Self.eche, as: .eche)
        let json = try place.run(["check", "codes", "--json"])
        #expect(json.status == 1)
        let findings = try #require(try CLI.json(json.stdout) as? [[String: Any]])
        let described = findings.map { "\($0["partner"]!) \($0["field"]!) \($0["problem"]!) \($0["suggestion"]!)" }
        #expect(described == [
            "uj pic missing 999642716", "tours erasmusCode malformed F  TOURS01",
            "lodz erasmusCode missing PL LODZ01", "lodz pic differs 999863488", "lodz schacCode missing uni.lodz.pl",
        ], "\(described)")

        let fixed = try place.run(["check", "codes", "--fix"])
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("uj  set PIC: (none) -> \"999642716\""))
        #expect(fixed.stdout.contains("tours  set Erasmus code: \"F TOURS01\" -> \"F  TOURS01\""))
        #expect(fixed.stderr.contains("fixed codes of 3 partners"))
        let lodz = try #require(try place.partner("lodz"))
        #expect(lodz.erasmusCode == "PL LODZ01" && lodz.pic == "999863488" && lodz.schacCode == "uni.lodz.pl")
        #expect(try place.partner("tours")?.erasmusCode == "F  TOURS01")
        let history = try place.run(["history", "lodz"])
        #expect(history.stdout.contains("PIC: 123 → 999863488"), "\(history.stdout)")

        let after = try place.run(["check", "codes"])
        #expect(after.status == 0 && after.stdout.contains("no findings"), "\(after.stdout)")
    }

    @Test("directory import of a file that cannot be read exits 2, naming the file and the reason")
    func unreadableFile() throws {
        let place = try Place()
        defer { place.remove() }
        let missing = try place.run(["directory", "import", place.folder + "/nonexist.xlsx"])
        #expect(missing.status == 2 && missing.stderr.contains(place.folder + "/nonexist.xlsx") && missing.stderr.contains("No such file"), "\(missing.stderr)")
        let folder = try place.run(["directory", "import", place.folder])
        #expect(folder.status == 2 && folder.stderr.contains(place.folder), "\(folder.stderr)")
        let notAList = try place.run(["directory", "import", place.data])
        #expect(notAList.status == 2 && notAList.stderr.contains("neither a ROR data dump"), "\(notAList.stderr)")
    }

    @Test("add --from-directory of the home institution's entry is asked about as the home institution, not a partner")
    func homeInstitutionFromDirectory() throws {
        let place = try Place()
        defer { place.remove() }
        try place.storage.write([
            DirectoryEntry(source: .eche, id: "D  BOCHUM01", names: [DirectoryEntry.Name("RUHR-UNIVERSITAET BOCHUM")], countryCode: "DE",
                           city: "BOCHUM", website: "https://www.ruhr-uni-bochum.de", erasmusCode: "D  BOCHUM01", pic: "999988812"),
        ], as: .eche)
        let home = try place.run(["add", "partner", "--from-directory", "eche:D  BOCHUM01"])
        #expect(home.status == 1, "\(home.stdout)\(home.stderr)")
        #expect(home.stderr.contains("it is the home institution, not a partner: Ruhr-Universität Bochum (the home institution) has the same Erasmus code"), "\(home.stderr)")
        #expect(try place.partner("ruhr-universitaet-bochum") == nil)
    }
}
