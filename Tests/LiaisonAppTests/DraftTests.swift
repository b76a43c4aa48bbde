import Testing
@testable import LiaisonApp
import LiaisonCore
import TerminalUI

/// Text typed into a form that was never applied survives the session: the draft goes to the
/// recovery journal, the next start offers it and reopens the form with it.
@Suite("A form left open")
struct DraftTests {
    typealias F = AppFixtures

    @Test("typed into, the session stopped (a signal): the journal holds the draft; the next start reopens the form, applied and saved it is stored")
    func stoppedSessionReopened() throws {
        let network = try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json").network
        let storage = MemoryStorage(network: network)
        var state = AppState(data: DataSnapshot(document: try Document(storage: storage, editor: "ada"), fileName: "n.json", today: F.today),
                             size: Size(width: 120, height: 40))
        Reducer.go(to: Location(pane: .partners, recordId: "nims"), &state)
        let terminal = MemoryTerminal(width: 120, height: 40)
        let tab = F.key(for: .nextField, in: .form)
        terminal.send(keys: [F.key(for: .edit), tab, tab, tab, tab, F.key(for: .killToStart, in: .form)]
                      + "NIMS-typed-in-form".map { Key.character($0) })
        // Stopped as by SIGHUP once the keys are read: no pause came for the draft to be kept.
        Dashboard.run(&state, on: terminal, stopRequested: { !terminal.hasPendingEvents })
        let ended = try #require(storage.journals(of: "ada").first)
        #expect(ended.draft?.fields.first { $0.key == "city" }?.text == "NIMS-typed-in-form")
        ended.isLive = false

        let next = try Document(storage: storage, editor: "ada")
        var restarted = AppState(data: DataSnapshot(document: next, fileName: "n.json", today: F.today), size: Size(width: 120, height: 40))
        let offer = try #require(next.pendingRecovery())
        #expect(offer.lines.contains { $0.contains("a form left open: partner nims") && $0.hasSuffix("→ NIMS-typed-in-form") })
        Reducer.offerRecovery(offer, &restarted)
        let (reopened, screen) = F.session(restarted, keys: [F.key(for: .answer("a"), in: .confirm)])
        guard case .form(let form)? = reopened.modal else { Issue.record("the form is not open again"); return }
        #expect(form.recordId == "nims" && form.fields[form.focus].key == "city")
        #expect(form.fields[form.focus].field.text == "NIMS-typed-in-form")
        #expect(reopened.data.store.partner(id: "nims")?.city == "Tsukuba", "nothing applied unchecked")
        #expect(screen.screen.contains { $0.contains("City NIMS-typed-in-form") })

        let (saved, _) = F.session(reopened, keys: [F.key(for: .applyForm, in: .form), F.key(for: .save, in: .global)])
        #expect(saved.modal == nil)
        #expect(try storage.load().network.partners.first { $0.id == "nims" }?.city == "NIMS-typed-in-form")
    }
}
