import LiaisonCore
import TerminalUI

/// What the reducer asks the runtime to do; the reducer itself does no input or output.
public enum Effect: Equatable, Sendable {
    case quit
    case setMouse(Bool)
    /// Save the network; quit afterwards if asked and the save succeeded.
    case save(thenQuit: Bool)
    /// Load the file again and merge the unsaved changes into it.
    case reload
    /// Save the conflicts' merge with the choices made.
    case resolveConflicts
}

/// State + input → new state + effects (bubbletea's update). Pure: no terminal, no files.
public enum Reducer {
    public static func handle(_ event: InputEvent, _ state: inout AppState) -> [Effect] {
        switch event {
        case .resize:
            clampScroll(&state)
            return []
        case .mouse(let mouse):
            return handleMouse(mouse, &state)
        case .key(let key):
            if Layout(state.size).isTooSmall {
                // Only quitting makes sense on the "too small" screen.
                return Keymap.resolve(key, in: [.global]) == .quit ? quit(&state) : []
            }
            guard let command = Keymap.resolve(key, in: Keymap.contexts(for: state)) else { return [] }
            return apply(command, &state)
        }
    }

    public static func apply(_ command: Command, _ state: inout AppState) -> [Effect] {
        // Only moving through a list lets the detail lag; anything else sees it current.
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom: break
        default: state.settleDetail()
        }
        switch state.modal {
        case .conflicts: return applyInConflicts(command, &state)
        case .form: return applyInForm(command, &state)
        case .confirm: return applyInConfirm(command, &state)
        case .help: return applyInHelp(command, &state)
        case .search: return applyInSearch(command, &state)
        case .jump: return applyInJump(command, &state)
        case nil: break
        }
        switch command {
        case .quit:
            if state.data.store.unsavedChanges > 0 {
                state.modal = .confirm(.quitWithUnsavedChanges)
                return []
            }
            return quit(&state)
        case .edit: startEditing(&state, new: false)
        case .duplicate: startEditing(&state, new: true, copying: true)
        case .reload: return [.reload]
        case .add: startEditing(&state, new: true)
        case .delete: askToDelete(&state)
        case .undo, .redo:
            let change = command == .undo ? state.data.store.undo() : state.data.store.redo()
            guard let change else {
                state.message = StatusMessage(text: command == .undo ? "nothing to undo" : "nothing to redo", kind: .info)
                return []
            }
            state.networkChanged(kind: (change.after ?? change.before)?.kind)
            state.message = StatusMessage(text: "\(command == .undo ? "undid" : "redid"): \(change.summary)", kind: .info)
        case .save:
            guard refuseIfReadOnly(&state) == false else { return [] }
            return [.save(thenQuit: false)]
        case .help: state.modal = .help(scroll: 0)
        case .showPane(let pane): show(pane, &state)
        case .nextPane: show(Pane(rawValue: (state.pane.rawValue + 1) % Pane.allCases.count)!, &state)
        case .previousPane: show(Pane(rawValue: (state.pane.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!, &state)
        case .moveDown: move(by: 1, &state)
        case .moveUp: move(by: -1, &state)
        case .pageDown: move(by: Layout(state.size).listRows, &state)
        case .pageUp: move(by: -Layout(state.size).listRows, &state)
        case .top: move(by: -Int.max / 2, &state)
        case .bottom: move(by: Int.max / 2, &state)
        case .focusLinks: focusLinks(&state)
        case .focusList:
            state.current.focusOnLinks = false
            state.current.selectedField = nil
        case .open: followLink(&state)
        case .back: goBack(&state)
        case .forward: goForward(&state)
        case .cycleSort: cycleSort(&state, reverse: false)
        case .reverseSort: cycleSort(&state, reverse: true)
        case .search: startSearch(&state)
        case .nextMatch: stepMatch(1, &state)
        case .previousMatch: stepMatch(-1, &state)
        case .clearFilter:
            if !state.current.filter.isEmpty { setFilter("", &state) }
        case .jump: state.modal = .jump(TextField(), completions: [], selected: 0)
        case .cycleTheme:
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.message = StatusMessage(text: "theme: \(state.theme.name)", kind: .info)
        case .toggleMouse:
            state.mouseEnabled.toggle()
            state.message = StatusMessage(text: state.mouseEnabled ? "mouse on (hold Shift to select text)" : "mouse off", kind: .info)
            return [.setMouse(state.mouseEnabled)]
        case .closeOverlay, .accept, .cancel, .deleteBackward, .complete, .insert, .nextField, .previousField, .applyForm,
             .cursorLeft, .cursorRight, .lineStart, .lineEnd, .killToStart, .killToEnd, .deleteWord, .deleteForward, .answer,
             .keepMine, .keepTheirs, .resolve, .addRow, .removeRow:
            break
        }
        return []
    }

    private static func quit(_ state: inout AppState) -> [Effect] {
        state.shouldQuit = true
        return [.quit]
    }

    // MARK: panes and lists

    static func show(_ pane: Pane, _ state: inout AppState, recordHistory: Bool = true) {
        guard pane != state.pane else { return }
        if recordHistory { remember(&state) }
        state.pane = pane
        if pane == .partners, state.panes[.partners]!.rows.isEmpty, state.panes[.partners]!.filter.isEmpty {
            state.refreshRows(.partners)
        }
        if pane == .overview, state.panes[.overview]!.rows.isEmpty {
            state.panes[.overview]!.rows = Array(state.data.endingSoon.items.indices)
        }
    }

    private static func remember(_ state: inout AppState) {
        let here = state.location
        if state.back.last != here { state.back.append(here) }
        state.forward.removeAll()
    }

    private static func move(by delta: Int, _ state: inout AppState) {
        var pane = state.current
        if pane.focusOnLinks {
            // The detail's editable fields, then its links, as one list to step through.
            let fields = state.selectedFieldKeys.count
            let links = state.selectedLinks.count
            var position = pane.selectedField ?? (fields + pane.selectedLink)
            position = max(0, min(fields + links - 1, position + delta))
            if position < fields {
                pane.selectedField = position
            } else {
                pane.selectedField = nil
                pane.selectedLink = position - fields
            }
        } else {
            guard !pane.rows.isEmpty else { return }
            pane.selected = max(0, min(pane.rows.count - 1, pane.selected + delta))
            pane.selectedLink = 0
            pane.selectedField = nil
            if pane.selected != pane.detailRow { state.detailPending = true }
        }
        state.current = pane
        clampScroll(&state)
    }

    /// Keeps each pane's selection inside its visible rows.
    static func clampScroll(_ state: inout AppState) {
        let layout = Layout(state.size)
        for pane in Pane.allCases {
            var paneState = state.panes[pane]!
            let visible = pane == .overview ? layout.overviewEndingRows : layout.listRows
            if paneState.selected < paneState.scroll { paneState.scroll = paneState.selected }
            if paneState.selected >= paneState.scroll + visible { paneState.scroll = paneState.selected - visible + 1 }
            paneState.scroll = max(0, min(paneState.scroll, max(0, paneState.rows.count - visible)))
            state.panes[pane] = paneState
        }
    }

    private static func focusLinks(_ state: inout AppState) {
        if state.pane == .overview {
            // Enter on an agreement that ends soon opens its partner.
            let overview = state.panes[.overview]!
            guard overview.rows.indices.contains(overview.selected) else { return }
            let item = state.data.endingSoon.items[overview.rows[overview.selected]]
            go(to: Location(pane: .partners, recordId: item.partner.id), &state)
            return
        }
        // Into the detail: on its first link, or on its first field when it links to nothing.
        guard !state.selectedLinks.isEmpty || !state.selectedFieldKeys.isEmpty else { return }
        state.current.focusOnLinks = true
        state.current.selectedField = state.selectedLinks.isEmpty ? 0 : nil
        state.current.selectedLink = 0
    }

    private static func followLink(_ state: inout AppState) {
        // Enter on a field edits the record there.
        if let field = state.current.selectedField {
            let key = state.selectedFieldKeys[field]
            startEditing(&state, new: false)
            if case .form(var form) = state.modal, let index = form.fields.firstIndex(where: { $0.key == key }) {
                form.focus = index
                state.modal = .form(form)
            }
            return
        }
        let links = state.selectedLinks
        guard links.indices.contains(state.current.selectedLink) else { return }
        let target = links[state.current.selectedLink]
        guard let location = state.data.store.location(of: target.id) else {
            state.message = StatusMessage(text: "\(target.id) does not exist", kind: .warning)
            return
        }
        state.current.focusOnLinks = false
        go(to: Location(pane: Pane(kind: location.kind), recordId: target.id), &state)
    }

    /// Opens a record in its pane, recording where the user was.
    static func go(to location: Location, _ state: inout AppState, recordHistory: Bool = true) {
        if recordHistory { remember(&state) }
        show(location.pane, &state, recordHistory: false)
        guard let id = location.recordId, let found = state.data.store.location(of: id) else { return }
        var pane = state.current
        if !pane.rows.contains(found.position), !pane.filter.isEmpty {
            // The record is filtered out: show it rather than nothing.
            state.current.filter = ""
            state.refreshRows(location.pane)
            pane = state.current
            state.message = StatusMessage(text: "filter cleared to show \(id)", kind: .info)
        }
        if let row = pane.rows.firstIndex(of: found.position) {
            pane.selected = row
            pane.detailRow = row
            pane.selectedLink = 0
            pane.selectedField = nil
            pane.focusOnLinks = false
            state.current = pane
        }
        clampScroll(&state)
    }

    /// Back or forward: the place popped from one history, the place left pushed on the other.
    private static func goBack(_ state: inout AppState) {
        step(from: \.back, to: \.forward, nothing: "nothing to go back to", &state)
    }

    private static func goForward(_ state: inout AppState) {
        step(from: \.forward, to: \.back, nothing: "nothing to go forward to", &state)
    }

    private static func step(from source: WritableKeyPath<AppState, [Location]>, to target: WritableKeyPath<AppState, [Location]>,
                             nothing: String, _ state: inout AppState) {
        guard let destination = state[keyPath: source].popLast() else {
            state.message = StatusMessage(text: nothing, kind: .info)
            return
        }
        state[keyPath: target].append(state.location)
        go(to: destination, &state, recordHistory: false)
    }

    private static func cycleSort(_ state: inout AppState, reverse: Bool) {
        guard state.pane == .partners else {
            state.message = StatusMessage(text: "sorting is for the partners table", kind: .info)
            return
        }
        if reverse {
            state.sortAscending.toggle()
        } else {
            let all = Store.PartnerSort.allCases
            state.partnerSort = all[(all.firstIndex(of: state.partnerSort)! + 1) % all.count]
            state.sortAscending = true
        }
        state.refreshRows(.partners)
        clampScroll(&state)
        state.message = StatusMessage(text: "sorted by \(state.partnerSort.label) \(state.sortAscending ? "↑" : "↓")", kind: .info)
    }

    // MARK: search

    private static func startSearch(_ state: inout AppState) {
        if state.pane == .overview { show(.partners, &state) }
        var field = TextField()
        field.set(state.current.filter)
        state.current.focusOnLinks = false
        state.modal = .search(field)
    }

    private static func applyInSearch(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .search(var field) = state.modal else { return [] }
        switch command {
        case .accept:
            state.modal = nil
            if state.current.filter.isEmpty { state.message = nil }
        case .cancel:
            state.modal = nil
            setFilter("", &state)
        case .deleteBackward:
            field.deleteBackward()
            state.modal = .search(field)
            setFilter(field.text, &state)
        case .insert(let character):
            field.insert(character)
            state.modal = .search(field)
            setFilter(field.text, &state)
        default:
            break
        }
        return []
    }

    /// Filters the current list as the user types; a malformed filter says what is wrong and
    /// leaves the list as it was.
    private static func setFilter(_ text: String, _ state: inout AppState) {
        do {
            _ = try SearchQuery(parsing: text, today: state.data.today)
        } catch {
            state.message = StatusMessage(text: error.description, kind: .error)
            return
        }
        state.current.filter = text
        state.refreshRows(state.pane)
        clampScroll(&state)
        let count = state.current.rows.count
        state.message = text.isEmpty ? nil : StatusMessage(text: "\(count) match\(count == 1 ? "" : "es")", kind: count == 0 ? .warning : .info)
    }

    private static func stepMatch(_ delta: Int, _ state: inout AppState) {
        guard !state.current.filter.isEmpty else {
            state.message = StatusMessage(text: "no filter: / starts one", kind: .info)
            return
        }
        let count = state.current.rows.count
        guard count > 0 else { return }
        state.current.selected = (state.current.selected + delta + count) % count
        state.current.detailRow = state.current.selected
        state.current.selectedLink = 0
        clampScroll(&state)
    }

    // MARK: jump

    private static func applyInJump(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .jump(var field, var completions, var selected) = state.modal else { return [] }
        switch command {
        case .cancel:
            state.modal = nil
            return []
        case .accept:
            state.modal = nil
            let text = SearchQuery.terms(of: field.text).joined(separator: " ")
            if text == "w" || text == "wq" {
                // vi's :w and :wq.
                guard refuseIfReadOnly(&state) == false else { return [] }
                return [.save(thenQuit: text == "wq")]
            }
            if state.data.store.location(of: text) != nil {
                jump(to: text, &state)
            } else if completions.indices.contains(selected) {
                jump(to: completions[selected].id, &state)
            } else if !text.isEmpty {
                state.message = StatusMessage(text: "no record has the id or name \"\(text)\"", kind: .warning)
            }
            return []
        case .complete:
            if completions.indices.contains(selected) { field.set(completions[selected].id) }
        case .moveDown:
            selected = min(selected + 1, max(0, completions.count - 1))
        case .moveUp:
            selected = max(0, selected - 1)
        case .deleteBackward:
            field.deleteBackward()
            completions = jumpCompletions(field.text, state)
            selected = 0
        case .insert(let character):
            field.insert(character)
            completions = jumpCompletions(field.text, state)
            selected = 0
        default:
            break
        }
        state.modal = .jump(field, completions: completions, selected: selected)
        return []
    }

    static let maximumCompletions = 8

    private static func jumpCompletions(_ text: String, _ state: AppState) -> [SearchIndex.Hit] {
        let words = SearchQuery.terms(of: text).map(TextFolding.fold)
        guard !words.isEmpty else { return [] }
        var hits = state.data.index.search(SearchQuery(words: words), in: state.data.network, today: state.data.today)
        // An id typed exactly comes first.
        if let exact = hits.firstIndex(where: { $0.id == text }) { hits.insert(hits.remove(at: exact), at: 0) }
        return Array(hits.prefix(maximumCompletions))
    }

    private static func jump(to id: String, _ state: inout AppState) {
        guard let location = state.data.store.location(of: id) else { return }
        go(to: Location(pane: Pane(kind: location.kind), recordId: id), &state)
    }

    // MARK: editing

    /// Says why nothing can be changed, if the file is read-only.
    private static func refuseIfReadOnly(_ state: inout AppState) -> Bool {
        guard let reason = state.data.readOnlyReason else { return false }
        state.message = StatusMessage(text: "read-only: \(reason)", kind: .warning)
        return true
    }

    private static func startEditing(_ state: inout AppState, new: Bool, copying: Bool = false) {
        guard !refuseIfReadOnly(&state) else { return }
        // New records are of the pane's kind (partners from the overview).
        let kind = state.pane.kind ?? .partner
        var record: Record
        if copying || !new {
            guard state.pane != .overview, let selected = state.selectedRecord(in: state.pane) else {
                state.message = StatusMessage(text: "select a record first", kind: .info)
                return
            }
            record = copying ? copy(of: selected) : selected
        } else {
            record = blank(kind)
        }
        let fields = FieldAssignment.texts(of: record).map { entry in
            var field = TextField()
            field.set(entry.text)
            return FormState.Field(key: entry.key, field: field, required: entry.required, original: new ? "" : entry.text)
        }
        var form = FormState(kind: record.kind, recordId: new ? nil : record.id, fields: fields)
        if case .partner(let partner) = record {
            for (index, row) in AgreementRows.rows(of: partner).enumerated() {
                form.fields += FormState.agreementFields(row: index, values: row.values, original: !new)
                form.agreementIds.append(new ? nil : row.id)
            }
        }
        state.modal = .form(form)
    }

    private static func applyInForm(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .form(var form) = state.modal else { return [] }
        func editField(_ change: (inout TextField) -> Void) {
            change(&form.fields[form.focus].field)
            form.confirmingDiscard = false
        }
        switch command {
        case .nextField:
            // In the country field, Tab first takes the completion ("jap" → JP); in an
            // agreement's kind, the kind that starts so.
            if let completion = countryCompletion(form), form.fields[form.focus].field.text != completion.code {
                form.fields[form.focus].field.set(completion.code)
                form.confirmingDiscard = false
                break
            }
            if let kind = kindCompletion(form) {
                form.fields[form.focus].field.set(kind)
                form.confirmingDiscard = false
                break
            }
            if let hit = linkCompletions(form, state).first {
                // Replace the term being typed with the record's id, ready for the next one.
                var terms = form.fields[form.focus].field.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                terms[terms.count - 1] = (terms.count > 1 ? " " : "") + hit.id
                form.fields[form.focus].field.set(terms.joined(separator: ",") + ", ")
                form.confirmingDiscard = false
                break
            }
            form.focus = (form.focus + 1) % form.fields.count
        case .previousField: form.focus = (form.focus + form.fields.count - 1) % form.fields.count
        case .insert(let character): editField { $0.insert(character) }
        case .deleteBackward: editField { $0.deleteBackward() }
        case .deleteForward: editField { $0.deleteForward() }
        case .cursorLeft: editField { $0.moveLeft() }
        case .cursorRight: editField { $0.moveRight() }
        case .lineStart: editField { $0.moveHome() }
        case .lineEnd: editField { $0.moveEnd() }
        case .killToStart: editField { $0.killToStart() }
        case .killToEnd: editField { $0.killToEnd() }
        case .deleteWord: editField { $0.deleteWordBackward() }
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
                state.message = StatusMessage(text: "the form has changes: Esc again drops them, Ctrl-S applies them", kind: .warning)
            } else {
                state.modal = nil
                return []
            }
        case .applyForm:
            if applyForm(&form, &state) { return [] }
        default:
            break
        }
        state.modal = .form(form)
        return []
    }

    /// A new record of a kind, with the defaults a form starts from.
    static func blank(_ kind: RecordKind) -> Record {
        switch kind {
        case .partner:
            var partner = Partner()
            partner.partnershipType = "exchange"
            partner.status = "planned"
            return .partner(partner)
        case .objective: return .objective(Objective())
        case .event: return .event(Event())
        case .contact: return .contact(Contact())
        }
    }

    /// A record to duplicate: the same values under "(copy)", made new when applied.
    static func copy(of record: Record) -> Record {
        switch record {
        case .partner(var partner):
            partner.name += " (copy)"
            partner.updatedAt = nil
            partner.updatedBy = nil
            return .partner(partner)
        case .objective(var objective):
            objective.title += " (copy)"
            return .objective(objective)
        case .event(var event):
            event.title += " (copy)"
            return .event(event)
        case .contact(var contact):
            contact.name += " (copy)"
            return .contact(contact)
        }
    }

    /// The record with a new id made from its name or title.
    static func withNewId(_ record: Record, store: Store) -> Record {
        let id = ChangeStamp.newId(from: record.displayName) { store.location(of: $0) != nil }
        switch record {
        case .partner(var value): value.id = id; return .partner(value)
        case .objective(var value): value.id = id; return .objective(value)
        case .event(var value): value.id = id; return .event(value)
        case .contact(var value): value.id = id; return .contact(value)
        }
    }

    /// Checks and applies a form through the store; on a broken rule the form stays open with
    /// the field and the rule named. Returns whether it was applied.
    private static func applyForm(_ form: inout FormState, _ state: inout AppState) -> Bool {
        let store = state.data.store
        var record: Record
        if let id = form.recordId, let existing = store.record(id: id) {
            record = existing
        } else {
            record = blank(form.kind)
        }
        let assignments = form.fields.filter { FormState.row(of: $0.key) == nil }.map { (key: $0.key, value: $0.field.text) }
        do {
            record = try FieldAssignment.apply(assignments, to: record)
            if form.recordId == nil { record = withNewId(record, store: store) }
            if case .partner(let partner) = record {
                let rows = form.agreementIds.enumerated().map { index, id in
                    AgreementRows.Row(id: id, values: Dictionary(uniqueKeysWithValues: form.fields.compactMap { field -> (String, String)? in
                        let prefix = "agreements[\(index)]."
                        return field.key.hasPrefix(prefix) ? (String(field.key.dropFirst(prefix.count)), field.field.text) : nil
                    }))
                }
                var taken = Set(store.partners.flatMap { $0.agreements.map(\.id) })
                record = .partner(try AgreementRows.apply(rows, to: partner) { kind in
                    let id = ChangeStamp.newId(from: "\(partner.id) \(kind)") { taken.contains($0) || store.location(of: $0) != nil }
                    taken.insert(id)
                    return id
                })
            }
        } catch {
            showError(error.description, in: &form)
            return false
        }
        // A form holds to the stricter rules: a website and an e-mail address must be valid
        // here, though a loaded file with a doubtful one only warns.
        if let doubtful = Validation.check(record).first(where: { ["website", "email"].contains($0.path) }) {
            showError(doubtful.description, in: &form)
            return false
        }
        do {
            try store.apply(.put(record))
        } catch {
            if case .invalid(let diagnostics) = error, let first = diagnostics.first {
                showError(first.description, in: &form)
            } else {
                showError(error.description, in: &form)
            }
            return false
        }
        state.modal = nil
        state.networkChanged(kind: record.kind)
        go(to: Location(pane: Pane(kind: record.kind), recordId: record.id), &state, recordHistory: false)
        state.message = StatusMessage(text: "\(form.recordId == nil ? "added" : "changed") \(record.displayName); Ctrl-S saves", kind: .info)
        return true
    }

    private static func applyInConflicts(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .conflicts(var conflicts) = state.modal else { return [] }
        let count = conflicts.keepMine.count
        switch command {
        case .keepMine, .keepTheirs:
            conflicts.keepMine[conflicts.selected] = command == .keepMine
            conflicts.selected = min(count - 1, conflicts.selected + 1)
        case .moveDown: conflicts.selected = min(count - 1, conflicts.selected + 1)
        case .moveUp: conflicts.selected = max(0, conflicts.selected - 1)
        case .cancel:
            state.modal = nil
            state.message = StatusMessage(text: "not saved: the conflicts are undecided; your changes stay unsaved", kind: .warning)
            return []
        case .resolve:
            guard !conflicts.keepMine.contains(nil) else {
                state.message = StatusMessage(text: "decide every conflict first: m keeps yours, t keeps the file's", kind: .warning)
                break
            }
            return [.resolveConflicts]
        default:
            break
        }
        state.modal = .conflicts(conflicts)
        return []
    }

    /// The country a partly typed country field points to, if it is not a code already.
    static func countryCompletion(_ form: FormState) -> Country? {
        let field = form.fields[form.focus]
        guard field.key == "country", !field.field.text.isEmpty, Country.named(code: field.field.text) == nil else { return nil }
        return Country.completions(for: field.field.text).first
    }

    /// The kind of record a link field names.
    static func linkKind(_ key: String) -> RecordKind? {
        switch key {
        case "contactIds": .contact
        case "objectiveIds": .objective
        case "partnerIds", "partnerId": .partner
        default: nil
        }
    }

    /// Records of the right kind matching the last term typed in a link field: the picker.
    static func linkCompletions(_ form: FormState, _ state: AppState) -> [SearchIndex.Hit] {
        let field = form.fields[form.focus]
        guard let kind = linkKind(field.key) else { return [] }
        let last = field.field.text.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let term = SearchQuery.terms(of: last).joined(separator: " ")
        guard !term.isEmpty, state.data.store.location(of: term)?.kind != kind else { return [] }
        let words = SearchQuery.terms(of: term).map(TextFolding.fold)
        let hits = state.data.index.search(SearchQuery(words: words), in: state.data.network, today: state.data.today)
        return Array(hits.filter { $0.kind == kind }.prefix(5))
    }

    /// The agreement kind a partly typed kind field points to ("stu" → student-exchange).
    static func kindCompletion(_ form: FormState) -> String? {
        let field = form.fields[form.focus]
        guard field.key.hasSuffix(".kind"), !field.field.text.isEmpty, !Agreement.kinds.contains(field.field.text) else { return nil }
        return Agreement.kinds.first { $0.hasPrefix(field.field.text.lowercased()) }
    }

    /// Names the field in the message and moves the cursor to it: the field whose key the
    /// message's path starts with (`agreements[0].end: …`, `country: …`).
    private static func showError(_ message: String, in form: inout FormState) {
        let path = message.components(separatedBy: ": ").first ?? ""
        let field = form.fields.filter { path == $0.key || path.hasPrefix($0.key + ".") || path.hasPrefix($0.key + "[") }
            .max { $0.key.count < $1.key.count }
        form.error = (field?.key ?? path, message)
        if let key = field?.key, let index = form.fields.firstIndex(where: { $0.key == key }) { form.focus = index }
    }

    private static func askToDelete(_ state: inout AppState) {
        guard !refuseIfReadOnly(&state) else { return }
        guard state.pane != .overview, let record = state.selectedRecord(in: state.pane) else { return }
        let links = state.data.linkedRecords(of: record).groups.map { "\($0.items.count) \($0.title.lowercased())" }
        state.modal = .confirm(.delete(id: record.id, name: record.displayName, links: links))
    }

    private static func applyInConfirm(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .confirm(let question) = state.modal else { return [] }
        switch (question, command) {
        case (.delete(let id, let name, _), .answer("y")):
            state.modal = nil
            do {
                let change = try state.data.store.apply(.delete(id: id))
                state.networkChanged(kind: change.before?.kind)
                state.message = StatusMessage(text: "deleted \(name); u undoes it, Ctrl-S saves", kind: .info)
            } catch {
                state.message = StatusMessage(text: error.description, kind: .error)
            }
        case (.quitWithUnsavedChanges, .answer("s")):
            state.modal = nil
            return [.save(thenQuit: true)]
        case (.quitWithUnsavedChanges, .answer("d")):
            state.modal = nil
            state.data.journal?.remove()
            return quit(&state)
        case (.recover(let entries), .answer("a")):
            state.modal = nil
            recover(entries, &state)
        case (.recover, .answer("x")), (.recover, .cancel):
            state.modal = nil
            state.data.journal?.remove()
            state.message = StatusMessage(text: "recovered changes dropped", kind: .info)
        case (_, .cancel):
            state.modal = nil
        default:
            break
        }
        return []
    }

    /// Replays recovered changes through the store (and so into a fresh journal), each merged
    /// three ways with the record as it was when that session started: what others saved since
    /// is kept. A change that conflicts with theirs is not applied; its journal is set aside
    /// under another name rather than lost.
    private static func recover(_ entries: [Journal.Entry], _ state: inout AppState) {
        let store = state.data.store
        var refused: [String] = []
        var changes: [Store.Edit] = []
        // The last entry for a record is its recovered state; earlier ones are steps on the way.
        var latest: [String: Journal.Entry] = [:]
        var order: [String] = []
        for entry in entries {
            let id: String = switch entry.operation {
            case .put(let record): record.id
            case .delete(let id): id
            }
            if latest[id] == nil { order.append(id) }
            let first = latest[id]
            latest[id] = Journal.Entry(operation: entry.operation, base: first?.base ?? entry.base)
        }
        for id in order {
            let entry = latest[id]!
            let mine: Record? = if case .put(let record) = entry.operation { record } else { nil }
            let current = store.record(id: id)
            let merged = Merge.merge(base: entry.base, mine: mine, theirs: current)
            if !merged.conflicts.isEmpty {
                refused.append("\(entry.summary): \(merged.conflicts[0])")
                continue
            }
            if let record = merged.record {
                if record != current { changes.append(.put(record)) }
            } else if current != nil {
                changes.append(.delete(id: id))
            }
        }
        let kept = refused.isEmpty ? nil : state.data.journal?.setAside()
        if refused.isEmpty { state.data.journal?.remove() }
        for change in changes {
            do {
                try store.apply(change, summary: "recovered change")
            } catch {
                refused.append("\(error)")
            }
        }
        state.networkChanged()
        let applied = changes.count
        if refused.isEmpty {
            state.message = StatusMessage(text: "\(applied) recovered change\(applied == 1 ? "" : "s") applied; Ctrl-S saves them", kind: .info)
        } else {
            state.message = StatusMessage(text: "\(applied) applied; \(refused.count) conflict with changes saved since (kept in \(kept ?? "the journal")): \(refused[0])", kind: .warning)
        }
    }

    // MARK: help and mouse

    private static func applyInHelp(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .help(let scroll) = state.modal else { return [] }
        switch command {
        case .closeOverlay: state.modal = nil
        case .moveDown: state.modal = .help(scroll: scroll + 1)
        case .moveUp: state.modal = .help(scroll: max(0, scroll - 1))
        default: break
        }
        return []
    }

    private static func handleMouse(_ mouse: MouseEvent, _ state: inout AppState) -> [Effect] {
        guard state.modal == nil, !Layout(state.size).isTooSmall else { return [] }
        let layout = Layout(state.size)
        switch mouse.kind {
        case .wheelUp: move(by: -3, &state)
        case .wheelDown: move(by: 3, &state)
        case .press:
            if mouse.y == layout.tabBar.y {
                if let pane = TabBarView.pane(atColumn: mouse.x) { show(pane, &state) }
                return []
            }
            guard state.pane != .overview else { return [] }
            let list = layout.listAndDetail.list
            let row = mouse.y - list.y - 1
            if mouse.x >= list.x, mouse.x < list.maxX, row >= 0, row < layout.listRows {
                let index = state.current.scroll + row
                if index < state.current.rows.count {
                    state.current.selected = index
                    state.current.detailRow = index
                    state.current.focusOnLinks = false
                    state.current.selectedLink = 0
                }
            }
        }
        return []
    }
}

extension AppState {
    /// The keys of the editable fields the detail of the selected record shows.
    public var selectedFieldKeys: [String] {
        guard let record = selectedRecord(in: pane) else { return [] }
        return RecordFields.of(record).compactMap(\.key)
    }

    /// The links of the record selected in the current pane.
    public var selectedLinks: [LinkedRecords.Item] {
        guard let record = selectedRecord(in: pane) else { return [] }
        return data.linkedRecords(of: record).allItems
    }
}

extension Store.PartnerSort {
    var label: String {
        switch self {
        case .name: "name"
        case .country: "country"
        case .type: "type"
        case .status: "status"
        case .nextEnd: "next agreement end"
        }
    }
}
