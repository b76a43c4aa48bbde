import LiaisonCore
import TerminalUI

/// A question answered with one key.
enum ConfirmView {
    static func draw(_ state: AppState, question: Confirmation, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let lines: [String]
        switch question {
        case .delete(let id, let name, let links):
            lines = ["Delete \(name) (\(id))?",
                     links.isEmpty ? "Nothing links to it." : "These links to it are removed with it:"]
                + links.prefix(6).map { "  " + $0 } + (links.count > 6 ? ["  … and \(links.count - 6) more"] : [])
                + ["y deletes it (\(Keymap.keyName(for: .undo)) undoes), n keeps it."]
        case .recover(let entries):
            lines = ["\(entries.count) unsaved change\(entries.count == 1 ? "" : "s") from a session that ended without saving:"]
                + entries.prefix(6).map { "  " + $0.summary } + (entries.count > 6 ? ["  …"] : [])
                + ["a applies them (then \(Keymap.keyName(for: .save)) saves), x drops them."]
        case .quitWithUnsavedChanges:
            let count = state.data.store.unsavedChanges
            lines = ["There \(count == 1 ? "is 1 unsaved change" : "are \(count) unsaved changes").",
                     "s saves and quits, d discards them and quits, n stays;",
                     "Ctrl-C again quits and keeps them for the next start to offer back."]
        }
        let width = min(layout.size.width - 4, max(40, lines.map { TextWidth.of($0) }.max()! + 4))
        let box = Rect(x: (layout.size.width - width) / 2, y: layout.content.y + layout.content.height / 2 - 2, width: width, height: lines.count + 2)
        buffer.fill(box, style: theme.style(.overlay))
        for (offset, line) in lines.enumerated() {
            buffer.write(line, x: box.x + 2, y: box.y + 1 + offset, maxWidth: width - 4,
                         style: (offset == 0 ? theme.style(.warning) : theme.style(.overlay)).merged(over: theme.style(.overlay)))
        }
    }
}
