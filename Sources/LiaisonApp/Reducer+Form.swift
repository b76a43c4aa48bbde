import LiaisonCore
import TerminalUI

/// Editing records in forms.
extension Reducer {
    // MARK: editing

    /// Says why nothing can be changed, if the file is read-only.
    static func refuseIfReadOnly(_ state: inout AppState) -> Bool {
        guard let reason = state.data.readOnlyReason else { return false }
        state.message = StatusMessage(text: "read-only: \(reason)", kind: .warning)
        return true
    }

    static func startEditing(_ state: inout AppState, new: Bool, copying: Bool = false) {
        guard !refuseIfReadOnly(&state) else { return }
        // New records are of the pane's kind (partners from the overview).
        let kind = state.pane.kind ?? .partner
        var record: Record
        if copying || !new {
            guard state.pane != .overview, let selected = state.selectedRecord(in: state.pane) else {
                state.message = StatusMessage(text: "select a record first", kind: .info)
                return
            }
            record = copying ? NewRecord.copy(of: selected) : selected
        } else {
            record = NewRecord.blank(kind)
        }
        state.modal = .form(FormState(editing: record, new: new))
    }

    // MARK: a form left open

    /// Typing paused, or the session is being stopped: the open form's texts go to the recovery
    /// journal when they differ from the draft kept last. A form that holds nothing typed, or
    /// none open, drops a kept draft. Not asked per key: each draft is a write flushed to disk.
    public static func idle(_ state: inout AppState) -> [Effect] {
        let draft: FormDraft? = if case .form(let form) = state.modal { form.draft } else { nil }
        guard draft != state.keptDraft else { return [] }
        state.keptDraft = draft
        return [draft.map(Effect.keepDraft) ?? .dropDraft]
    }

    /// The form was left or applied: its kept draft goes at once, not at the next pause.
    static func formLeft(_ state: inout AppState) -> [Effect] {
        if case .form = state.modal { return [] }
        guard state.keptDraft != nil else { return [] }
        state.keptDraft = nil
        return [.dropDraft]
    }

    /// Opens again the form a session left open: on the record as it is now, with the texts that
    /// were typed, the cursor in the first of them. Applying it goes through the usual checks.
    /// Returns what to say of it, and whether that is a warning: a record deleted since, or
    /// fields someone else changed since the form opened, which the typed text would overwrite.
    static func reopen(_ draft: FormDraft, _ state: inout AppState) -> (text: String, warns: Bool) {
        let current = draft.recordId.flatMap { state.data.store.record(id: $0) }.flatMap { $0.kind == draft.kind ? $0 : nil }
        var form = FormState(editing: current ?? NewRecord.blank(draft.kind), new: current == nil)
        if form.agreementIds != draft.agreementIds {
            // Agreements were added or removed in the form: its rows come back as they were.
            form.fields.removeAll { FormState.row(of: $0.key) != nil }
            form.agreementIds = draft.agreementIds
            for row in draft.agreementIds.indices {
                let prefix = "agreements[\(row)]."
                let values = draft.fields.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.original) }
                form.fields += FormState.agreementFields(row: row, values: Dictionary(values) { first, _ in first }, original: true)
            }
            form.rowsChanged = true
        }
        let now = Dictionary(form.fields.map { ($0.key, $0.original) }) { first, _ in first }
        let clashes = current == nil ? [] : draft.clashes { now[$0] }
        for typed in draft.fields where typed.isChanged {
            guard let index = form.fields.firstIndex(where: { $0.key == typed.key }) else { continue }
            form.fields[index].field.set(typed.text)
        }
        form.focus = form.fields.firstIndex { $0.field.text != $0.original } ?? 0
        if let current { go(to: Location(pane: Pane(kind: current.kind), recordId: current.id), &state, recordHistory: false) }
        state.modal = .form(form)
        let apply = Keymap.keyName(for: .applyForm, in: .form), leave = Keymap.keyName(for: .cancel, in: .form)
        if draft.recordId != nil && current == nil {
            return ("\(draft.kind.rawValue) \(draft.recordId!) was deleted since this form was left open: \(apply) adds it anew, \(leave) drops it", true)
        }
        if !clashes.isEmpty {
            let fields = clashes.map { clash in
                let label = form.fields.first { $0.key == clash.field.key }?.label ?? clash.field.key
                return "\(label) is now \"\(Sanitizer.safe(clash.now))\""
            }
            return ("saved meanwhile by someone else: " + fields.joined(separator: ", ") + "; the form has what was typed: \(apply) keeps it, \(leave) drops it", true)
        }
        return ("the form left open is back with what was typed: \(apply) applies it", false)
    }

    static func applyInForm(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .form(var form) = state.modal else { return [] }
        if applyInDirectoryChoices(command, &form, &state) {
            state.modal = .form(form)
            return []
        }
        func editField(_ change: (inout TextField) -> Void) {
            change(&form.fields[form.focus].field)
            form.confirmingDiscard = false
            // The error was about what the field held; the user is changing it.
            if form.error?.key == form.fields[form.focus].key { form.error = nil }
            form.lookalikeConfirmed = false
            refreshDirectoryChoices(&form, state)
        }
        // Leaving the Name field closes the directory's list.
        defer { if case .form(var open) = state.modal, open.directoryListOpen, !offersDirectory(open) {
            open.directoryChoices = []
            state.modal = .form(open)
        } }
        switch command {
        case .nextField:
            // In the country field, Tab first takes the completion ("jap" → JP); in an
            // agreement's kind, the kind that starts so.
            if let completion = countryCompletion(form), form.fields[form.focus].field.text != completion.code {
                form.fields[form.focus].field.set(completion.code)
                form.confirmingDiscard = false
                break
            }
            if let kind = choiceCompletion(form) {
                form.fields[form.focus].field.set(kind)
                form.confirmingDiscard = false
                break
            }
            if let hit = linkCompletions(form, state).first {
                // Replace the term being typed with the record's id, ready for the next one.
                if form.fields[form.focus].type.isList {
                    var terms = form.fields[form.focus].field.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    terms[terms.count - 1] = (terms.count > 1 ? " " : "") + hit.id
                    form.fields[form.focus].field.set(terms.joined(separator: ",") + RecordText.listSeparator)
                } else {
                    // A single link takes one id: the completion replaces what was typed.
                    form.fields[form.focus].field.set(hit.id)
                }
                form.confirmingDiscard = false
                break
            }
            form.focus = (form.focus + 1) % form.fields.count
        case .previousField: form.focus = (form.focus + form.fields.count - 1) % form.fields.count
        case .insert, .deleteBackward, .deleteForward, .cursorLeft, .cursorRight, .lineStart, .lineEnd, .killToStart, .killToEnd, .deleteWord:
            editField { _ = $0.apply(command) }
        case .addRow:
            guard form.kind == .partner else { break }
            let row = form.agreementIds.count
            form.agreementIds.append(nil)
            form.fields += FormState.agreementFields(row: row, values: ["kind": ""], original: false)
            form.focus = form.fields.firstIndex { $0.key == "agreements[\(row)].kind" } ?? form.focus
            form.rowsChanged = true
        case .removeRow:
            guard let row = FormState.row(of: form.fields[form.focus].key) else {
                state.message = StatusMessage(text: "put the cursor in an agreement to remove it", kind: .info)
                break
            }
            form.agreementIds.remove(at: row)
            form.fields.removeAll { FormState.row(of: $0.key) == row }
            // Later rows move up one, so the keys stay agreements[0…n-1].
            for index in form.fields.indices {
                if let other = FormState.row(of: form.fields[index].key), other > row {
                    form.fields[index].key = form.fields[index].key.replacingOccurrences(of: "agreements[\(other)]", with: "agreements[\(other - 1)]")
                }
            }
            form.focus = min(form.focus, form.fields.count - 1)
            form.rowsChanged = true
        case .cancel:
            if form.isChanged && !form.confirmingDiscard {
                form.confirmingDiscard = true
                state.message = StatusMessage(text: "the form has changes: \(Keymap.keyName(for: .cancel, in: .form)) again drops them, \(Keymap.keyName(for: .applyForm, in: .form)) applies them", kind: .warning)
            } else {
                state.modal = nil
                // The question about the form's changes is answered: it does not stay on.
                state.message = form.confirmingDiscard ? StatusMessage(text: "the form's changes were dropped", kind: .info) : nil
                return formLeft(&state)
            }
        case .applyForm:
            let effects = applyForm(&form, &state)
            state.modal = .form(form)
            return effects
        default:
            break
        }
        state.modal = .form(form)
        return []
    }

    /// Reads the form into a record and asks for it to be put; the document's verdict comes
    /// back as `.edited` (formApplied). A field that cannot be read stays open with the field
    /// and the rule named.
    static func applyForm(_ form: inout FormState, _ state: inout AppState) -> [Effect] {
        let document = state.data.document
        var record = form.recordId.flatMap { document.store.record(id: $0) } ?? NewRecord.blank(form.kind)
        let assignments = form.fields.filter { FormState.row(of: $0.key) == nil }.map { (key: $0.key, value: $0.field.text) }
        do {
            record = try FieldAssignment.apply(assignments, to: record)
            if form.recordId == nil { record = NewRecord.withId(document.newId(from: record.displayName, kind: record.kind), record) }
            if case .partner(let partner) = record {
                let rows = form.agreementIds.enumerated().map { index, id in
                    AgreementRows.Row(id: id, values: Dictionary(uniqueKeysWithValues: form.fields.compactMap { field -> (String, String)? in
                        let prefix = "agreements[\(index)]."
                        return field.key.hasPrefix(prefix) ? (String(field.key.dropFirst(prefix.count)), field.field.text) : nil
                    }))
                }
                var taken: Set<String> = [partner.id]
                record = .partner(try AgreementRows.apply(rows, to: partner) { kind in
                    let id = document.newId(from: "\(partner.id) \(kind)", reserved: taken)
                    taken.insert(id)
                    return id
                })
            }
        } catch {
            showError(path: error.path, error.message, in: &form)
            return []
        }
        form.pendingRecord = record
        return [.put(record, allowLookalike: form.lookalikeConfirmed)]
    }

    /// The document's verdict on a form's record: the form closes on the record, or stays open
    /// with the field and the rule named, or asks about a partner that looks like another.
    static func formApplied(_ result: EditOutcome, _ state: inout AppState) {
        guard case .form(var form) = state.modal else { return }
        switch result {
        case .applied(let change, let warnings):
            guard let record = change.after else { return }
            state.modal = nil
            state.networkChanged(kind: record.kind)
            go(to: Location(pane: Pane(kind: record.kind), recordId: record.id), &state, recordHistory: false)
            var text = "\(form.recordId == nil ? "added" : "changed") \(record.displayName); \(Keymap.keyName(for: .save)) saves"
            if let warning = warnings.first { text += "; note: \(Schema.label(forPath: warning.path, in: record.kind)): \(warning.message)" }
            state.message = StatusMessage(text: text, kind: warnings.isEmpty ? .info : .warning)
            return
        case .unchanged:
            state.modal = nil
            state.message = StatusMessage(text: "nothing changed", kind: .info)
            return
        case .refused(let problems):
            if let first = problems.first { showError(path: first.path, first.message, in: &form) }
        case .lookalike(let match):
            form.lookalikeConfirmed = true
            let key = Keymap.keyName(for: .applyForm)
            form.error = (form.fields[form.focus].key, "\(match.problem): \(match). \(key) again adds it anyway; Esc goes back")
        case .readOnly(let reason):
            form.error = (form.fields[form.focus].key, "read-only: \(reason)")
        }
        // The form's error is what is said now; an earlier message ("filled from the ECHE list …")
        // left on the status line would read as if it were about the refused record.
        state.message = nil
        state.modal = .form(form)
    }

    /// The country a partly typed country field points to, if it is not a code already.
    static func countryCompletion(_ form: FormState) -> Country? {
        let field = form.fields[form.focus]
        guard field.key == "country", !field.field.text.isEmpty, Country.named(code: field.field.text) == nil else { return nil }
        return Country.completions(for: field.field.text).first
    }

    /// Records of the right kind matching the last term typed in a link field: the picker.
    static func linkCompletions(_ form: FormState, _ state: AppState) -> [SearchIndex.Hit] {
        let field = form.fields[form.focus]
        guard let kind = field.type.linkedKind else { return [] }
        let last = field.field.text.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let term = SearchQuery.terms(of: last).joined(separator: " ")
        guard !term.isEmpty, state.data.store.position(of: term)?.kind != kind else { return [] }
        let words = SearchQuery.terms(of: term).map(TextFolding.fold)
        let hits = state.data.index.search(SearchQuery(words: words), in: state.data.network, today: state.data.today)
        return Array(hits.filter { $0.kind == kind }.prefix(5))
    }

    /// The value a partly typed field of fixed values points to ("stu" → student-exchange,
    /// "deleg" → delegation-visit), from the field's list in the table.
    static func choiceCompletion(_ form: FormState) -> String? {
        let field = form.fields[form.focus]
        guard let allowed = field.type.allowedValues else { return nil }
        return Choice.completion(for: field.field.text, in: allowed)
    }

    /// Names the field in the message by its label and moves the cursor to it: the field whose
    /// key the path starts with (`agreements[0].end`, `country`).
    static func showError(path: String, _ message: String, in form: inout FormState) {
        let field = form.fields.filter { path == $0.key || path.hasPrefix($0.key + ".") || path.hasPrefix($0.key + "[") }
            .max { $0.key.count < $1.key.count }
        let label = path.isEmpty ? "" : Schema.label(forPath: path, in: form.kind) + ": "
        form.error = (field?.key ?? path, label + message)
        if let key = field?.key, let index = form.fields.firstIndex(where: { $0.key == key }) { form.focus = index }
    }

    /// A paste is text for the field being typed in, never commands. A one-line field takes
    /// its lines joined by spaces; notes keep them. Outside a text field it is refused with a word.
    static func paste(_ text: String, _ state: inout AppState) -> [Effect] {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let oneLine = normalised.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        switch state.modal {
        case .form(var form):
            let keepsLines = form.fields[form.focus].type == .notes
            form.fields[form.focus].field.insert(keepsLines ? normalised : oneLine)
            form.confirmingDiscard = false
            if form.error?.key == form.fields[form.focus].key { form.error = nil }
            state.modal = .form(form)
        case .search(var field):
            field.insert(oneLine)
            state.modal = .search(field)
            setFilter(field.text, &state)
        case .jump(var field, _, _):
            field.insert(oneLine)
            state.modal = .jump(field, completions: jumpCompletions(field.text, state), selected: 0)
        default:
            state.message = StatusMessage(text: "a paste goes into a text field: \(Keymap.keyName(for: .search)) filters, \(Keymap.keyName(for: .edit)) edits; nothing was done", kind: .info)
        }
        return []
    }
}
