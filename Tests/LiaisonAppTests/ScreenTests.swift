import Testing
@testable import LiaisonApp
import LiaisonCore
import TerminalUI

@Suite("Every pane rendered to text at 80x24, 120x40 and 160x50, with the styles that carry meaning")
struct ScreenTests {
    static let sizes = [(80, 24), (120, 40), (160, 50)]

    @Test("panes match their golden screens", arguments: Pane.allCases)
    func panes(_ pane: Pane) throws {
        for (width, height) in Self.sizes {
            var state = try AppFixtures.sampleState(width: width, height: height, themes: [AppFixtures.probeTheme])
            _ = Reducer.apply(.showPane(pane), &state)
            let (matches, message) = AppFixtures.matchesGolden(Screen.render(state), name: "\(pane.title.lowercased())-\(width)x\(height)")
            #expect(matches, "\(message)")
        }
    }

    @Test("a CJK name is aligned and a long name is cut with …")
    func alignmentAndTruncation() throws {
        var state = try AppFixtures.sampleState(width: 120, height: 40)
        _ = Reducer.apply(.showPane(.partners), &state)
        let lines = Screen.render(state).lines
        let tokyo = try #require(lines.first { $0.contains("Osaka University") })
        let plain = try #require(lines.first { $0.contains("Koç University") })
        // The country column starts at the same display column in both rows.
        func column(of marker: String, in line: String) -> Int {
            TextWidth.of(String(line[..<line.range(of: marker)!.lowerBound]))
        }
        #expect(column(of: " JP ", in: tokyo) == column(of: " TR ", in: plain))
        #expect(lines.contains { $0.contains("Pontifical Catholi… Pontificia …") })
    }

    @Test("counts of one are singular, on the status bar and the overview, as the CLI says them")
    func singularCounts() throws {
        var network = try NetworkFile.load(path: AppFixtures.repositoryRoot + "/sample-data/rub-network.json").network
        network.partners = [network.partners.first { $0.id == "utokyo" }!]
        network.partners[0].partnershipType = "made-up"
        network.partners[0].agreements = Array(network.partners[0].agreements.prefix(1))
        (network.partners[0].contactIds, network.partners[0].objectiveIds) = ([], [])
        var event = network.events[0]
        (event.partnerIds, event.contactIds, event.objectiveIds) = ([], [], [])
        var contact = Contact()
        (contact.id, contact.name) = ("ana", "Ana")
        network.events = [event]
        network.contacts = [contact]
        network.objectives = [network.objectives[0]]
        var state = AppFixtures.state(network: network, width: 120, height: 40)
        #expect(state.data.warningCount == 1, "\(state.data.document.warnings)")
        let overview = Screen.render(state).lines.joined(separator: "\n")
        #expect(overview.contains("1 partner (") && overview.contains("· 1 agreement · 1 objective · 1 event · 1 contact"), "\(overview)")
        _ = Reducer.apply(.showPane(.partners), &state)
        let partners = Screen.render(state).lines.joined(separator: "\n")
        #expect(partners.contains("1 partner · 1 event · 1 contact · 1 warning"), "\(partners)")
        #expect(Counted.text(2, "match", plural: "matches") == "2 matches" && Counted.text(0, "warning") == "0 warnings")
    }

    @Test("below 80x24 a 'too small' screen, which recovers when enlarged")
    func tooSmall() throws {
        let state = try AppFixtures.sampleState(width: 60, height: 20)
        let lines = Screen.render(state).lines
        #expect(lines.contains { $0.contains("terminal too small: 80x24 needed") })
        let (_, terminal) = AppFixtures.session(state, keys: [], width: 60, height: 20)
        terminal.resize(width: 80, height: 24)
        var grown = state
        Dashboard.run(&grown, on: terminal, stopRequested: { !terminal.hasPendingEvents })
        #expect(terminal.screen[0].contains("1 Overview"))
    }
}

@Suite("The sanitiser: no data byte reaches the terminal as a control")
struct SanitiserTests {
    @Test("ESC, CSI, OSC, C1, bidi controls, NUL and line breaks become visible placeholders")
    func hostileNames() throws {
        let hostile = "Evil\u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m\u{202E}gnp.exe\u{2066}\u{0}\r\nNext\tline\u{7F}\u{8}"
        var buffer = Buffer(width: 80, height: 3)
        buffer.write(hostile, x: 0, y: 1, style: .plain)
        let text = buffer.lines.joined(separator: "\n")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
        #expect(buffer.lines[0].trimmingSpaces.isEmpty && buffer.lines[2].trimmingSpaces.isEmpty, "the row stays one row")
        #expect(buffer.lines[1].hasPrefix("Evil␛[2J␛]0;owned␇�31m�gnp.exe�␀␍␊Next␉line␡␈"))
        // The placeholders are drawn in the control style.
        #expect(buffer[4, 1].style == buffer.controlStyle)
    }

    @Test("a hostile partner name stays on one row of the partners table")
    func hostileRecord() throws {
        var network = try NetworkFile.load(path: AppFixtures.repositoryRoot + "/sample-data/rub-network.json").network
        network.partners[0].name = "AAA \u{1B}]2;title\u{07}\nsecond line"
        var state = AppFixtures.state(network: network)
        _ = Reducer.apply(.showPane(.partners), &state)
        let lines = Screen.render(state).lines
        #expect(lines.contains { $0.contains("AAA ␛]2;title␇␊second…") || $0.contains("AAA ␛]2;title␇␊sec") })
        #expect(!lines.joined().unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("wide characters are never split")
    func wide() {
        var buffer = Buffer(width: 10, height: 1)
        buffer.write("東京大学東京大学", x: 0, y: 0, maxWidth: 7, style: .plain)
        #expect(buffer.lines[0] == "東京大…   ")
        buffer.write("ab", x: 1, y: 0, style: .plain)
        #expect(buffer.lines[0] == " ab 大…   ", "overwriting half of 東 or 京 blanks the other half")
    }
}

extension String {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}

@Suite("What a user must read or copy is never cut at 80 columns")
struct EightyColumnTests {
    typealias F = AppFixtures

    @Test("the jump list shows ids whole (Tab puts them in the prompt) and clears its rows")
    func jumpIdsWhole() throws {
        var state = try F.sampleState(width: 80, height: 24)
        _ = Reducer.apply(.showPane(.events), &state)
        let keys: [Key] = [F.key(for: .jump, in: .global)] + "japan".map { Key.character($0) }
        let (_, terminal) = F.session(state, keys: keys)
        let rows = terminal.screen.filter { $0.hasPrefix("  event ") || $0.hasPrefix("  partner ") || $0.hasPrefix("  contact ") }
        #expect(rows.contains { $0.contains("japan-science-days-2018 RUB Japan Science Days 2018") }, "\(terminal.screen.joined(separator: "\n"))")
        // Nothing of the detail behind shows after a completion's name.
        let visit = try #require(rows.first { $0.contains("japan-visit-2025") })
        #expect(visit.trimmingCharacters(in: .whitespaces).hasSuffix("RUB delegation visits partners in Japan"), "\(visit)")
    }

    @Test("names that share a long start are cut where they differ, so rows are told apart (NameCut, as the CLI)")
    func namesToldApart() throws {
        var network = try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json").network
        for (index, number) in ["1958", "2875", "5112"].enumerated() {
            network.partners[index].name = "Accra Institute of Technology and Applied Sciences \(number)"
        }
        var state = F.state(network: network, width: 80, height: 24)
        _ = Reducer.apply(.showPane(.partners), &state)
        let screen = Screen.render(state).lines.joined(separator: "\n")
        for number in ["1958", "2875", "5112"] {
            #expect(screen.contains("… \(number)"), "\(number) not shown: \(screen)")
        }
    }

    @Test("a form's warning too long for its row takes the row above: the way on is read whole")
    func formWarningWhole() throws {
        var state = try F.sampleState(width: 80, height: 24)
        Reducer.go(to: Location(pane: .partners, recordId: "tsukuba"), &state)
        let (asked, terminal) = F.session(state, keys: [F.key(for: .duplicate), F.key(for: .applyForm, in: .form)])
        guard case .form = asked.modal else { Issue.record("no form"); return }
        let text = terminal.screen.suffix(5).joined(separator: " ")
        #expect(text.contains("looks like a partner already there") && text.contains("Esc goes back"), "\(terminal.screen.joined(separator: "\n"))")
    }
}

@Suite("A long note is read to its end in the detail")
struct LongNoteTests {
    typealias F = AppFixtures

    @Test("j reads a note longer than the detail line by line, to its last words, before the next field or link")
    func readToTheEnd() throws {
        var state = try F.sampleState(width: 80, height: 24)
        var osaka = try #require(state.data.store.partner(id: "osaka"))
        osaka.notes = (1...30).map { "Sentence \($0) of a long note about the partnership." }.joined(separator: " ") + " THE-END"
        _ = state.data.document.put(.partner(osaka))
        state.data.catchUp()
        Reducer.go(to: Location(pane: .partners, recordId: "osaka"), &state)
        // Into the detail, up from the first link to the last field: the notes.
        var (reading, terminal) = F.session(state, keys: [F.key(for: .focusLinks), F.key(for: .moveUp, in: .links)])
        #expect(reading.current.selectedField == reading.selectedFieldKeys.firstIndex(of: "notes"))
        #expect(!terminal.screen.joined().contains("THE-END"), "the note is longer than the detail")
        var steps = 0
        while !terminal.screen.joined().contains("THE-END"), steps < 60 {
            (reading, terminal) = F.session(reading, keys: [F.key(for: .moveDown, in: .links)])
            steps += 1
        }
        #expect(terminal.screen.joined().contains("THE-END"), "the end of the note was reached")
        #expect(reading.current.selectedField == reading.selectedFieldKeys.firstIndex(of: "notes"), "still on the note while reading it")
        #expect(steps > 3, "read line by line, not skipped")
    }
}
