import Foundation
import Testing
@testable import LiaisonApp
import LiaisonCore
import TerminalUI

/// The reference directory in the new-partner form: offered while the name is typed, chosen
/// with the keys the keymap gives, taken into the empty fields.
@Suite("Directory entries in the new-partner form")
struct DirectoryFormTests {
    typealias F = AppFixtures

    static let entries = [
        DirectoryEntry(source: .ror, id: "https://ror.org/02kpeqv85", names: [
            DirectoryEntry.Name("Kyoto University", language: "en"),
            DirectoryEntry.Name("京都大学", language: "ja", kind: .label),
            DirectoryEntry.Name("Kyodai", kind: .acronym),
        ], countryCode: "JP", city: "Kyoto", website: "https://www.kyoto-u.ac.jp", domains: ["kyoto-u.ac.jp"]),
        DirectoryEntry(source: .ror, id: "https://ror.org/00965ax52", names: [
            DirectoryEntry.Name("Kyoto Institute of Technology", language: "en"),
            DirectoryEntry.Name("京都工芸繊維大学", language: "ja", kind: .label),
        ], countryCode: "JP", city: "Kyoto", domains: ["kit.ac.jp"]),
    ]

    private func state(directory: [DirectoryEntry]?, width: Int = 80, height: Int = 24) throws -> AppState {
        var state = try F.sampleState(width: width, height: height)
        if let directory { state.data.directoryLoading = BackgroundDirectory(index: DirectoryIndex(directory)) }
        _ = Reducer.apply(.showPane(.partners), &state)
        _ = Reducer.apply(.add, &state)
        return state
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    private func form(_ state: AppState) -> FormState? {
        if case .form(let form) = state.modal { form } else { nil }
    }

    @Test("typing a name offers entries, best first; the keymap's keys choose; Enter fills the empty fields and says from where")
    func takeAnEntry() throws {
        let start = try state(directory: Self.entries)
        let city = try #require(form(start)?.fields.firstIndex { $0.key == "city" })
        var typed = start
        // A city typed first is kept: taking an entry never overwrites what was typed.
        if case .form(var open) = typed.modal {
            open.fields[city].field.set("Sakyō")
            typed.modal = .form(open)
        }
        let (offered, _) = F.session(typed, keys: type("kyoto"))
        #expect(form(offered)?.directoryChoices.map(\.id) == ["https://ror.org/02kpeqv85", "https://ror.org/00965ax52"])
        #expect(Keymap.contexts(for: offered).first == .directoryChoices)

        let keys = [F.key(for: .moveDown, in: .directoryChoices), F.key(for: .moveUp, in: .directoryChoices), F.key(for: .accept, in: .directoryChoices)]
        let (taken, _) = F.session(offered, keys: keys)
        let filled = try #require(form(taken))
        func text(_ key: String) -> String? { filled.fields.first { $0.key == key }?.field.text }
        #expect(text("name") == "Kyoto University" && text("localName") == "京都大学" && text("shortName") == "Kyodai")
        #expect(text("country") == "JP" && text("website") == "https://www.kyoto-u.ac.jp" && text("schacCode") == "kyoto-u.ac.jp")
        #expect(text("city") == "Sakyō")
        #expect(!filled.directoryListOpen)
        #expect(taken.message?.text == "filled from ROR https://ror.org/02kpeqv85: Name, Local name, Short name, Country, Website, SCHAC code; kept what was typed in City")

        let (added, _) = F.session(taken, keys: [F.key(for: .applyForm, in: .form)])
        #expect(added.modal == nil)
        #expect(added.data.store.partner(id: "kyoto-university")?.localName == "京都大学")
    }

    @Test("Esc closes the list and keeps the text; typing again offers it again; no directory offers nothing")
    func closeAndNone() throws {
        let (offered, _) = F.session(try state(directory: Self.entries), keys: type("京都"))
        #expect(form(offered)?.directoryChoices.count == 2)
        let (closed, _) = F.session(offered, keys: [F.key(for: .closeOverlay, in: .directoryChoices)])
        #expect(form(closed)?.directoryListOpen == false && form(closed)?.fields[0].field.text == "京都")
        #expect(closed.modal != nil, "Esc closed the list, not the form")
        let (again, _) = F.session(closed, keys: type("大"))
        #expect(form(again)?.directoryChoices.map(\.name) == ["Kyoto University"], "京都大 starts only 京都大学")
        let (moved, _) = F.session(again, keys: [F.key(for: .closeOverlay, in: .directoryChoices), F.key(for: .nextField, in: .form)])
        #expect(form(moved)?.focus == 1 && form(moved)?.directoryListOpen == false)

        let (none, terminal) = F.session(try state(directory: nil), keys: type("kyoto"))
        #expect(form(none)?.directoryListOpen == false && none.message == nil)
        #expect(!terminal.screen.joined().contains("fills the empty fields"))
    }

    @Test("the list on screen at 80x24: under the Name field, the selected entry marked, the keys on the hint row", arguments: [(80, 24), (160, 50)])
    func screen(width: Int, height: Int) throws {
        let (offered, _) = F.session(try state(directory: Self.entries, width: width, height: height), keys: type("kyoto"))
        let lines = Screen.render(offered).lines
        // No field label beside an entry: it would read as if that field held the entry.
        let listed = lines.filter { $0.contains(" · ROR") }
        #expect(listed.count == 2 && listed.allSatisfy { !$0.contains("Local name") && !$0.contains("Short name") }, "\(listed)")
        let (matches, message) = F.matchesGolden(lines, name: "directory-form-\(width)x\(height)")
        #expect(matches, "\(message)")
    }

    @Test("the message of a taken entry is not left under the question about a lookalike")
    func noStaleMessage() throws {
        let tokyo = DirectoryEntry(source: .ror, id: "https://ror.org/057zh3y96", names: [DirectoryEntry.Name("The University of Tokyo", language: "en")],
                                   countryCode: "JP", city: "Tokyo")
        let (taken, _) = F.session(try state(directory: [tokyo]), keys: type("tokyo") + [F.key(for: .accept, in: .directoryChoices)])
        #expect(taken.message?.text.hasPrefix("filled from ROR") == true)
        let (asked, _) = F.session(taken, keys: [F.key(for: .applyForm, in: .form)])
        #expect(form(asked)?.error?.message.contains("looks like a partner already there") == true, "\(String(describing: form(asked)?.error))")
        #expect(asked.message == nil, "\(String(describing: asked.message))")
    }
}
