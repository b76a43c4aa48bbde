import LiaisonCore
import TerminalUI

/// The `/` filter and the `:` jump prompt.
extension Reducer {
    // MARK: search

    static func startSearch(_ state: inout AppState) {
        if state.pane == .overview { show(.partners, &state) }
        var field = TextField()
        field.set(state.current.filter)
        state.current.focusOnLinks = false
        state.modal = .search(field)
    }

    static func applyInSearch(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .search(var field) = state.modal else { return [] }
        switch command {
        case .accept:
            state.modal = nil
            if state.current.filter.isEmpty { state.message = nil }
        case .cancel:
            state.modal = nil
            setFilter("", &state)
        default:
            guard field.apply(command) else { break }
            state.modal = .search(field)
            if field.text != state.current.filter { setFilter(field.text, &state) }
        }
        return []
    }

    /// Filters the current list as the user types; a malformed filter says what is wrong and
    /// leaves the list as it was.
    static func setFilter(_ text: String, _ state: inout AppState) {
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
        state.message = text.isEmpty ? nil : StatusMessage(text: Counted.text(count, "match", plural: "matches"), kind: count == 0 ? .warning : .info)
    }

    static func stepMatch(_ delta: Int, _ state: inout AppState) {
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

    static func applyInJump(_ command: Command, _ state: inout AppState) -> [Effect] {
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
            if text == "q" || text == "quit" {
                // vi's :q: as q does, asking first when there are unsaved changes.
                return apply(.quit, &state)
            }
            if state.data.store.position(of: text) != nil {
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
        default:
            let before = field.text
            guard field.apply(command), field.text != before else { break }
            completions = jumpCompletions(field.text, state)
            selected = 0
        }
        state.modal = .jump(field, completions: completions, selected: selected)
        return []
    }

    static let maximumCompletions = 8

    static func jumpCompletions(_ text: String, _ state: AppState) -> [SearchIndex.Hit] {
        let words = SearchQuery.terms(of: text).map(TextFolding.fold)
        guard !words.isEmpty else { return [] }
        var hits = state.data.index.search(SearchQuery(words: words), in: state.data.network, today: state.data.today)
        // An id typed exactly comes first.
        if let exact = hits.firstIndex(where: { $0.id == text }) { hits.insert(hits.remove(at: exact), at: 0) }
        return Array(hits.prefix(maximumCompletions))
    }

    static func jump(to id: String, _ state: inout AppState) {
        guard let location = state.data.store.position(of: id) else { return }
        go(to: Location(pane: Pane(kind: location.kind), recordId: id), &state)
    }
}
