import Testing
@testable import LiaisonCore

@Suite("Reference directory")
struct DirectoryTests {
    @Test("Erasmus codes are read leniently and padded as the ECHE list pads them")
    func erasmusCodePadding() {
        #expect(ErasmusCode("d bochum01")?.padded == "D  BOCHUM01")
        #expect(ErasmusCode("PL  KRAKOW01")?.padded == "PL KRAKOW01")
        #expect(ErasmusCode("IRLDUBLIN01")?.padded == "IRLDUBLIN01")
        #expect(ErasmusCode("E\u{A0} BARCELO100")?.padded == "E  BARCELO100")
        #expect(ErasmusCode("DK FREDERICIA 01")?.padded == "DK FREDERICIA01")
        #expect(ErasmusCode("DTRIER01")?.padded == "D  TRIER01")
        #expect(ErasmusCode("KRAKOW01 PL") == nil)
        #expect(ErasmusCode("PL KRAKOW") == nil)
        #expect(ErasmusCode.isWellFormed("F  VERDUN1"))
        // As offices write codes, and the data file's rule has long taken them: up to two spaces.
        #expect(ErasmusCode.isWellFormed("PL  KRAKOW01") && ErasmusCode.isWellFormed("D BOCHUM01"))
        #expect(!ErasmusCode.isWellFormed("PL   KRAKOW01") && !ErasmusCode.isWellFormed("d  bochum01"))
        #expect(ErasmusCode.comparisonKey("pl  krakow01") == ErasmusCode.comparisonKey("PL KRAKOW01"))
    }

    @Test("the field rule suggests the list's form of a code it can read but that is not written as one")
    func fieldRuleSuggestsPadding() {
        var partner = Fixtures.newPartner("rub", name: "Ruhr-Universität Bochum", country: "DE")
        partner.erasmusCode = "d bochum01"
        let messages = Validation.check(partner).map(\.message)
        #expect(messages.contains { $0.contains("\"D  BOCHUM01\"") }, "\(messages)")
    }

    static let entries = [
        DirectoryEntry(source: .ror, id: "https://ror.org/057zh3y96", names: [
            DirectoryEntry.Name("The University of Tokyo", language: "en"),
            DirectoryEntry.Name("東京大学", language: "ja", kind: .label),
            DirectoryEntry.Name("UTokyo", language: "en", kind: .acronym),
        ], countryCode: "JP", city: "Tokyo", domains: ["u-tokyo.ac.jp"]),
        DirectoryEntry(source: .eche, id: "PL LODZ01", names: [DirectoryEntry.Name("Uniwersytet Łódzki")], countryCode: "PL",
                       website: "https://www.uni.lodz.pl", erasmusCode: "PL LODZ01"),
        DirectoryEntry(source: .eche, id: "D  BOCHUM01", names: [DirectoryEntry.Name("Ruhr-Universität Bochum")], countryCode: "DE",
                       erasmusCode: "D  BOCHUM01"),
    ]

    @Test("completion folds diacritics, matches word starts in any order and any script")
    func completion() {
        let index = DirectoryIndex(Self.entries)
        #expect(index.complete("lodz").map(\.id) == ["PL LODZ01"])
        #expect(index.complete("bochum RUHR").map(\.id) == ["D  BOCHUM01"])
        #expect(index.complete("universitat").map(\.id) == ["D  BOCHUM01"])
        #expect(index.complete("東京").map(\.id) == ["https://ror.org/057zh3y96"])
        #expect(index.complete("大学").map(\.id) == ["https://ror.org/057zh3y96"])
        #expect(index.complete("utok").map(\.id) == ["https://ror.org/057zh3y96"])
        #expect(index.complete("tokyo lodz").isEmpty)
        #expect(index.complete(" - ").isEmpty)
    }

    @Test("a name that starts with the text ranks before one that only has the word")
    func ranking() {
        let entries = [
            DirectoryEntry(source: .list, id: "a", names: [DirectoryEntry.Name("Technical University of Munich")]),
            DirectoryEntry(source: .list, id: "b", names: [DirectoryEntry.Name("Munich University of Applied Sciences")]),
        ]
        #expect(DirectoryIndex(entries).complete("munich").map(\.id) == ["b", "a"])
    }

    @Test("the SCHAC code is the domain, else the website's host without www")
    func schacFromDomain() {
        #expect(Self.entries[0].schac == "u-tokyo.ac.jp")
        #expect(Self.entries[1].schac == "uni.lodz.pl")
        #expect(Self.entries[2].schac == nil)
    }

    @Test("entries are stored per source and load back the same")
    func storageRoundTrip() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let storage = DirectoryStorage(folder: folder.file("liaison/directory"))
        try storage.write(Self.entries.filter { $0.source == .ror }, as: .ror)
        try storage.write(Self.entries.filter { $0.source == .eche }, as: .eche)
        let loaded = try storage.load()
        #expect(Set(loaded.map(\.id)) == Set(Self.entries.map(\.id)))
        #expect(loaded.first { $0.source == .ror } == Self.entries[0])
    }
}
