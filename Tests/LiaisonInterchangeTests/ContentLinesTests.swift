import LiaisonCore
import Testing
@testable import LiaisonInterchange

/// The rules iCalendar and vCard share: text escaping, folding at 75 octets, unfolding.
@Suite struct ContentLinesTests {
    @Test func textIsEscapedAndReadBack() {
        let text = "Zürich; \"Physik\", 東京大学\\n\r\nzweite\nLinie\rdritte"
        let escaped = ContentLineText.escaped(text)
        #expect(escaped == #"Zürich\; "Physik"\, 東京大学\\n\nzweite\nLinie\ndritte"#)
        #expect(ContentLineText.unescaped(escaped) == text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    }

    @Test func controlCharactersAreLeftOutButTabsKeptAndSeparatorsAreLineBreaks() {
        let escaped = ContentLineText.escaped("a\u{1B}]0;x\u{07}b\u{0}\u{7F}\u{85}c\td")
        #expect(escaped == #"a]0\;xbc"# + "\td")
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" })
        #expect(ContentLineText.escaped("a\u{2028}b\u{2029}c") == #"a\nb\nc"#)
    }

    @Test func compoundValuesKeepEscapedSemicolonsInsideAComponent() {
        let value = ContentLineText.escaped(components: ["ETH Zürich; Physik", "Rektorat, Mobility", ""])
        #expect(value == #"ETH Zürich\; Physik;Rektorat\, Mobility;"#)
        #expect(ContentLineText.components(value) == ["ETH Zürich; Physik", "Rektorat, Mobility", ""])
    }

    @Test func longLinesFoldAtSeventyFiveOctetsWithoutSplittingACharacter() throws {
        var lines = ContentLines()
        let text = String(repeating: "東京大学 Zürich ", count: 20)
        lines.add("DESCRIPTION", text: text)
        let bytes = lines.bytes()
        let written = try #require(String(validating: bytes, as: UTF8.self))
        let physical = written.components(separatedBy: "\r\n").dropLast()
        #expect(physical.count > 1)
        for line in physical {
            #expect(line.utf8.count <= ContentLines.maximumOctets)
            // Each piece is whole UTF-8: a cut inside a character would not decode on its own.
            #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil)
        }
        // A piece is cut where the next character would not fit, so no piece is needlessly short.
        #expect(physical.dropLast().allSatisfy { $0.utf8.count > ContentLines.maximumOctets - 4 })
        #expect(ContentLines.unfold(written) == ["DESCRIPTION:" + ContentLineText.escaped(text)])
    }

    @Test func unfoldingTakesOneSpaceOrTabAfterAnyLineBreak() {
        let text = "NOTE:one\r\n  two\n\tthree\rFN:x\r\n\r\nEND:VCARD"
        #expect(ContentLines.unfold(text) == ["NOTE:one two" + "three", "FN:x", "END:VCARD"])
    }

    @Test func lineEndingsForAFileAndForATerminal() {
        var lines = ContentLines()
        lines.add("BEGIN", raw: "VCARD")
        lines.add("END", raw: "VCARD")
        #expect(lines.bytes() == Array("BEGIN:VCARD\r\nEND:VCARD\r\n".utf8))
        #expect(lines.bytes(lineEnding: .lf) == Array("BEGIN:VCARD\nEND:VCARD\n".utf8))
    }

    @Test func contactUIDsNameTheirRecordAndComeBack() {
        var institution = Institution()
        institution.name = "Ruhr-Universität Bochum"
        let byName = StableIdentifiers(institution: institution)
        #expect(byName.institution == "ruhr-universitat-bochum")
        institution.shortName = "RUB"
        let identifiers = StableIdentifiers(institution: institution)
        #expect(identifiers.event("days") == "event-days@rub.liaison")
        #expect(identifiers.agreementEnd("eth-erasmus") == "agreement-eth-erasmus-end@rub.liaison")
        for id in ["desk", "a/b c;ü", "100%"] {
            let uid = identifiers.contact(id)
            #expect(uid.unicodeScalars.allSatisfy { $0.isASCII && $0 != " " && $0 != ";" })
            #expect(StableIdentifiers.contactId(fromUID: uid) == id)
        }
        #expect(StableIdentifiers.contactId(fromUID: "urn:uuid:4f0c8e5e-0000-4000-8000-000000000000") == nil)
        #expect(StableIdentifiers.contactId(fromUID: "liaison://rub/partner/x") == nil)
    }

    @Test func remindersCountBackFromEachEnd() throws {
        let end = try #require(Day("2027-05-31"))
        let days = try #require(try AgreementReminder.parse("90d"))
        #expect(days.trigger(forEndOn: end) == "-P90D")
        #expect(try AgreementReminder.parse("2w")?.trigger(forEndOn: end) == "-P14D")
        // Six months before 2027-05-31 is 2026-11-30, however long those months are.
        let sixMonths = try #require(Day("2026-11-30")).days(until: end)
        #expect(try AgreementReminder.parse("6m")?.trigger(forEndOn: end) == "-P\(sixMonths)D")
        #expect(try AgreementReminder.parse("none") == nil)
        #expect(try AgreementReminder.parse("0") == nil)
        #expect(throws: ReminderError.self) { try AgreementReminder.parse("soon") }
    }

    @Test func personNamesSplitIntoVCardComponents() {
        #expect(PersonName(splitting: "Prof. Dr. Anna van der Berg") == PersonName(family: "van der Berg", given: "Anna", prefixes: "Prof. Dr."))
        #expect(PersonName(splitting: "Iris Maria Vernekohl") == PersonName(family: "Vernekohl", given: "Iris Maria"))
        #expect(PersonName(splitting: "東京大学") == PersonName(given: "東京大学"))
        #expect(PersonName(splitting: "  ") == PersonName())
    }
}
