import LiaisonCore
import TerminalUI

/// Questions answered with one key, save conflicts decided one by one, help and the mouse.
extension Reducer {
    static func applyInConflicts(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .conflicts(var conflicts) = state.modal else { return [] }
        let count = conflicts.keepMine.count
        switch command {
        case .keepMine, .keepTheirs:
            conflicts.keepMine[conflicts.selected] = command == .keepMine
            conflicts.selected = min(count - 1, conflicts.selected + 1)
        case .moveDown, .moveUp:
            let delta = command == .moveDown ? 1 : -1
            let hidden = ConflictView.hiddenLines(of: conflicts, state: state, layout: Layout(state.size))
            let scrolled = conflicts.lineScroll + delta * ConflictView.scrollStep
            if hidden > 0, delta > 0 ? conflicts.lineScroll < hidden : conflicts.lineScroll > 0 {
                conflicts.lineScroll = max(0, min(hidden, scrolled))
            } else {
                conflicts.selected = max(0, min(count - 1, conflicts.selected + delta))
            }
        case .cancel:
            switch conflicts.source {
            case .save:
                state.modal = nil
                state.message = StatusMessage(text: "not saved: the conflicts are undecided; your changes stay unsaved", kind: .warning)
            case .recovery(let recovered):
                // Nothing was applied and the journals stay: the question comes back.
                state.modal = .confirm(.recover(recovered.offer, scroll: 0))
                state.message = StatusMessage(text: "nothing recovered yet: a asks again, x drops it all", kind: .warning)
            }
            return []
        case .resolve:
            guard !conflicts.keepMine.contains(nil) else {
                state.message = StatusMessage(text: "decide every conflict first: m or t on each", kind: .warning)
                break
            }
            state.modal = nil
            let keepMine = conflicts.keepMine.map { $0 ?? false }
            return switch conflicts.source {
            case .save(let found, let thenQuit): [.saveResolved(found, keepMine: keepMine, thenQuit: thenQuit)]
            case .recovery(let recovered): [.recoverResolved(recovered, keepMine: keepMine)]
            }
        default:
            break
        }
        state.modal = .conflicts(conflicts)
        return []
    }

    static func askToDelete(_ state: inout AppState) {
        guard !refuseIfReadOnly(&state) else { return }
        guard state.pane != .overview, let record = state.selectedRecord(in: state.pane),
              let deletion = state.data.document.deletion(of: record.id) else { return }
        state.modal = .confirm(.delete(id: record.id, name: record.displayName, links: deletion.linkDescriptions))
    }

    /// At the start: changes from ended sessions are asked about; journal files that were found
    /// but not trusted (and nothing else) are only told, on the status line.
    public static func offerRecovery(_ offer: RecoveryOffer, _ state: inout AppState) {
        if !offer.journals.isEmpty {
            state.modal = .confirm(.recover(offer, scroll: 0))
        } else if let first = offer.notOffered.first {
            let more = offer.notOffered.count - 1
            state.message = StatusMessage(text: first + (more > 0 ? " (and \(more) more)" : ""), kind: .warning)
        }
    }

    static func applyInConfirm(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .confirm(let question) = state.modal else { return [] }
        switch (question, command) {
        case (.delete(let id, _, _), .answer("y")):
            state.modal = nil
            return [.delete(id: id)]
        case (.quitWithUnsavedChanges, .answer("s")):
            state.modal = nil
            return [.save(thenQuit: true)]
        case (.quitWithUnsavedChanges, .answer("d")):
            state.modal = nil
            return [.discardUnsaved] + quit(&state)
        case (.recover(let offer, _), .answer("a")):
            state.modal = nil
            return [.recover(offer)]
        case (.recover(let offer, let scroll), .moveDown):
            state.modal = .confirm(.recover(offer, scroll: min(scroll + 1, max(0, offer.lines.count - 1))))
        case (.recover(let offer, let scroll), .moveUp):
            state.modal = .confirm(.recover(offer, scroll: max(0, scroll - 1)))
        case (.recover, .answer("x")):
            state.modal = nil
            state.message = StatusMessage(text: "recovered changes dropped", kind: .info)
            return [.discardRecovery]
        case (.recover, .cancel):
            // Only x drops them: n and Esc put the question off, and nothing is lost.
            state.modal = nil
            state.message = StatusMessage(text: "not recovered now: the next start offers them again", kind: .info)
            return [.postponeRecovery]
        case (_, .cancel):
            state.modal = nil
        default:
            break
        }
        return []
    }

    // MARK: help and mouse

    static func applyInHelp(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .help(let scroll) = state.modal else { return [] }
        switch command {
        case .closeOverlay: state.modal = nil
        case .moveDown:
            // No further than the last line shows, so k starts back at once.
            let box = Layout(state.size).content
            let last = max(0, HelpView.lines(for: state, width: box.width - 4).count - (box.height - 2))
            state.modal = .help(scroll: min(last, scroll + 1))
        case .moveUp: state.modal = .help(scroll: max(0, scroll - 1))
        default: break
        }
        return []
    }

    static func handleMouse(_ mouse: MouseEvent, _ state: inout AppState) -> [Effect] {
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
