import LiaisonCore
import TerminalUI

/// The main loop: read input, let the reducer update the state, perform the effects it asks for
/// on the document and feed their outcomes back, draw. All terminal work goes through the
/// `Terminal` protocol, so tests drive whole sessions on a `MemoryTerminal`.
public enum Dashboard {
    /// Runs until the user quits or `stopRequested` says so (a signal, or a test's end of input).
    /// `interrupted` says Ctrl-C came: it quits as `q` does, asking first if anything would be lost.
    /// `suspendRequested` says Ctrl-Z came: the terminal goes back to the shell until `fg`.
    public static func run(_ state: inout AppState, on terminal: Terminal, stopRequested: () -> Bool,
                           interrupted: () -> Bool = { false }, suspendRequested: () -> Bool = { false }) {
        terminal.setMouse(state.mouseEnabled)
        state.size = terminal.size
        Reducer.clampScroll(&state)
        terminal.present(Screen.render(state))
        while !state.shouldQuit && !stopRequested() {
            if suspendRequested() {
                terminal.suspend()
                // The window may have changed size while the shell had it.
                state.size = terminal.size
                Reducer.clampScroll(&state)
                terminal.present(Screen.render(state))
            }
            if interrupted() {
                // The signal overtakes keys typed before Ctrl-C that are still waiting to be
                // read: they come first, so what was typed is in the state Ctrl-C asks about.
                while !state.shouldQuit, let event = terminal.nextEvent(timeout: 0) {
                    handle(event, &state, on: terminal)
                }
                if state.shouldQuit { break }
                perform(Reducer.interrupt(&state), &state, on: terminal)
                if state.shouldQuit { break }
                terminal.present(Screen.render(state))
            }
            guard let event = terminal.nextEvent(timeout: state.detailPending ? detailDelay : 100) else {
                // Typing paused: what an open form holds goes to the journal, if it changed.
                perform(Reducer.idle(&state), &state, on: terminal)
                if state.detailPending {
                    state.settleDetail()
                    terminal.present(Screen.render(state))
                } else if !state.prepareInBackground() && noticeChangeByOthers(&state) {
                    terminal.present(Screen.render(state))
                }
                continue
            }
            handle(event, &state, on: terminal)
            if state.shouldQuit { break }
            terminal.present(Screen.render(state))
        }
        if state.detailPending && !state.shouldQuit {
            state.settleDetail()
            terminal.present(Screen.render(state))
        }
        // Stopped by a signal (SIGHUP from a dropped connection, SIGTERM): a form left open
        // keeps what was typed since the last pause.
        perform(Reducer.idle(&state), &state, on: terminal)
    }

    /// One input event: the reducer's answer and the effects it asks for.
    private static func handle(_ event: InputEvent, _ state: inout AppState, on terminal: Terminal) {
        if event == .resize { state.size = terminal.size }
        // A message lasts until the next key, unless the key brings a new one.
        if case .key = event, !isTyping(state) { state.message = nil }
        perform(Reducer.handle(event, &state), &state, on: terminal)
    }

    /// How long the keys must pause before the detail follows the selection (milliseconds).
    public static let detailDelay = 120

    /// Performs effects in order; each outcome goes back to the reducer, which may ask for more.
    public static func perform(_ effects: [Effect], _ state: inout AppState, on terminal: Terminal? = nil) {
        var queue = effects[...]
        while let effect = queue.popFirst() {
            switch effect {
            case .quit: state.shouldQuit = true
            case .setMouse(let enabled): terminal?.setMouse(enabled)
            case .redraw: terminal?.invalidate()
            case .discardRecovery: state.data.document.discardRecovery()
            case .postponeRecovery: state.data.document.postponeRecovery()
            case .discardUnsaved: state.data.document.discardUnsaved()
            case .keepDraft(let draft): state.data.document.keepDraft(draft)
            case .dropDraft: state.data.document.dropDraft()
            default:
                if let outcome = outcome(of: effect, on: state.data.document) {
                    queue.append(contentsOf: Reducer.receive(outcome, &state))
                }
            }
        }
    }

    /// What the document says when asked to do an effect.
    static func outcome(of effect: Effect, on document: Document) -> Outcome? {
        switch effect {
        case .quit, .setMouse, .redraw, .discardRecovery, .postponeRecovery, .discardUnsaved, .keepDraft, .dropDraft: nil
        case .put(let record, let allowLookalike): .edited(document.put(record, allowLookalike: allowLookalike))
        case .delete(let id): .deleted(document.delete(id: id))
        case .undo: .undone(document.undo())
        case .redo: .redone(document.redo())
        case .save(let thenQuit): .saved(document.save(), thenQuit: thenQuit)
        case .saveResolved(let conflicts, let keepMine, let thenQuit):
            .saved(document.save(resolving: conflicts, keepMine: keepMine), thenQuit: thenQuit)
        case .reload: .reloaded(document.reload())
        case .recover(let offer): .recovered(document.recover(offer))
        case .recoverResolved(let merge, let keepMine): .recovered(document.recover(resolving: merge, keepMine: keepMine))
        case .compareIIA(let target, let path): .compared(IIAComparisonReport.make(target, path: path, network: document.store.network))
        }
    }

    /// Whether someone else saved since the document was loaded or saved (asked when idle, at
    /// most every two seconds). Returns true when that became known just now.
    private static func noticeChangeByOthers(_ state: inout AppState) -> Bool {
        guard !state.changedOnDisk else { return false }
        let clock = ContinuousClock.now
        if let last = state.data.lastDiskCheck, clock - last < .seconds(2) { return false }
        state.data.lastDiskCheck = clock
        guard state.data.document.changedByOthers else { return false }
        _ = Reducer.receive(.changedByOthers, &state)
        return true
    }

    private static func isTyping(_ state: AppState) -> Bool {
        switch state.modal {
        case .search, .form: return true
        default: return false
        }
    }
}
