import Foundation
import Testing
@testable import LiaisonApp
import LiaisonCore
import LiaisonGenerator
import TerminalUI

@Suite("Editing in the dashboard", .serialized)
struct EditingTests {
    typealias F = AppFixtures

    private func fileState(width: Int = 100, height: Int = 30) throws -> (AppState, String) {
        let directory = NSTemporaryDirectory() + "liaison-edit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/network.json"
        try FileManager.default.copyItem(atPath: F.repositoryRoot + "/sample-data/rub-network.json", toPath: path)
        let data = DataSnapshot(document: try Document(storage: FileStorage(path: path)), fileName: "network.json", today: F.today)
        return (AppState(data: data, size: Size(width: width, height: height)), path)
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test("open, type, tab, fix a validation error, apply, save: the file on disk has the change")
    func editPartnerEndToEnd() throws {
        var (state, path) = try fileState()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        Reducer.go(to: Location(pane: .partners, recordId: "utokyo"), &state)
        let next = F.key(for: .nextField, in: .form)
        let keys: [Key] = [F.key(for: .edit)] + [next, next, next]            // name → localName → shortName → country
            + [F.key(for: .killToStart, in: .form)] + type("Japan")              // not a code
            + [F.key(for: .applyForm, in: .form)]
        let (refused, terminal) = F.session(state, keys: keys)
        guard case .form(let form) = refused.modal else { Issue.record("the form closed"); return }
        #expect(form.error?.key == "country")
        #expect(terminal.screen.contains { $0.contains(#"Country: "Japan" is not an ISO 3166-1 alpha-2 code (did you mean JP?)"#) })

        let fix: [Key] = [F.key(for: .killToStart, in: .form)] + type("JP") + [next, F.key(for: .lineEnd, in: .form)] + type(" (Hongō)")
            + [F.key(for: .applyForm, in: .form), F.key(for: .save, in: .global)]
        let (saved, after) = F.session(refused, keys: fix)
        #expect(saved.modal == nil)
        #expect(saved.data.store.unsavedChanges == 0)
        #expect(after.screen[after.screen.count - 2].contains("saved"))
        let tokyo = try #require(try NetworkFile.load(path: path).network.partners.first { $0.id == "utokyo" })
        #expect(tokyo.city == "Tokyo (Hongō)")
        #expect(tokyo.updatedAt.map(Validation.isTimestamp) == true)
        #expect(tokyo.updatedBy?.isEmpty == false)
    }

    @Test("a saved change shows in the record's detail, newest first, with the account that saved it")
    func historyInDetail() throws {
        var (state, path) = try fileState(width: 120, height: 80)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        Reducer.go(to: Location(pane: .partners, recordId: "osaka"), &state)
        let next = F.key(for: .nextField, in: .form)
        func setCity(_ city: String) -> [Key] {
            [F.key(for: .edit), next, next, next, next, F.key(for: .killToStart, in: .form)] + type(city)
                + [F.key(for: .applyForm, in: .form), F.key(for: .save, in: .global)]
        }
        let (_, terminal) = F.session(state, keys: setCity("Toyonaka") + setCity("Minoh"))
        let account = state.data.document.account
        let shown = terminal.screen.filter { $0.contains("City:") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(terminal.screen.contains { $0.contains("Saved changes (2)") })
        #expect(shown.count == 2 && shown[0].hasSuffix("\(account) City: Toyonaka → Minoh") && shown[1].hasSuffix("\(account) City: Suita → Toyonaka"), "\(terminal.screen.joined(separator: "\n"))")
    }

    @Test("at 80x24 the saved changes are reached from the keyboard: into the links, then to the last")
    func historyReachedAtEightyColumns() throws {
        var (state, path) = try fileState(width: 80, height: 24)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        Reducer.go(to: Location(pane: .partners, recordId: "tsukuba"), &state)
        let next = F.key(for: .nextField, in: .form)
        let edit = [F.key(for: .edit), next, next, next, next, F.key(for: .killToStart, in: .form)] + type("Tsukuba City")
            + [F.key(for: .applyForm, in: .form), F.key(for: .save, in: .global)]
        let (saved, before) = F.session(state, keys: edit)
        #expect(!before.screen.contains { $0.contains("Saved changes") }, "below the fold at first")
        let down = F.key(for: .moveDown, in: .links)
        let (_, after) = F.session(saved, keys: [F.key(for: .focusLinks)] + Array(repeating: down, count: 60))
        #expect(after.screen.contains { $0.contains("Saved changes (1)") }, "\(after.screen.joined(separator: "\n"))")
        #expect(after.screen.contains { $0.contains("City: Tsukuba → Tsukuba City") })
    }

    @Test("a hostile value and account in the audit trail stay one visible row of the detail")
    func hostileHistory() throws {
        let network = try NetworkFile.load(path: AppFixtures.repositoryRoot + "/sample-data/rub-network.json").network
        let storage = MemoryStorage(network: network)
        let id = network.partners[0].id
        storage.historyBytes = AuditTrail.lines(of: [
            AuditEntry(time: "2026-11-20T10:00:00+00:00", account: "ana\u{1B}[2J", recordKind: .partner, recordId: id, change: .changed,
                       field: "city", label: "City", old: .string("Old"), new: .string("New \u{1B}]2;title\u{07}\r\nline")),
        ], after: nil)
        var state = AppState(data: DataSnapshot(document: try Document(storage: storage), today: AppFixtures.today),
                             size: Size(width: 200, height: 60))
        Reducer.go(to: Location(pane: .partners, recordId: id), &state)
        let lines = Screen.render(state).lines
        #expect(lines.contains { $0.contains("ana␛[2J  City: Old → New ␛]2;title␇␍ line") }, "\(lines.joined(separator: "\n"))")
        #expect(!lines.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D })
    }

    @Test("a save whose audit line cannot be written says so, and is saved")
    func historyProblem() throws {
        var (state, path) = try fileState()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createSymbolicLink(atPath: path + ".history.jsonl", withDestinationPath: path + ".elsewhere")
        Reducer.go(to: Location(pane: .partners, recordId: "osaka"), &state)
        let next = F.key(for: .nextField, in: .form)
        let keys = [F.key(for: .edit), next, next, next, next, F.key(for: .killToStart, in: .form)] + type("Minoh")
            + [F.key(for: .applyForm, in: .form), F.key(for: .save, in: .global)]
        let (saved, _) = F.session(state, keys: keys)
        #expect(saved.data.store.unsavedChanges == 0)
        #expect(saved.message?.kind == .warning)
        #expect(saved.message?.text.contains("saved; ") == true && saved.message?.text.contains("symbolic link") == true, "\(saved.message?.text ?? "")")
    }

    @Test("the country field completes from country names: jap → JP")
    func countryCompletion() throws {
        var (state, path) = try fileState()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = Reducer.apply(.showPane(.partners), &state)
        let next = F.key(for: .nextField, in: .form)
        let keys: [Key] = [F.key(for: .add)] + type("Kyoto University") + [next, next, next] + type("jap")
        let (typing, terminal) = F.session(state, keys: keys)
        #expect(terminal.screen.contains { $0.contains("Tab takes JP Japan") })
        let (completed, _) = F.session(typing, keys: [next, F.key(for: .applyForm, in: .form)])
        #expect(completed.selectedRecord(in: .partners)?.id == "kyoto-university")
        if case .partner(let partner)? = completed.selectedRecord(in: .partners) { #expect(partner.country == "JP") }
    }

    @Test("add a partner from the form; its id is made from the name")
    func addPartner() throws {
        var (state, path) = try fileState()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = Reducer.apply(.showPane(.partners), &state)
        let next = F.key(for: .nextField, in: .form)
        let keys: [Key] = [F.key(for: .add)] + type("Universität Wien") + [next, next, next] + type("AT") + [F.key(for: .applyForm, in: .form)]
        let (added, _) = F.session(state, keys: keys)
        #expect(added.modal == nil)
        #expect(added.selectedRecord(in: .partners)?.id == "universitat-wien")
        #expect(added.data.store.unsavedChanges == 1)
    }

    @Test("undo and redo across edits of several records; delete asks first and lists the links")
    func undoRedoDelete() throws {
        var (state, path) = try fileState()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let original = state.data.network
        Reducer.go(to: Location(pane: .partners, recordId: "osaka"), &state)
        let (asked, terminal) = F.session(state, keys: [F.key(for: .delete)])
        #expect(asked.modal == .confirm(.delete(id: "osaka", name: "Osaka University", links: [
            "event RUB Japan Science Days 2018 (japan-science-days-2018): Partners",
            "event RUB delegation visits partners in Japan (japan-visit-2025): Partners",
        ])))
        #expect(terminal.screen.contains { $0.contains("These links to it are removed with it") })
        let (deleted, _) = F.session(asked, keys: [F.key(for: .answer("y"), in: .confirm)])
        #expect(deleted.data.store.partner(id: "osaka") == nil)
        var next = deleted
        Reducer.go(to: Location(pane: .contacts, recordId: "japan-desk"), &next)
        let (edited, _) = F.session(next, keys: [F.key(for: .edit), F.key(for: .lineEnd, in: .form)] + type(" (Japan)") + [F.key(for: .applyForm, in: .form)])
        #expect(edited.data.store.contact(id: "japan-desk")?.name == "Japan Desk (Japan)")
        #expect(edited.data.store.unsavedChanges == 2)
        let undo = F.key(for: .undo, in: .global)
        let (undone, _) = F.session(edited, keys: [undo, undo])
        #expect(undone.data.network == original)
        let (redone, _) = F.session(undone, keys: [F.key(for: .redo, in: .global)])
        #expect(redone.data.store.partner(id: "osaka") == nil)
        #expect(redone.data.store.contact(id: "japan-desk")?.name == "Japan Desk")
    }

    @Test("after a delete the row under it is selected, on screen; after an undo the record is selected where it went back, on screen")
    func selectionAfterDeleteAndUndo() throws {
        var state = F.state(network: NetworkGenerator.network(partners: 2_000, withIIAs: false))
        _ = Reducer.apply(.showPane(.partners), &state)
        state.refreshRows(.partners)
        let down = F.key(for: .moveDown)
        let (moved, _) = F.session(state, keys: [down, down, down])
        let rowsBefore = moved.current.rows.map { moved.data.network.partners[$0].id }
        let (deleted, _) = F.session(moved, keys: [F.key(for: .delete), F.key(for: .answer("y"), in: .confirm)])
        // The record that was under it on screen, not the next one in the file.
        #expect(deleted.current.selected == 3)
        #expect(deleted.selectedRecord(in: .partners)?.id == rowsBefore[4])

        // A rename that moves the first row far down the list, then undone: back at row 0, shown.
        // (A new state: the one above shares its document with the session that deleted.)
        var fresh = F.state(network: NetworkGenerator.network(partners: 2_000, withIIAs: false))
        _ = Reducer.apply(.showPane(.partners), &fresh)
        fresh.refreshRows(.partners)
        let first = try #require(fresh.selectedRecord(in: .partners)?.id)
        let (renamed, _) = F.session(fresh, keys: [F.key(for: .edit), F.key(for: .killToStart, in: .form)] + type("Zz Last University")
                                              + [F.key(for: .applyForm, in: .form)])
        #expect(renamed.selectedRecord(in: .partners)?.id == first)
        #expect(renamed.current.selected > 100 && renamed.current.scroll > 100)
        let (undone, _) = F.session(renamed, keys: [F.key(for: .undo, in: .global)])
        #expect(undone.selectedRecord(in: .partners)?.id == first)
        #expect(undone.current.selected == 0 && undone.current.scroll == 0)
    }

    @Test("quitting with unsaved changes asks: stay, discard or save")
    func quitAsks() throws {
        var (state, path) = try fileState()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        Reducer.go(to: Location(pane: .partners, recordId: "osaka"), &state)
        let (asked, _) = F.session(state, keys: [F.key(for: .delete), F.key(for: .answer("y"), in: .confirm), F.key(for: .quit, in: .global)])
        #expect(asked.modal == .confirm(.quitWithUnsavedChanges))
        #expect(!asked.shouldQuit)
        let (stayed, _) = F.session(asked, keys: [F.key(for: .cancel, in: .confirm)])
        #expect(stayed.modal == nil && !stayed.shouldQuit)
        let (saved, _) = F.session(stayed, keys: [F.key(for: .quit, in: .global), F.key(for: .answer("s"), in: .confirm)])
        #expect(saved.shouldQuit)
        #expect(try NetworkFile.load(path: path).network.partners.first { $0.id == "osaka" } == nil)
    }

    @Test("a read-only network refuses edits and says why")
    func readOnly() throws {
        let file = try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json")
        let data = DataSnapshot(network: file.network, fileName: "n.json", readOnlyReason: "opened with --read-only", today: F.today)
        var state = AppState(data: data, size: Size(width: 80, height: 24))
        _ = Reducer.apply(.showPane(.partners), &state)
        let (after, terminal) = F.session(state, keys: [F.key(for: .edit)])
        #expect(after.modal == nil)
        #expect(after.message?.text == "read-only: opened with --read-only")
        #expect(terminal.screen.joined().contains("[read-only]"))
    }
}

@Suite("Someone else saves while the dashboard is open", .serialized)
struct ExternalChangeTests {
    typealias F = AppFixtures

    @Test("R reloads the file and keeps the unsaved local changes; a later save has both")
    func reloadMerges() throws {
        let directory = NSTemporaryDirectory() + "liaison-reload-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/network.json"
        try FileManager.default.copyItem(atPath: F.repositoryRoot + "/sample-data/rub-network.json", toPath: path)
        let file = try NetworkFile.load(path: path)
        let data = DataSnapshot(document: try Document(storage: FileStorage(path: path)), fileName: "network.json", today: F.today)
        var state = AppState(data: data, size: Size(width: 100, height: 30))

        // Mine: a contact's role, unsaved.
        Reducer.go(to: Location(pane: .contacts, recordId: "asia-desk"), &state)
        let (edited, _) = F.session(state, keys: [F.key(for: .edit), F.key(for: .nextField, in: .form), F.key(for: .lineEnd, in: .form)]
            + " and Oceania".map { Key.character($0) } + [F.key(for: .applyForm, in: .form)])
        #expect(edited.data.store.unsavedChanges == 1)

        // Theirs: a partner's notes, saved by another process.
        var theirs = file.network
        theirs.partners[0].notes = "saved by a colleague"
        try NetworkFile.save(theirs, to: path)

        let (reloaded, terminal) = F.session(edited, keys: [F.key(for: .reload, in: .global)])
        #expect(reloaded.data.network.partners[0].notes == "saved by a colleague")
        #expect(reloaded.data.store.contact(id: "asia-desk")?.role == "Country desk for Asian partners outside Japan and Oceania")
        #expect(reloaded.data.store.unsavedChanges > 0)
        #expect(terminal.screen[terminal.screen.count - 2].contains("reloaded, with your unsaved changes kept"))

        var saving = reloaded
        Dashboard.perform([.save(thenQuit: false)], &saving)
        #expect(saving.message?.text == "saved")
        let onDisk = try NetworkFile.load(path: path).network
        #expect(onDisk.partners[0].notes == "saved by a colleague")
        #expect(onDisk.contacts.first { $0.id == "asia-desk" }?.role?.hasSuffix("and Oceania") == true)
    }
}

@Suite("Conflicts on saving are decided in a dialog", .serialized)
struct ConflictDialogTests {
    typealias F = AppFixtures

    private func setUp() throws -> (AppState, String, NetworkFile) {
        let directory = NSTemporaryDirectory() + "liaison-conflict-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/network.json"
        try FileManager.default.copyItem(atPath: F.repositoryRoot + "/sample-data/rub-network.json", toPath: path)
        let file = try NetworkFile.load(path: path)
        let data = DataSnapshot(document: try Document(storage: FileStorage(path: path)), fileName: "network.json", today: F.today)
        var state = AppState(data: data, size: Size(width: 120, height: 40))
        Reducer.go(to: Location(pane: .partners, recordId: "utokyo"), &state)
        return (state, path, file)
    }

    private func editCity(_ state: AppState, to city: String) -> AppState {
        let next = F.key(for: .nextField, in: .form)
        let keys: [Key] = [F.key(for: .edit), next, next, next, next, F.key(for: .killToStart, in: .form)]
            + city.map { Key.character($0) } + [F.key(for: .applyForm, in: .form)]
        return F.session(state, keys: keys).0
    }

    @Test("the same field saved differently by someone else: both values shown, mine kept, saved")
    func keepMine() throws {
        let (state, path, file) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let edited = editCity(state, to: "Hongō")
        var theirs = file.network
        theirs.partners[0].city = "Komaba"
        theirs.partners[1].notes = "another change of theirs"
        try NetworkFile.save(theirs, to: path)

        let (asked, terminal) = F.session(edited, keys: [F.key(for: .save, in: .global)])
        guard case .conflicts(let conflicts) = asked.modal else { Issue.record("no conflict dialog"); return }
        #expect(conflicts.merge.conflicts.count == 1)
        let screen = terminal.screen.joined(separator: "\n")
        #expect(screen.contains("partner utokyo · City"))
        #expect(screen.contains(#"yours:  "Hongō""#) && screen.contains(#"file's: "Komaba""#))
        #expect(try NetworkFile.load(path: path).network.partners[0].city == "Komaba", "nothing written yet")

        let (saved, _) = F.session(asked, keys: [F.key(for: .keepMine, in: .conflicts), F.key(for: .resolve, in: .conflicts)])
        #expect(saved.modal == nil)
        let onDisk = try NetworkFile.load(path: path).network
        #expect(onDisk.partners[0].city == "Hongō")
        #expect(onDisk.partners[1].notes == "another change of theirs", "their other change is kept")
        #expect(saved.data.store.unsavedChanges == 0)
    }

    @Test("a partner added on both sides, differently: every differing field whole, read with j at 80x24 and shown at 160x50")
    func bothAddedReadable() throws {
        for (width, height) in [(80, 24), (160, 50)] {
            var (state, path, file) = try setUp()
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            (state.size, state.themes) = (Size(width: width, height: height), [F.probeTheme])
            func partner(_ side: String) -> Partner {
                var partner = Partner()
                (partner.id, partner.name, partner.country, partner.city) = ("newpartner", "Universidad Nueva (\(side))", "ES", "Ciudad \(side)")
                partner.notes = (1...6).map { "Sentence \($0) of \(side)'s long note about the new partner." }.joined(separator: " ") + " END-\(side)"
                partner.tags = ["tag-\(side)"]
                (partner.partnershipType, partner.status) = ("exchange", "active")
                return partner
            }
            let outcome = state.data.document.put(.partner(partner("mine")), allowLookalike: true)
            #expect(state.data.store.unsavedChanges == 1, "\(outcome)")
            var theirs = file.network
            theirs.partners.append(partner("theirs"))
            try NetworkFile.save(theirs, to: path)

            var (asked, _) = F.session(state, keys: [F.key(for: .save, in: .global)])
            guard case .conflicts(let conflicts) = asked.modal else { Issue.record("no conflict dialog: \(String(describing: asked.message))"); return }
            #expect(conflicts.merge.conflicts.map(\.kind) == [.bothAdded])
            // Every screen while j moves through the conflict: together they show all of it.
            var seen = Screen.render(asked).lines.joined(separator: "\n")
            for _ in 0..<8 {
                asked = F.session(asked, keys: [F.key(for: .moveDown, in: .conflicts)]).0
                seen += Screen.render(asked).lines.joined(separator: "\n")
            }
            for expected in ["partner newpartner · added on both sides, differently", "Name", "City", "Tags", "Notes",
                             "Universidad Nueva (mine)", "Universidad Nueva (theirs)", "END-mine", "END-theirs", "tag-theirs"] {
                #expect(seen.contains(expected), "\(width)x\(height): \(expected) never shown")
            }
            if width == 160 {
                let (matches, message) = F.matchesGolden(Screen.render(asked), name: "conflict-added-both-160x50")
                #expect(matches, "\(message)")
            } else {
                let first = F.session(state, keys: [F.key(for: .save, in: .global)]).0
                let (matches, message) = F.matchesGolden(Screen.render(first), name: "conflict-added-both-80x24")
                #expect(matches, "\(message)")
            }
        }
    }

    @Test("keeping theirs, and Esc saving nothing")
    func keepTheirsOrWait() throws {
        let (state, path, file) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let edited = editCity(state, to: "Hongō")
        var theirs = file.network
        theirs.partners[0].city = "Komaba"
        try NetworkFile.save(theirs, to: path)
        let (waited, _) = F.session(edited, keys: [F.key(for: .save, in: .global), F.key(for: .cancel, in: .conflicts)])
        #expect(waited.modal == nil)
        #expect(waited.data.store.unsavedChanges > 0)
        #expect(try NetworkFile.load(path: path).network.partners[0].city == "Komaba")
        let (saved, _) = F.session(waited, keys: [F.key(for: .save, in: .global), F.key(for: .keepTheirs, in: .conflicts), F.key(for: .resolve, in: .conflicts)])
        #expect(saved.modal == nil)
        #expect(try NetworkFile.load(path: path).network.partners[0].city == "Komaba")
    }
}

@Suite("Agreements in the partner form", .serialized)
struct AgreementFormTests {
    typealias F = AppFixtures

    @Test("edit an agreement's end, refused before its start; add one with a kind from the list; remove one")
    func agreements() throws {
        let file = try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json")
        let data = DataSnapshot(network: file.network, fileName: "n.json", today: F.today)
        var state = AppState(data: data, size: Size(width: 120, height: 40))
        Reducer.go(to: Location(pane: .partners, recordId: "utokyo"), &state)
        let (opened, _) = F.session(state, keys: [F.key(for: .edit)])
        guard case .form(var form) = opened.modal else { Issue.record("no form"); return }
        #expect(form.agreementIds == ["utokyo-mou", "utokyo-exchange"])
        // Put the cursor on agreement 2's end and type a date before its start.
        form.focus = form.fields.firstIndex { $0.key == "agreements[1].end" }!
        var atEnd = opened
        atEnd.modal = .form(form)
        let type = { (text: String) in text.map { Key.character($0) } }
        let (refused, terminal) = F.session(atEnd, keys: [F.key(for: .killToStart, in: .form)] + type("2021-01-01") + [F.key(for: .applyForm, in: .form)])
        guard case .form(let stillOpen) = refused.modal else { Issue.record("the form closed"); return }
        #expect(stillOpen.error?.key == "agreements[1].end")
        #expect(terminal.screen.contains { $0.contains("Agreement 2: End: 2021-01-01 is before the start 2022-04-01") })

        let keys: [Key] = [F.key(for: .killToStart, in: .form)] + type("2028-03-31")
            + [F.key(for: .addRow, in: .form)] + type("stu") + [F.key(for: .nextField, in: .form), F.key(for: .nextField, in: .form)] + type("2027-04-01")
            + [F.key(for: .applyForm, in: .form)]
        let (applied, _) = F.session(refused, keys: keys)
        #expect(applied.modal == nil)
        let tokyo = try #require(applied.data.store.partner(id: "utokyo"))
        #expect(tokyo.agreements.map(\.kind) == ["memorandum-of-understanding", "student-exchange", "student-exchange"])
        #expect(tokyo.agreements[1].end == Day("2028-03-31"))
        #expect(tokyo.agreements[1].quota == Quota(incoming: 4, outgoing: 4))
        #expect(tokyo.agreements[2].id == "utokyo-student-exchange")
        #expect(tokyo.agreements[2].start == Day("2027-04-01"))

        let (reopened, _) = F.session(applied, keys: [F.key(for: .edit)])
        guard case .form(var second) = reopened.modal else { Issue.record("no form"); return }
        second.focus = second.fields.firstIndex { $0.key == "agreements[0].kind" }!
        var removing = reopened
        removing.modal = .form(second)
        let (removed, _) = F.session(removing, keys: [F.key(for: .removeRow, in: .form), F.key(for: .applyForm, in: .form)])
        #expect(removed.data.store.partner(id: "utokyo")?.agreements.map(\.id) == ["utokyo-exchange", "utokyo-student-exchange"])
    }
}

@Suite("Link fields pick records by name")
struct LinkPickerTests {
    typealias F = AppFixtures

    @Test("typing a name in contactIds offers matching contacts; Tab takes the id")
    func pickContact() throws {
        var state = try F.sampleState(width: 120, height: 40)
        Reducer.go(to: Location(pane: .partners, recordId: "osaka"), &state)
        let (opened, _) = F.session(state, keys: [F.key(for: .edit)])
        guard case .form(var form) = opened.modal else { Issue.record("no form"); return }
        form.focus = form.fields.firstIndex { $0.key == "contactIds" }!
        var atLinks = opened
        atLinks.modal = .form(form)
        let keys: [Key] = [F.key(for: .lineEnd, in: .form)] + ", monika".map { Key.character($0) }
        let (typing, terminal) = F.session(atLinks, keys: keys)
        #expect(terminal.screen.contains { $0.contains("Tab takes monika-sprung (Monika Sprung)") })
        let (picked, _) = F.session(typing, keys: [F.key(for: .nextField, in: .form), F.key(for: .applyForm, in: .form)])
        #expect(picked.data.store.partner(id: "osaka")?.contactIds == ["japan-desk", "monika-sprung"])
    }
}

@Suite("Adding and duplicating every kind; the stricter form rules")
struct AddEveryKindTests {
    typealias F = AppFixtures

    @Test("a in the contacts pane adds a contact; a bad e-mail is refused at its field; D duplicates an event")
    func contactsAndEvents() throws {
        var state = try F.sampleState(width: 120, height: 40)
        _ = Reducer.apply(.showPane(.contacts), &state)
        let next = F.key(for: .nextField, in: .form)
        let type = { (text: String) in text.map { Key.character($0) } }
        // name, role, unit, email
        let keys: [Key] = [F.key(for: .add)] + type("Korea Desk") + [next, next, next] + type("korea at example") + [F.key(for: .applyForm, in: .form)]
        let (refused, _) = F.session(state, keys: keys)
        guard case .form(let form) = refused.modal else { Issue.record("the form closed"); return }
        #expect(form.error?.key == "email")
        let (added, _) = F.session(refused, keys: [F.key(for: .killToStart, in: .form)] + type("korea@example.org") + [F.key(for: .applyForm, in: .form)])
        #expect(added.modal == nil)
        #expect(added.data.store.contact(id: "korea-desk")?.email == "korea@example.org")

        var events = added
        Reducer.go(to: Location(pane: .events, recordId: "japan-science-days-2018"), &events)
        let (copied, _) = F.session(events, keys: [F.key(for: .duplicate), F.key(for: .applyForm, in: .form)])
        let copy = try #require(copied.data.store.event(id: "rub-japan-science-days-2018-copy"))
        #expect(copy.partnerIds == ["utokyo", "osaka", "tsukuba"])
        #expect(copy.start == Day("2018-07-05"))
    }

    @Test("Ctrl-O puts a line break into notes")
    func lineBreak() throws {
        var state = try F.sampleState(width: 120, height: 40)
        Reducer.go(to: Location(pane: .contacts, recordId: "asia-desk"), &state)
        let (opened, _) = F.session(state, keys: [F.key(for: .edit)])
        guard case .form(var form) = opened.modal else { Issue.record("no form"); return }
        form.focus = form.fields.firstIndex { $0.key == "notes" }!
        var atNotes = opened
        atNotes.modal = .form(form)
        let keys: [Key] = [F.key(for: .lineEnd, in: .form), F.key(for: .insert("\n"), in: .form)] + "Second line.".map { Key.character($0) } + [F.key(for: .applyForm, in: .form)]
        let (applied, _) = F.session(atNotes, keys: keys)
        #expect(applied.data.store.contact(id: "asia-desk")?.notes == "Illustrative functional contact for the sample network.\nSecond line.")
    }
}

@Suite("Forms and resizing")
struct FormResizeTests {
    @Test("resizing while a form is open keeps what was typed")
    func resizeKeepsText() throws {
        var state = try AppFixtures.sampleState(width: 120, height: 40)
        _ = Reducer.apply(.showPane(.partners), &state)
        let terminal = MemoryTerminal(width: 120, height: 40)
        terminal.send(keys: [AppFixtures.key(for: .add)] + "Kyoto".map { Key.character($0) })
        terminal.resize(width: 80, height: 24)
        terminal.send(keys: " University".map { Key.character($0) })
        Dashboard.run(&state, on: terminal, stopRequested: { !terminal.hasPendingEvents })
        guard case .form(let form) = state.modal else { Issue.record("the form closed"); return }
        #expect(form.fields[0].field.text == "Kyoto University")
        #expect(terminal.screen.count == 24)
        #expect(terminal.screen.contains { $0.contains("Kyoto University") })
    }
}

@Suite("Recovery merges with what others saved since the crash", .serialized)
struct RecoveryMergeTests {
    typealias F = AppFixtures

    /// Partner 0's city and partner 1's notes recovered from an ended session; since, a
    /// colleague saved partner 0's notes (no clash) and partner 1's notes (a clash).
    private func recovering(width: Int = 100) throws -> (AppState, MemoryJournal, Network) {
        let original = try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json").network
        var mine = original.partners[0]
        mine.city = "Bunkyō"
        var clash = original.partners[1]
        clash.notes = "mine"
        var now = original
        now.partners[0].notes = "colleague"
        now.partners[1].notes = "colleague"
        let storage = MemoryStorage(network: now)
        let journal = try #require(storage.recoveryJournal(user: "ada") as? MemoryJournal)
        try journal.append(Journal.Entry(operation: .put(.partner(mine)), base: .partner(original.partners[0])))
        try journal.append(Journal.Entry(operation: .put(.partner(clash)), base: .partner(original.partners[1])))
        journal.isLive = false  // the session ended without saving
        let document = try Document(storage: storage, editor: "ada")
        var state = AppState(data: DataSnapshot(document: document, fileName: "n.json", today: F.today), size: Size(width: width, height: 30))
        Reducer.offerRecovery(try #require(document.pendingRecovery()), &state)
        return (state, journal, original)
    }

    @Test("a clash is asked in the conflict dialog; m keeps the recovered value, and every recovered change is then applied unsaved")
    func recoverMerging() throws {
        let (state, journal, original) = try recovering()
        let (asked, _) = F.session(state, keys: [F.key(for: .answer("a"), in: .confirm)])
        guard case .conflicts(let conflicts) = asked.modal, case .recovery = conflicts.source else {
            Issue.record("no conflict dialog: \(String(describing: asked.modal))"); return
        }
        #expect(conflicts.merge.conflicts.map(\.id) == [original.partners[1].id])
        #expect(asked.message?.text == "1 recovered change clashes with later saves: decide")
        #expect(asked.data.store.unsavedChanges == 0, "nothing is applied before the clash is decided")
        #expect(journal.contents() != nil)

        let (after, _) = F.session(asked, keys: [F.key(for: .keepMine, in: .conflicts), F.key(for: .resolve, in: .conflicts)])
        #expect(after.modal == nil)
        let first = try #require(after.data.store.partner(id: original.partners[0].id))
        #expect(first.city == "Bunkyō" && first.notes == "colleague")
        #expect(after.data.store.partner(id: original.partners[1].id)?.notes == "mine")
        #expect(after.message?.text == "2 recovered changes applied; \(Keymap.keyName(for: .save)) saves them")
        #expect(after.data.store.unsavedChanges == 2)
        #expect(journal.contents() == nil, "applied: the ended session's journal goes")
    }

    @Test("t keeps the file's value; Esc in the dialog goes back to the question; n there keeps the journal for the next start; x drops it")
    func keepTheirsAndCancel() throws {
        let (state, first, original) = try recovering()
        let apply = F.key(for: .answer("a"), in: .confirm)
        let (theirs, _) = F.session(state, keys: [apply, F.key(for: .keepTheirs, in: .conflicts), F.key(for: .resolve, in: .conflicts)])
        #expect(theirs.data.store.partner(id: original.partners[1].id)?.notes == "colleague")
        #expect(theirs.data.store.partner(id: original.partners[0].id)?.city == "Bunkyō")
        #expect(first.contents() == nil)

        let (again, journal, _) = try recovering()
        let (back, _) = F.session(again, keys: [apply, F.key(for: .cancel, in: .conflicts)])
        guard case .confirm(.recover)? = back.modal else { Issue.record("not back at the question"); return }
        #expect(back.data.store.unsavedChanges == 0)
        #expect(journal.contents() != nil)
        let (dropped, _) = F.session(back, keys: [F.key(for: .answer("x"), in: .confirm)])
        #expect(dropped.modal == nil && dropped.message?.text == "recovered changes dropped")
        #expect(journal.contents() == nil)

        // n (or Esc) at the question puts it off: nothing is dropped, the next start asks again.
        let (another, kept, _) = try recovering()
        let (later, _) = F.session(another, keys: [F.key(for: .cancel, in: .confirm)])
        #expect(later.modal == nil && later.message?.text == "not recovered now: the next start offers them again")
        #expect(kept.contents() != nil)
        #expect(try Document(storage: later.data.document.storage, editor: "ada").pendingRecovery()?.changeCount == 2)
    }

    @Test("a recovered change the rules refuse is named in full in a dialog; the rest is applied, the journal stays")
    func refusedIsShown() throws {
        let original = try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json").network
        var nameless = original.partners[1]
        nameless.name = ""
        var noted = original.partners[0]
        noted.notes = "recovered"
        let storage = MemoryStorage(network: original)
        let journal = try #require(storage.recoveryJournal(user: "ada") as? MemoryJournal)
        try journal.append(Journal.Entry(operation: .put(.partner(nameless)), base: .partner(original.partners[1])))
        try journal.append(Journal.Entry(operation: .put(.partner(noted)), base: .partner(original.partners[0])))
        journal.isLive = false
        let document = try Document(storage: storage, editor: "ada")
        var state = AppState(data: DataSnapshot(document: document, fileName: "n.json", today: F.today), size: Size(width: 80, height: 24))
        Reducer.offerRecovery(try #require(document.pendingRecovery()), &state)
        let (after, _) = F.session(state, keys: [F.key(for: .answer("a"), in: .confirm)])
        guard case .confirm(.recoveryRefused(let reasons))? = after.modal else { Issue.record("no dialog: \(String(describing: after.modal))"); return }
        #expect(reasons.count == 1 && reasons[0].hasPrefix("partner \(nameless.id): "))
        #expect(after.message?.text == "1 applied, 1 refused by the rules: kept for next start")
        #expect(after.data.store.partner(id: noted.id)?.notes == "recovered")
        #expect(journal.contents() != nil)
        let screen = Screen.render(after).lines.joined(separator: "\n")
        #expect(screen.contains("Not applied: the rules refuse these recovered changes."))
        #expect(screen.contains("partner \(nameless.id):"))
        #expect(screen.contains("1 applied, 1 refused by the rules: kept for next start"))
    }

    @Test("on an 80-column terminal the recovery conflict dialog and its status line show whole")
    func fitsEightyColumns() throws {
        let (state, _, _) = try recovering(width: 80)
        let (asked, _) = F.session(state, keys: [F.key(for: .answer("a"), in: .confirm)])
        let text = Screen.render(asked).lines
        #expect(text.contains { $0.contains("Changes saved since clash with recovered ones. Decide each one:") })
        #expect(text.contains { $0.contains("m keeps the recovered value, t the file's; Enter applies, Esc goes back.") })
        #expect(text.contains { $0.contains("1 recovered change clashes with later saves: decide") }, "\(text.joined(separator: "\n"))")
        let (applied, _) = F.session(asked, keys: [F.key(for: .keepMine, in: .conflicts), F.key(for: .resolve, in: .conflicts)])
        let message = "2 recovered changes applied; \(Keymap.keyName(for: .save)) saves them"
        #expect(Screen.render(applied).lines.contains { $0.contains(message) })
    }
}

@Suite("Enter on a field in the detail edits it")
struct DetailFieldTests {
    @Test("step into the detail, up from the first link to the last field, Enter opens the form there")
    func enterOnField() throws {
        var state = try AppFixtures.sampleState(width: 120, height: 40)
        Reducer.go(to: Location(pane: .partners, recordId: "osaka"), &state)
        let keys: [Key] = [AppFixtures.key(for: .focusLinks), AppFixtures.key(for: .moveUp, in: .links), AppFixtures.key(for: .open, in: .links)]
        let (after, _) = AppFixtures.session(state, keys: keys)
        guard case .form(let form) = after.modal else { Issue.record("no form"); return }
        #expect(form.recordId == "osaka")
        #expect(form.fields[form.focus].key == "notes", "the last field the detail shows")
    }
}

@Suite("Questions show only their own answers")
struct ConfirmHintTests {
    @Test("the delete question offers y and n, not the quit answers")
    func deleteHints() throws {
        var state = try AppFixtures.sampleState(width: 120, height: 40)
        Reducer.go(to: Location(pane: .partners, recordId: "osaka"), &state)
        let (asked, terminal) = AppFixtures.session(state, keys: [AppFixtures.key(for: .delete)])
        #expect(asked.modal != nil)
        let hints = try #require(terminal.screen.last)
        #expect(hints.contains("yes (delete)") && hints.contains("cancel"))
        #expect(!hints.contains("save, then quit") && !hints.contains("recovered"))
    }
}

@Suite("The recovery dialog")
struct RecoveryDialogTests {
    typealias F = AppFixtures

    /// A document on a memory storage with one ended session that changed the notes of `count` partners.
    private func offered(count: Int) throws -> (AppState, RecoveryOffer) {
        let network = try NetworkFile.load(path: F.repositoryRoot + "/sample-data/rub-network.json").network
        let storage = MemoryStorage(network: network)
        let journal = try #require(storage.recoveryJournal(user: "ada") as? MemoryJournal)
        for partner in network.partners.prefix(count) {
            var changed = partner
            changed.notes = "recovered note for \(partner.id)"
            try journal.append(Journal.Entry(operation: .put(.partner(changed)), base: .partner(partner)))
        }
        journal.isLive = false
        let document = try Document(storage: storage, editor: "ada")
        let offer = try #require(document.pendingRecovery())
        var state = AppState(data: DataSnapshot(document: document, fileName: "n.json", today: F.today), size: Size(width: 80, height: 24))
        Reducer.offerRecovery(offer, &state)
        return (state, offer)
    }

    @Test("a long offer fits 80x24: each record with its field's old and new value, scrolled with j/k, a/x always shown")
    func longOfferScrolls() throws {
        let (state, offer) = try offered(count: 15)
        #expect(offer.lines.count > 24)
        let lines = Screen.render(state).lines
        #expect(lines.count == 24 && lines.allSatisfy { TextWidth.of($0) <= 80 })
        let (matches, message) = F.matchesGolden(lines, name: "recover-80x24")
        #expect(matches, "\(message)")
        #expect(lines.contains { $0.contains("a applies them") })
        #expect(lines.contains { $0.contains("more lines below (j scrolls down)") })
        #expect(!lines.contains { $0.contains(offer.lines[offer.lines.count - 1]) })

        var scrolled = state
        for _ in 0..<offer.lines.count { _ = Reducer.apply(.moveDown, &scrolled) }
        let end = Screen.render(scrolled).lines
        #expect(end.contains { $0.contains(offer.lines[offer.lines.count - 1]) }, "the last change can be scrolled to")
        #expect(end.contains { $0.contains("a applies them") })
        _ = Reducer.apply(.answer("a"), &scrolled)
        #expect(scrolled.modal == nil)
    }

    @Test("journal files found but not trusted, and nothing else: no question, the status line names them")
    func onlyRefusedFiles() throws {
        var state = try F.sampleState()
        let refusal = "/srv/intl/.n.json.ada.1-a.liaison-recovery: nothing is offered from it: it is a symbolic link; it was left in place"
        Reducer.offerRecovery(RecoveryOffer(journals: [], notOffered: [refusal, refusal]), &state)
        #expect(state.modal == nil)
        #expect(state.message?.text == refusal + " (and 1 more)")
        #expect(state.message?.kind == .warning)
    }
}
