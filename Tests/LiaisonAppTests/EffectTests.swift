import Testing
@testable import LiaisonApp
import LiaisonCore
import TerminalUI

/// The reducer does no input or output: it asks for it with effects, and the outcomes come back.
@Suite("The reducer returns effects")
struct EffectTests {
    typealias F = AppFixtures

    /// The sample at 120x40 with the form open on a record, its cursor in the field `key`.
    private func editing(_ id: String, in pane: Pane, at key: String) throws -> (AppState, FormState) {
        var state = try F.sampleState(width: 120, height: 40)
        Reducer.go(to: Location(pane: pane, recordId: id), &state)
        _ = Reducer.apply(.edit, &state)
        guard case .form(var form) = state.modal else { throw FormDidNotOpen() }
        form.focus = try #require(form.fields.firstIndex { $0.key == key })
        state.modal = .form(form)
        return (state, form)
    }

    private struct FormDidNotOpen: Error {}

    @Test("when typing pauses, a changed form's draft is asked to be kept, once per change; an unchanged form asks nothing")
    func draftWhenIdle() throws {
        var (state, _) = try editing("nims", in: .partners, at: "city")
        #expect(Reducer.idle(&state) == [], "nothing typed yet")
        _ = Reducer.apply(.killToStart, &state)
        for character in "NIMS-typed" { _ = Reducer.apply(.insert(character), &state) }
        guard case .form(let form) = state.modal, let draft = form.draft else { Issue.record("no draft of the typed form"); return }
        #expect(draft.fields.first { $0.key == "city" }?.text == "NIMS-typed")
        #expect(draft.recordId == "nims" && draft.kind == .partner)
        #expect(Reducer.idle(&state) == [.keepDraft(draft)])
        #expect(Reducer.idle(&state) == [], "the same draft is not written again")
        _ = Reducer.apply(.insert("!"), &state)
        #expect(Reducer.idle(&state).count == 1, "a changed draft is")
    }

    @Test("a form typed back to what it held drops its draft; leaving a form with Esc drops it at once")
    func draftDropped() throws {
        var (state, _) = try editing("nims", in: .partners, at: "city")
        _ = Reducer.apply(.insert("x"), &state)
        _ = Reducer.idle(&state)
        _ = Reducer.apply(.deleteBackward, &state)
        #expect(Reducer.idle(&state) == [.dropDraft])
        #expect(Reducer.idle(&state) == [])

        _ = Reducer.apply(.insert("x"), &state)
        _ = Reducer.idle(&state)
        #expect(Reducer.apply(.cancel, &state) == [], "the first Esc only warns")
        #expect(Reducer.apply(.cancel, &state) == [.dropDraft])
        #expect(state.modal == nil && state.keptDraft == nil)
        #expect(Reducer.idle(&state) == [])
    }

    @Test("a form applied drops its draft once the document took the record")
    func draftDroppedWhenApplied() throws {
        var (state, _) = try editing("nims", in: .partners, at: "city")
        _ = Reducer.apply(.insert("x"), &state)
        _ = Reducer.idle(&state)
        let effects = Reducer.apply(.applyForm, &state)
        guard case .put(let record, _)? = effects.first else { Issue.record("no put asked: \(effects)"); return }
        #expect(!effects.contains(.dropDraft), "not before the verdict: a refused form stays open")
        let change = try #require(try? Store(network: state.data.network).apply(.put(record)))
        #expect(Reducer.receive(.edited(.applied(change, warnings: [])), &state) == [.dropDraft])
    }

    @Test("undo, redo and save are asked for, not done")
    func editKeys() throws {
        var state = try F.sampleState()
        #expect(Reducer.apply(.undo, &state) == [.undo])
        #expect(Reducer.apply(.redo, &state) == [.redo])
        #expect(Reducer.apply(.save, &state) == [.save(thenQuit: false)])
        #expect(state.data.store.canUndo == false, "nothing was changed by asking")
    }

    @Test("Ctrl-C comes after the keys typed before it, though its signal overtakes them")
    func interruptAfterTypedKeys() throws {
        var state = try F.sampleState()
        _ = Reducer.apply(.showPane(.partners), &state)
        let terminal = MemoryTerminal(width: 80, height: 24)
        // Typed: open the form, an x into its first field; then Ctrl-C, noticed before any key is read.
        terminal.send(keys: [F.key(for: .edit), .character("x")])
        var interrupts = 1
        Dashboard.run(&state, on: terminal, stopRequested: { !terminal.hasPendingEvents && interrupts == 0 },
                      interrupted: { defer { interrupts = 0 }; return interrupts > 0 })
        #expect(!state.shouldQuit, "the form with the typed x is not dropped")
        guard case .form(let form)? = state.modal else { Issue.record("the form is not open"); return }
        #expect(form.fields[form.focus].field.text.hasSuffix("x"))
        #expect(state.message?.text.hasPrefix("the form has changes") == true)
    }

    @Test("Ctrl-L redraws the whole screen in every mode, and changes nothing else")
    func redrawEverywhere() throws {
        let redraw = F.key(for: .redraw, in: .always)
        var (inForm, _) = try editing("utokyo", in: .partners, at: "name")
        var inList = try F.sampleState()
        _ = Reducer.apply(.showPane(.partners), &inList)
        var inSearch = inList
        _ = Reducer.apply(.search, &inSearch)
        for var state in [inForm, inList, inSearch] {
            let before = state
            #expect(Reducer.handle(.key(redraw), &state) == [.redraw])
            #expect(state.modal == before.modal && state.pane == before.pane)
        }
        // The run loop passes it to the terminal, a form staying open with what was typed.
        inForm.modal = inForm.modal.map { modal in
            guard case .form(var form) = modal else { return modal }
            form.fields[form.focus].field.insert("x")
            return .form(form)
        }
        let (after, terminal) = F.session(inForm, keys: [redraw])
        #expect(terminal.invalidations == 1)
        guard case .form(let form)? = after.modal else { Issue.record("the form closed"); return }
        #expect(form.fields[form.focus].field.text.hasSuffix("x"))
    }

    @Test("Esc on a changed form asks; Esc again drops the changes, and the question does not stay on the status line")
    func dropFormChanges() throws {
        var (state, form) = try editing("utokyo", in: .partners, at: "city")
        form.fields[form.focus].field.insert("x")
        state.modal = .form(form)
        #expect(Reducer.apply(.cancel, &state) == [])
        #expect(state.message?.text.hasPrefix("the form has changes") == true)
        #expect(Reducer.apply(.cancel, &state) == [])
        #expect(state.modal == nil)
        #expect(state.message?.text == "the form's changes were dropped")
        #expect(state.data.store.unsavedChanges == 0)
    }

    @Test("a form asks for its record to be put; the outcome closes it or names the field")
    func formPutsThroughTheDocument() throws {
        var (state, form) = try editing("utokyo", in: .partners, at: "status")
        form.fields[form.focus].field.set("actve")
        state.modal = .form(form)
        let effects = Reducer.apply(.applyForm, &state)
        guard case .put(.partner(let partner), allowLookalike: false)? = effects.first, effects.count == 1 else {
            Issue.record("expected one put, got \(effects)")
            return
        }
        #expect(partner.status == "actve")
        #expect(state.data.store.partner(id: "utokyo")?.status == "active", "the reducer changed nothing itself")

        // The document's verdict comes back; the form stays open on the field, by its label.
        let verdict = state.data.document.put(.partner(partner))
        #expect(Reducer.receive(.edited(verdict), &state) == [])
        guard case .form(let open) = state.modal else {
            Issue.record("the form closed on a refused value")
            return
        }
        #expect(open.error?.key == "status")
        #expect(open.error?.message.hasPrefix("Status: \"actve\" is not one of") == true)
    }

    @Test("deleting asks, then asks the document; quitting without saving drops the journal by an effect")
    func deleteAndDiscard() throws {
        var state = try F.sampleState(width: 120, height: 40)
        Reducer.go(to: Location(pane: .contacts, recordId: "japan-desk"), &state)
        #expect(Reducer.apply(.delete, &state) == [])
        #expect(Reducer.apply(.answer("y"), &state) == [.delete(id: "japan-desk")])
        #expect(state.data.store.contact(id: "japan-desk") != nil)
        Dashboard.perform([.delete(id: "japan-desk")], &state)
        #expect(state.data.store.contact(id: "japan-desk") == nil)
        #expect(state.message?.text.hasPrefix("deleted Japan Desk and 7 links to it") == true)

        _ = Reducer.apply(.quit, &state)
        #expect(state.modal == .confirm(.quitWithUnsavedChanges))
        #expect(Reducer.apply(.answer("d"), &state) == [.discardUnsaved, .quit])
    }

    @Test("the search line and the jump prompt edit as form fields do: cursor keys, Ctrl-U, Ctrl-W")
    func promptEditing() throws {
        var state = try F.sampleState()
        _ = Reducer.apply(.search, &state)
        for character in "tkyo" { _ = Reducer.apply(.insert(character), &state) }
        _ = Reducer.apply(.cursorLeft, &state)
        _ = Reducer.apply(.cursorLeft, &state)
        _ = Reducer.apply(.cursorLeft, &state)
        _ = Reducer.apply(.insert("o"), &state)
        #expect(state.current.filter == "tokyo")
        _ = Reducer.apply(.killToStart, &state)
        _ = Reducer.apply(.lineEnd, &state)
        _ = Reducer.apply(.killToStart, &state)
        #expect(state.current.filter == "")
        _ = Reducer.apply(.accept, &state)

        _ = Reducer.apply(.jump, &state)
        for character in "osaka univ" { _ = Reducer.apply(.insert(character), &state) }
        _ = Reducer.apply(.deleteWord, &state)
        guard case .jump(let field, let completions, _) = state.modal else {
            Issue.record("the jump prompt closed")
            return
        }
        #expect(field.text == "osaka ")
        #expect(completions.first?.id == "osaka")
    }

    @Test("Tab in a single link field takes one id, with no list separator")
    func singleLinkCompletion() throws {
        var (state, _) = try editing("japan-desk", in: .contacts, at: "partnerId")
        for character in "tokyo" { _ = Reducer.apply(.insert(character), &state) }
        _ = Reducer.apply(.nextField, &state)
        guard case .form(let completed) = state.modal else {
            Issue.record("the form closed")
            return
        }
        #expect(completed.fields[completed.focus].field.text == "utokyo")
        Dashboard.perform(Reducer.apply(.applyForm, &state), &state)
        #expect(state.modal == nil)
        #expect(state.data.store.contact(id: "japan-desk")?.partnerId == "utokyo")
    }

    @Test("q on the too-small screen drops no form and no unsaved change")
    func quitWhenTooSmall() throws {
        var (state, _) = try editing("utokyo", in: .partners, at: "city")
        _ = Reducer.apply(.insert("x"), &state)
        state.size = Size(width: 60, height: 20)
        #expect(Reducer.handle(.key(.character("q")), &state) == [])
        guard case .form = state.modal else {
            Issue.record("the form was dropped")
            return
        }
        state.modal = nil
        state.data.document.put(.partner(try #require(state.data.store.partner(id: "osaka"))).withCity("Suita, Osaka"))
        #expect(Reducer.handle(.key(.character("q")), &state) == [])
        #expect(state.modal == .confirm(.quitWithUnsavedChanges))
    }

    @Test("a paste is text: in a list it does nothing; in a one-line field its lines join; notes keep them")
    func pasteIsText() throws {
        var state = try F.sampleState(width: 120, height: 40)
        Reducer.go(to: Location(pane: .partners, recordId: "utokyo"), &state)
        #expect(Reducer.handle(.paste("jjdy"), &state) == [])
        #expect(state.modal == nil, "no delete question: the paste ran no command")
        #expect(state.message?.text.hasPrefix("a paste goes into a text field") == true)

        var (city, _) = try editing("utokyo", in: .partners, at: "city")
        _ = Reducer.handle(.paste(" Bunkyō\r\nTokyo"), &city)
        guard case .form(let form) = city.modal else {
            Issue.record("the form closed")
            return
        }
        #expect(form.fields[form.focus].field.text == "Tokyo Bunkyō Tokyo", "line 2 stays in the field")
        #expect(form.fields[form.focus].key == "city")

        var (notes, _) = try editing("utokyo", in: .partners, at: "notes")
        _ = Reducer.handle(.paste("one\ntwo"), &notes)
        guard case .form(let notesForm) = notes.modal else {
            Issue.record("the form closed")
            return
        }
        #expect(notesForm.fields[notesForm.focus].field.text.hasSuffix("one\ntwo"))

        _ = Reducer.apply(.search, &state)
        _ = Reducer.handle(.paste("tokyo\n"), &state)
        #expect(state.current.filter == "tokyo")
    }
}

private extension Record {
    func withCity(_ city: String) -> Record {
        guard case .partner(var partner) = self else { return self }
        partner.city = city
        return .partner(partner)
    }
}
