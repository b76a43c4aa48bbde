import Foundation
import Testing
import LiaisonCore
import LiaisonInterchange

/// The official files in ../shared/directories, found beside the repository or through
/// LIAISON_SHARED.
enum SharedDirectories {
    static let folder: String? = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [ProcessInfo.processInfo.environment["LIAISON_SHARED"].map { $0 + "/directories" },
                          repository.deletingLastPathComponent().path + "/shared/directories"].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/README.md") }
    }()
    static let eche = folder.map { $0 + "/eche-accredited-heis-2021-2027_2026-04-08.xlsx" }
}

@Suite("Directory files")
struct DirectoryFileTests {
    @Test("the ECHE list as published: every institution, RUB with its padded code",
          .enabled(if: SharedDirectories.eche != nil, "needs ../shared/directories (or LIAISON_SHARED) with the ECHE list"))
    func echeList() throws {
        let contents = try DirectoryFile.read(path: try #require(SharedDirectories.eche))
        #expect(contents.source == .eche)
        #expect(contents.entries.count == 6142)
        let rub = try #require(contents.entries.first { $0.name == "RUHR-UNIVERSITAET BOCHUM" })
        #expect(rub.erasmusCode == "D  BOCHUM01")
        #expect(rub.countryCode == "DE")
        #expect(rub.schac == "ruhr-uni-bochum.de")
        #expect(contents.entries.allSatisfy { ErasmusCode($0.erasmusCode ?? "") != nil })
    }

    @Test("RUB taken from the ECHE list as a partner, and found by its code, its PIC and its legal name",
          .enabled(if: SharedDirectories.eche != nil, "needs ../shared/directories (or LIAISON_SHARED) with the ECHE list"))
    func echeEntryAsPartner() throws {
        let index = DirectoryIndex(try DirectoryFile.read(path: try #require(SharedDirectories.eche)).entries)
        guard case .one(let rub) = DirectoryChoice.choose("d bochum01", in: index) else {
            Issue.record("the code D  BOCHUM01 did not name one entry")
            return
        }
        let fields = Dictionary(uniqueKeysWithValues: DirectoryPartner.fields(of: rub).map { ($0.key, $0.value) })
        #expect(fields["name"] == "RUHR-UNIVERSITAET BOCHUM" && fields["erasmusCode"] == "D  BOCHUM01" && fields["country"] == "DE")
        #expect(fields["schacCode"] == "ruhr-uni-bochum.de" && fields["pic"].map(Validation.isPIC) == true)
        #expect(DirectoryChoice.choose(try #require(rub.pic), in: index) == .one(rub))
        #expect(DirectoryChoice.choose("Ruhr-Universitaet Bochum", in: index) == .one(rub))
        #expect(index.complete("ruhr bochum").first == rub)
    }

    private func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "liaison-directory-\(UUID().uuidString).json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a ROR dump: display name first, labels in their scripts, acronyms; country, city, website, domain")
    func rorDump() throws {
        let path = try write("""
        [{"id": "https://ror.org/057zh3y96", "status": "active", "types": ["education"],
          "names": [{"value": "UTokyo", "types": ["acronym"], "lang": "en"},
                    {"value": "東京大学", "types": ["label"], "lang": "ja"},
                    {"value": "The University of Tokyo", "types": ["ror_display", "label"], "lang": "en"}],
          "locations": [{"geonames_id": 1850147, "geonames_details": {"country_code": "JP", "name": "Tokyo"}}],
          "links": [{"type": "wikipedia", "value": "https://en.wikipedia.org/wiki/University_of_Tokyo"},
                    {"type": "website", "value": "https://www.u-tokyo.ac.jp/"}],
          "domains": ["u-tokyo.ac.jp"],
          "external_ids": [{"type": "grid", "all": ["grid.26999.3d"], "preferred": "grid.26999.3d"}]},
         {"id": "https://ror.org/0000000xx", "names": []}]
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let contents = try DirectoryFile.read(path: path)
        #expect(contents.source == .ror)
        #expect(contents.skipped == [2])
        let tokyo = try #require(contents.entries.first)
        #expect(tokyo.names.map(\.text) == ["The University of Tokyo", "東京大学", "UTokyo"])
        #expect(tokyo.names.map(\.kind) == [.display, .label, .acronym])
        #expect(tokyo.names[1].language == "ja")
        #expect(tokyo.countryCode == "JP" && tokyo.city == "Tokyo")
        #expect(tokyo.website == "https://www.u-tokyo.ac.jp/" && tokyo.schac == "u-tokyo.ac.jp")
        #expect(DirectoryIndex(contents.entries).complete("東京").first?.id == "https://ror.org/057zh3y96")
    }

    @Test("a JSON list of universities")
    func universityList() throws {
        let path = try write("""
        [{"name": "Uniwersytet Łódzki", "alpha_two_code": "pl", "domains": ["uni.lodz.pl"], "web_pages": ["https://www.uni.lodz.pl/"], "state-province": null},
         {"name": "", "alpha_two_code": "DE"}]
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let contents = try DirectoryFile.read(path: path)
        #expect(contents.source == .list)
        #expect(contents.skipped == [2])
        let lodz = try #require(contents.entries.first)
        #expect(lodz.countryCode == "PL" && lodz.schac == "uni.lodz.pl" && lodz.website == "https://www.uni.lodz.pl/")
        #expect(DirectoryIndex(contents.entries).complete("lodzki").count == 1)
    }

    @Test("JSON that is neither is refused, saying what was expected")
    func unknownJSON() throws {
        let path = try write(#"{"hello": 1}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect { try DirectoryFile.read(path: path) } throws: { "\($0)".contains("neither a ROR data dump") }
    }

    @Test("a ROR dump over the import's 100 MB limit for sheets is read, record by record")
    func largeRORDump() throws {
        let path = NSTemporaryDirectory() + "liaison-large-ror-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        func record(_ id: String, _ name: String) -> String {
            #"{"id": "https://ror.org/\#(id)", "names": [{"value": "\#(name)", "types": ["ror_display"], "lang": null}]}"#
        }
        try file.write(contentsOf: Data(("[" + record("0000001", "Первый университет") + ",").utf8))
        // Whitespace between records is JSON too: the file grows past the limit at little cost.
        let spaces = Data(repeating: 0x20, count: 1_048_576)
        for _ in 0...(SheetFile.maximumSize / spaces.count) { try file.write(contentsOf: spaces) }
        try file.write(contentsOf: Data((record("0000002", "Second University") + ", {\"id\": 3}]").utf8))
        try file.close()
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 > SheetFile.maximumSize)
        let contents = try DirectoryFile.read(path: path)
        #expect(contents.source == .ror)
        #expect(contents.entries.map(\.name) == ["Первый университет", "Second University"])
        #expect(contents.skipped == [3])
    }
}
