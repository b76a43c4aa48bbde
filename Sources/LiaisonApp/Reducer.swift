import LiaisonCore
import TerminalUI

/// State + input → new state + effects (bubbletea's update). Pure: no terminal, no files.
public enum Reducer {
    public static func handle(_ event: InputEvent, _ state: inout AppState) -> [Effect] {
        switch event {
        case .resize:
            clampScroll(&state)
            return []
        case .paste(let text):
            return paste(text, &state)
        case .mouse(let mouse):
            return handleMouse(mouse, &state)
        case .key(let key):
            if Layout(state.size).isTooSmall {
                // Only quitting makes sense on the "too small" screen, and it drops nothing
                // unasked: the question waits for the window to grow.
                return Keymap.resolve(key, in: [.global]) == .quit ? interrupt(&state) : []
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
        // Keys of every mode, whatever is open.
        if command == .redraw { return [.redraw] }
        switch state.modal {
        case .conflicts: return applyInConflicts(command, &state)
        case .form: return applyInForm(command, &state)
        case .confirm: return applyInConfirm(command, &state)
        case .help: return applyInHelp(command, &state)
        case .search: return applyInSearch(command, &state)
        case .jump: return applyInJump(command, &state)
        case .iiaFilePrompt: return applyInIIAFilePrompt(command, &state)
        case .iiaComparison: return applyInIIAComparison(command, &state)
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
        case .undo: return [.undo]
        case .redo: return [.redo]
        case .save:
            guard refuseIfReadOnly(&state) == false else { return [] }
            return [.save(thenQuit: false)]
        case .help: state.modal = .help(scroll: 0)
        case .showPane(let pane) where pane == state.pane && state.current.focusOnLinks:
            // The pane's own digit from its detail: back to its list.
            return apply(.focusList, &state)
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
            state.current.selectedAgreement = nil
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
        case .compareIIA: startComparison(&state)
        case .cycleTheme:
            if let reason = state.themesFixedReason {
                state.message = StatusMessage(text: "one theme only: \(reason)", kind: .info)
                return []
            }
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.message = StatusMessage(text: "theme: \(state.theme.name)", kind: .info)
        case .toggleMouse:
            state.mouseEnabled.toggle()
            state.message = StatusMessage(text: state.mouseEnabled ? "mouse on (hold Shift to select text)" : "mouse off", kind: .info)
            return [.setMouse(state.mouseEnabled)]
        case .redraw, .closeOverlay, .accept, .cancel, .deleteBackward, .complete, .insert, .nextField, .previousField, .applyForm,
             .cursorLeft, .cursorRight, .lineStart, .lineEnd, .killToStart, .killToEnd, .deleteWord, .deleteForward, .answer,
             .keepMine, .keepTheirs, .resolve, .addRow, .removeRow:
            break
        }
        return []
    }

    /// Ctrl-C: quits as `q` does, but never drops work without asking: with unsaved changes it
    /// asks to save, discard or stay; in a form with changes it says how to leave it.
    public static func interrupt(_ state: inout AppState) -> [Effect] {
        if case .form(let form) = state.modal, form.isChanged {
            state.message = StatusMessage(text: "the form has changes: \(Keymap.keyName(for: .applyForm, in: .form)) applies them, \(Keymap.keyName(for: .cancel, in: .form)) leaves the form", kind: .warning)
            return []
        }
        if state.data.store.unsavedChanges > 0 {
            // Twice quits: the changes stay in the recovery journal, offered at the next start.
            if state.modal == .confirm(.quitWithUnsavedChanges) { return quit(&state) }
            state.modal = .confirm(.quitWithUnsavedChanges)
            return []
        }
        return quit(&state)
    }

    static func quit(_ state: inout AppState) -> [Effect] {
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

    static func remember(_ state: inout AppState) {
        let here = state.location
        if state.back.last != here { state.back.append(here) }
        state.forward.removeAll()
    }

    static func move(by delta: Int, _ state: inout AppState) {
        var pane = state.current
        if pane.focusOnLinks, let field = pane.selectedField, let lines = state.detailLineCount(ofField: field) {
            // A field longer than the detail is read line by line before the next one is selected.
            let line = pane.fieldLine + delta
            let rows = Layout(state.size).detailRows
            if lines >= rows - 1, (0..<lines).contains(line) {
                state.current.fieldLine = line
                return
            }
        }
        if pane.focusOnLinks {
            // The detail's editable fields, its agreements with an EWP IIA, then its links, as
            // one list to step through.
            let fields = state.selectedFieldKeys.count
            let agreements = state.selectedIIAAgreements
            let links = state.selectedLinks.count
            var position = pane.selectedField
                ?? pane.selectedAgreement.flatMap { agreements.firstIndex(of: $0) }.map { fields + $0 }
                ?? (fields + agreements.count + pane.selectedLink)
            position = max(0, min(fields + agreements.count + links - 1, position + delta))
            pane.selectedField = nil
            pane.selectedAgreement = nil
            if position < fields {
                pane.selectedField = position
            } else if position < fields + agreements.count {
                pane.selectedAgreement = agreements[position - fields]
            } else {
                pane.selectedLink = position - fields - agreements.count
            }
        } else {
            guard !pane.rows.isEmpty else { return }
            pane.selected = max(0, min(pane.rows.count - 1, pane.selected + delta))
            pane.selectedLink = 0
            pane.selectedField = nil
            pane.selectedAgreement = nil
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
            let visible = pane == .overview
                ? layout.overviewRows(endingSoon: paneState.rows.count, events: state.data.network.events.count).endingSoon
                : layout.listRows
            if paneState.selected < paneState.scroll { paneState.scroll = paneState.selected }
            if paneState.selected >= paneState.scroll + visible { paneState.scroll = paneState.selected - visible + 1 }
            paneState.scroll = max(0, min(paneState.scroll, max(0, paneState.rows.count - visible)))
            state.panes[pane] = paneState
        }
    }

    static func focusLinks(_ state: inout AppState) {
        if state.pane == .overview {
            // Enter on an agreement that ends soon opens its partner.
            let overview = state.panes[.overview]!
            guard overview.rows.indices.contains(overview.selected) else { return }
            let item = state.data.endingSoon.items[overview.rows[overview.selected]]
            go(to: Location(pane: .partners, recordId: item.partner(in: state.data.network).id), &state)
            return
        }
        // Into the detail: on its first link, or on its first field when it links to nothing.
        guard !state.selectedLinks.isEmpty || !state.selectedFieldKeys.isEmpty else { return }
        state.current.focusOnLinks = true
        state.current.selectedField = state.selectedLinks.isEmpty ? 0 : nil
        state.current.selectedAgreement = nil
        state.current.selectedLink = 0
    }

    static func followLink(_ state: inout AppState) {
        // Enter on an agreement with an EWP IIA compares it with the partner's copy.
        if state.current.selectedAgreement != nil {
            startComparison(&state)
            return
        }
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
        guard let location = state.data.store.position(of: target.id) else {
            state.message = StatusMessage(text: "\(target.id) does not exist", kind: .warning)
            return
        }
        // Remembered on the link, so that back returns to it; the pane left shows its list.
        remember(&state)
        state.current.focusOnLinks = false
        go(to: Location(pane: Pane(kind: location.kind), recordId: target.id), &state, recordHistory: false)
    }

    /// Opens a record in its pane, recording where the user was.
    static func go(to location: Location, _ state: inout AppState, recordHistory: Bool = true) {
        if recordHistory { remember(&state) }
        show(location.pane, &state, recordHistory: false)
        guard let id = location.recordId, let found = state.data.store.position(of: id) else { return }
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
            pane.selectedAgreement = nil
            pane.focusOnLinks = false
            state.current = pane
            if let detail = location.detail { restore(detail, &state) }
        }
        clampScroll(&state)
    }

    /// Back (or forward) to a place in a record's detail: the link, field or agreement selected
    /// there, as far as the record still has it.
    static func restore(_ detail: DetailSelection, _ state: inout AppState) {
        let (links, fields, agreements) = (state.selectedLinks.count, state.selectedFieldKeys.count, state.selectedIIAAgreements)
        var pane = state.current
        if let field = detail.field, field < fields {
            pane.selectedField = field
        } else if let agreement = detail.agreement, agreements.contains(agreement) {
            pane.selectedAgreement = agreement
        } else if links > 0 {
            pane.selectedLink = min(detail.link, links - 1)
        } else {
            return
        }
        pane.focusOnLinks = true
        state.current = pane
    }

    /// Back or forward: the place popped from one history, the place left pushed on the other.
    static func goBack(_ state: inout AppState) {
        step(from: \.back, to: \.forward, nothing: "nothing to go back to", &state)
    }

    static func goForward(_ state: inout AppState) {
        step(from: \.forward, to: \.back, nothing: "nothing to go forward to", &state)
    }

    static func step(from source: WritableKeyPath<AppState, [Location]>, to target: WritableKeyPath<AppState, [Location]>,
                             nothing: String, _ state: inout AppState) {
        guard let destination = state[keyPath: source].popLast() else {
            state.message = StatusMessage(text: nothing, kind: .info)
            return
        }
        state[keyPath: target].append(state.location)
        go(to: destination, &state, recordHistory: false)
    }

    static func cycleSort(_ state: inout AppState, reverse: Bool) {
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

}

extension AppState {
    /// How many lines the selected record's field takes in the detail, wrapped to its width.
    /// Only the fields are wrapped: the detail's links and history are not looked up on a key.
    func detailLineCount(ofField field: Int) -> Int? {
        guard let record = selectedRecord(in: pane) else { return nil }
        let editable = DetailView.wrappedFields(of: record, width: Layout(size).detailTextWidth).fields.filter { $0.field.key != nil }
        return editable.indices.contains(field) ? editable[field].lines.count : nil
    }

    /// The keys of the editable fields the detail of the selected record shows.
    public var selectedFieldKeys: [String] {
        guard let record = selectedRecord(in: pane) else { return [] }
        return RecordFields.of(record).compactMap(\.key)
    }

    /// The agreements of the selected partner that have an EWP IIA (their indices among its
    /// agreements): the detail lets each be selected, to compare it with the partner's copy.
    public var selectedIIAAgreements: [Int] {
        guard case .partner(let partner)? = selectedRecord(in: pane) else { return [] }
        return partner.agreements.indices.filter { partner.agreements[$0].iia != nil }
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
