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

    /// A session that typed `text` into `field` of record `id`'s form and ended without applying it.
    private static func leaveForm(on storage: MemoryStorage, id: String, field: Int, typing text: String) throws {
        var state = AppState(data: DataSnapshot(document: try Document(storage: storage, editor: "ada"), fileName: "n.json", today: F.today),
                             size: Size(width: 120, height: 40))
        Reducer.go(to: Location(pane: .partners, recordId: id), &state)
        let terminal = MemoryTerminal(width: 120, height: 40)
        let tab = F.key(for: .nextField, in: .form)
        terminal.send(keys: [F.key(for: .edit)] + Array(repeating: tab, count: field) + [F.key(for: .killToStart, in: .form)]
                      + text.map { Key.character($0) })
        Dashboard.run(&state, on: terminal, stopRequested: { !terminal.hasPendingEvents })
        storage.journals(of: "ada").forEach { $0.isLive = false }
    }

    private static func restart(_ storage: MemoryStorage) throws -> AppState {
        let next = try Document(storage: storage, editor: "ada")
        var state = AppState(data: DataSnapshot(document: next, fileName: "n.json", today: F.today), size: Size(width: 120, height: 40))
        Reducer.offerRecovery(try #require(next.pendingRecovery()), &state)
        return F.session(state, keys: [F.key(for: .answer("a"), in: .confirm)]).0
    }

    @Test("two sessions each left a form open: the newest reopens, the other's journal stays and the next start offers it")
    func twoFormsNoneLost() throws {
        let storage = MemoryStorage(network: try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json").network)
        try Self.leaveForm(on: storage, id: "osaka", field: 4, typing: "DraftOne-osaka")
        try Self.leaveForm(on: storage, id: "tsukuba", field: 4, typing: "DraftTwo-tsukuba")
        let first = try Self.restart(storage)
        guard case .form(let form)? = first.modal else { Issue.record("no form reopened"); return }
        #expect(form.recordId == "tsukuba")
        #expect(first.message?.text.contains("1 more form left open kept for the next start") == true, "\(String(describing: first.message))")
        // The other form's journal is still there, ended: the next start offers it.
        let next = try Document(storage: storage, editor: "ada")
        let offer = try #require(next.pendingRecovery())
        #expect(offer.lines.contains { $0.contains("partner osaka") && $0.hasSuffix("→ DraftOne-osaka") })
    }

    @Test("a form left open whose field someone saved meanwhile, or whose record was deleted, reopens saying so")
    func reopenedFormSaysWhatChanged() throws {
        let storage = MemoryStorage(network: try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json").network)
        try Self.leaveForm(on: storage, id: "nims", field: 4, typing: "Maria-draft-city")
        let colleague = try Document(storage: storage, editor: "ben", journaling: false)
        var nims = try #require(colleague.store.partner(id: "nims"))
        nims.city = "Jonas-city"
        colleague.put(.partner(nims))
        #expect(colleague.save() == .saved(merged: false))
        let reopened = try Self.restart(storage)
        guard case .form(let form)? = reopened.modal else { Issue.record("no form reopened"); return }
        #expect(form.fields[form.focus].field.text == "Maria-draft-city")
        #expect(reopened.message?.kind == .warning)
        #expect(reopened.message?.text.hasPrefix(#"saved meanwhile by someone else: City is now "Jonas-city""#) == true, "\(String(describing: reopened.message))")

        let other = MemoryStorage(network: try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json").network)
        try Self.leaveForm(on: other, id: "cairo", field: 4, typing: "Cairo-draft")
        let remover = try Document(storage: other, editor: "ben", journaling: false)
        guard case .applied = remover.delete(id: "cairo") else { Issue.record("cairo was not deleted"); return }
        #expect(remover.save() == .saved(merged: false))
        let readded = try Self.restart(other)
        #expect(readded.message?.text.hasPrefix("partner cairo was deleted since this form was left open") == true, "\(String(describing: readded.message))")
    }
}
