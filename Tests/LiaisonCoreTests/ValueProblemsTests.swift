import Testing
@testable import LiaisonCore
import LiaisonGenerator

/// A load checks each value as it is read (ValueProblems) instead of checking each record once
/// read; what it reports must be what a check of the records (`Validation.check`) reports, in
/// the same order, whatever order the file has its keys in.
@Suite("Values checked as a file is read")
struct ValueProblemsTests {
    /// A generated network with problems of every kind a record's own check finds: field types,
    /// required values, nested records, lists, record rules; and ids used twice.
    static func troubled() throws -> Network {
        var network = NetworkGenerator.network(partners: 12)
        network.partners[1].website = "not a url"
        network.partners[1].status = "weird"
        network.partners[1].notes = "a bell \u{7} rings"
        network.partners[2].name = " "
        network.partners[2].country = "XX"
        network.partners[3].id = "Bad Id"
        network.partners[4].id = network.partners[5].id
        var agreement = try #require(network.partners.lazy.flatMap(\.agreements).first { $0.iia != nil })
        agreement.start = Day("2020-01-01")
        agreement.end = Day("2019-12-31")
        agreement.quota = Quota(incoming: -1, outgoing: 2)
        agreement.subjectAreas = ["533", "0533", "12a"]
        var second = agreement
        second.id += "-2"
        second.quota = nil
        second.notes = "tab\tand \u{1b}escape"
        network.partners[6].agreements = [agreement, second]
        network.events[0].end = Day("1999-01-01")
        return network
    }

    private func descriptions(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.severity) \($0.description) refusesInput=\($0.refusesInput)" }
    }

    @Test("a file in canonical form: the same problems as a check of its records, in order")
    func canonical() throws {
        let network = try Self.troubled()
        let expected = descriptions(Validation.check(network))
        #expect(expected.count > 12, "the network has problems of many kinds")
        #expect(descriptions(NetworkCoding.decode(NetworkCoding.encode(network)).diagnostics) == expected)
    }

    @Test("every record's keys in reverse order: still the records' check's order")
    func keysReversed() throws {
        let network = try Self.troubled()
        guard case .object(var file) = try JSONReader.parse(NetworkCoding.encode(network)) else {
            Issue.record("the encoded network is not an object")
            return
        }
        // The lists of records keep their place: their order in the file is the order reported.
        for index in file.members.indices { file.members[index].value = Self.reversingRecords(file.members[index].value) }
        var writer = JSONWriter()
        writer.value(.object(file))
        writer.finishDocument()
        #expect(descriptions(NetworkCoding.decode(writer.bytes).diagnostics) == descriptions(Validation.check(network)))
    }

    /// The value with the keys of every object inside it in reverse order.
    private static func reversingRecords(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements): .array(elements.map(reversingKeys))
        default: value
        }
    }

    private static func reversingKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements): .array(elements.map(reversingKeys))
        case .object(let object):
            .object(JSONObject(object.members.reversed().map { JSONObject.Member($0.key, reversingKeys($0.value)) }))
        default: value
        }
    }
}

/// The single rules a load runs on every value, read on the bytes: what each accepts.
@Suite("Value rules on the bytes")
struct ValueRuleTests {
    @Test("academic years: YYYY/YYYY, the second year the first or the next")
    func academicYears() {
        for year in ["2026/2027", "2026/2026", "0999/1000"] { #expect(Validation.isAcademicYear(year), "\(year)") }
        for year in ["2026/2028", "2027/2026", "2026-2027", "2026/27", "26/2027", "2026/2027 ", "２０２６/2027", "", "/"] {
            #expect(!Validation.isAcademicYear(year), "\(year)")
        }
    }

    @Test("language tags: letters, then parts of up to 8 letters or digits")
    func languageTags() {
        for tag in ["en", "de", "pt-BR", "zh-Hant", "sgn-BE-FR", "x-1"] { #expect(Validation.isLanguageTag(tag), "\(tag)") }
        for tag in ["", "-", "en-", "-en", "e1", "toolonglanguage", "en-toolongpart", "ün", "en_GB", "en-B R"] {
            #expect(!Validation.isLanguageTag(tag), "\(tag)")
        }
    }

    @Test("decimals: digits with at most one point, 0 or more")
    func decimals() {
        for number in ["5", "4.5", "4.50", ".5", "5.", "0"] { #expect(Validation.isDecimal(number), "\(number)") }
        for number in ["", ".", "-1", "1.2.3", "1e3", "1,5", " 1", "٣"] { #expect(!Validation.isDecimal(number), "\(number)") }
    }

    @Test("timestamps: RFC 3339 in UTC as Liaison writes them, on a real day")
    func timestamps() {
        #expect(Validation.isTimestamp("2026-11-24T20:05:41Z"))
        for text in ["2026-02-30T20:05:41Z", "2026-11-24 20:05:41Z", "2026-11-24T20:05:41+00:00", "2026-11-24T20:05:4xZ",
                     "2026-11-24T20:05:41", "2026-11-2４T20:05:41Z", ""] {
            #expect(!Validation.isTimestamp(text), "\(text)")
        }
    }
}
