import LiaisonCore
import TerminalUI

/// What the reducer makes of the outcomes of its effects.
extension Reducer {
    public static func receive(_ outcome: Outcome, _ state: inout AppState) -> [Effect] {
        switch outcome {
        case .edited(let result):
            formApplied(result, &state)
            return formLeft(&state)
        case .deleted(let result):
            if case .applied(let change, _) = result {
                state.networkChanged()
                let links = change.steps.count - 1
                state.message = StatusMessage(text: "deleted \(change.before?.displayName ?? "")" + (links > 0 ? " and \(Counted.text(links, "link")) to it" : "")
                                              + "; \(Keymap.keyName(for: .undo)) undoes it, \(Keymap.keyName(for: .save)) saves", kind: .info)
            } else {
                state.message = StatusMessage(text: "not deleted: \(describe(result))", kind: .error)
            }
        case .undone(let change), .redone(let change):
            let undo = if case .undone = outcome { true } else { false }
            guard let change else {
                state.message = StatusMessage(text: undo ? "nothing to undo" : "nothing to redo", kind: .info)
                return []
            }
            state.networkChanged(kind: change.steps.count == 1 ? change.kind : nil)
            state.message = StatusMessage(text: "\(undo ? "undid" : "redid"): \(change.summary)", kind: .info)
        case .saved(let result, let thenQuit):
            return saved(result, thenQuit: thenQuit, &state)
        case .compared(let result):
            compared(result, &state)
        case .reloaded(let result):
            switch result {
            case .reloaded(let kept):
                state.changedOnDisk = false
                state.networkChanged()
                state.message = StatusMessage(text: "reloaded" + (kept ? ", with your unsaved changes kept" : ""), kind: .info)
            case .conflicts(let conflicts):
                state.message = StatusMessage(text: "not reloaded: \(Counted.text(conflicts.count, "conflict")) with your unsaved changes; \(Keymap.keyName(for: .save)) saves and lets you decide each", kind: .error)
            case .failed(let reason):
                state.message = StatusMessage(text: "not reloaded: \(reason)", kind: .error)
            }
        case .recovered(let result):
            recovered(result, &state)
        case .changedByOthers:
            state.changedOnDisk = true
            state.message = StatusMessage(text: "someone saved \(state.data.document.name): \(Keymap.keyName(for: .reload)) reloads it, keeping your unsaved changes", kind: .warning)
        }
        return []
    }

    /// Recovered changes applied, or their conflicts to decide in the dialog a save's conflicts
    /// get. Each message fits the status line of an 80-column terminal (58 characters); what the
    /// rules refused is shown in full in a dialog, since its journal stays for the next start.
    private static func recovered(_ result: RecoveryOutcome, _ state: inout AppState) {
        if let merge = result.conflicts {
            state.modal = .conflicts(ConflictState(recovering: merge))
            let count = merge.conflicts.count
            state.message = StatusMessage(text: "\(count) recovered change\(count == 1 ? " clashes" : "s clash") with later saves: decide", kind: .warning)
            return
        }
        state.networkChanged()
        var said: [String] = []
        var kind = StatusMessage.Kind.info
        if !result.refused.isEmpty {
            // The dialog names each; the status line stays short enough for 80 columns.
            state.modal = .confirm(.recoveryRefused(result.refused))
            said.append("\(result.applied) applied, \(result.refused.count) refused by the rules: kept for next start")
            kind = .warning
        } else if result.applied > 0 {
            said.append("\(Counted.text(result.applied, "recovered change")) applied; \(Keymap.keyName(for: .save)) saves them")
        } else if result.draft == nil {
            said.append("nothing to apply: the file already has these values")
        }
        if result.refused.isEmpty, let draft = result.draft {
            // A form the ended session left open comes back open, with what was typed in it.
            let (text, warns) = reopen(draft, &state)
            said.insert(text, at: 0)
            if warns { kind = .warning }
        }
        if result.formsKept > 0 {
            said.append("\(Counted.text(result.formsKept, "more form")) left open kept for the next start")
        }
        state.message = StatusMessage(text: said.joined(separator: "; "), kind: kind)
    }

    private static func saved(_ result: SaveOutcome, thenQuit: Bool, _ state: inout AppState) -> [Effect] {
        switch result {
        case .saved(let merged):
            state.changedOnDisk = false
            state.networkChanged()
            state.message = StatusMessage(text: merged ? "saved, merged with changes others saved meanwhile; undo starts here" : "saved", kind: .info)
            // The file holds the change; only its line in the audit trail is missing.
            if let problem = state.data.document.historyProblem { state.message = StatusMessage(text: "saved; \(problem)", kind: .warning) }
            return thenQuit ? quit(&state) : []
        case .nothingToSave:
            state.message = StatusMessage(text: "nothing to save", kind: .info)
            return thenQuit ? quit(&state) : []
        case .conflicts(let found):
            state.modal = .conflicts(ConflictState(found, thenQuit: thenQuit))
            let count = found.conflicts.count
            state.message = StatusMessage(text: "\(Counted.text(count, "conflict")) with changes others saved: decide each", kind: .warning)
        case .failed(let reason):
            state.message = StatusMessage(text: "not saved: \(reason)", kind: .error)
        }
        return []
    }

    static func describe(_ result: EditOutcome) -> String {
        switch result {
        case .applied: "done"
        case .unchanged: "nothing changed"
        case .refused(let problems): problems.first?.description ?? "refused"
        case .lookalike(let match): "it \(match.problem): \(match)"
        case .readOnly(let reason): "read-only: \(reason)"
        }
    }
}
