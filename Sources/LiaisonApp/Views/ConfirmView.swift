import LiaisonCore
import TerminalUI

/// A question answered with one key.
enum ConfirmView {
    static func draw(_ state: AppState, question: Confirmation, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        var lines: [String]
        var scrolled: (body: [String], scroll: Int)?
        switch question {
        case .delete(let id, let name, let links):
            lines = ["Delete \(name) (\(id))?",
                     links.isEmpty ? "Nothing links to it." : "These links to it are removed with it:"]
                + links.prefix(6).flatMap { link in TextWrap.lines(link, width: max(20, layout.size.width - 12)).enumerated().map { ($0 == 0 ? "  " : "    ") + $1 } }
                + (links.count > 6 ? ["  … and \(links.count - 6) more"] : [])
                + ["y deletes it (\(Keymap.keyName(for: .undo)) undoes), n keeps it."]
        case .recover(let offer, let scroll):
            let sessions = offer.journals.count
            lines = ["Unsaved changes from \(sessions == 1 ? "a session" : "\(sessions) sessions") that ended without saving:",
                     "a applies them (then \(Keymap.keyName(for: .save)) saves), x drops them, n waits."]
            scrolled = (offer.lines, scroll)
        case .recoveryRefused(let reasons):
            // Wrapped, not cut: each names the record and the rule it breaks.
            let room = max(36, layout.size.width - 12)
            lines = ["Not applied: the rules refuse these recovered changes."]
                + reasons.flatMap { TextWrap.lines($0, width: room - 2).map { "  " + $0 } }
                + ["Their journal stays; the next start offers them again. Esc closes."]
        case .quitWithUnsavedChanges:
            let count = state.data.store.unsavedChanges
            lines = ["There \(count == 1 ? "is" : "are") \(Counted.text(count, "unsaved change")).",
                     "s saves and quits, d discards them and quits, n stays;",
                     "Ctrl-C again quits and keeps them for the next start to offer back."]
        }
        let content = layout.content
        if let (body, scroll) = scrolled {
            // The body scrolls between the question and the answer keys when it does not fit.
            let room = max(1, content.height - 2 - lines.count)
            let first = min(scroll, max(0, body.count - room))
            var shown = Array(body.dropFirst(first).prefix(room))
            if first > 0 { shown[0] = "  ↑ \(first + 1) more lines above (k scrolls up)" }
            if first + room < body.count { shown[shown.count - 1] = "  ↓ \(body.count - first - room + 1) more lines below (j scrolls down)" }
            lines.insert(contentsOf: shown, at: 1)
        }
        let width = min(layout.size.width - 4, max(40, lines.map { TextWidth.of($0) }.max()! + 4))
        let height = min(lines.count + 2, content.height)
        let top = max(content.y, min(content.y + content.height / 2 - 2, content.maxY - height))
        let box = Rect(x: (layout.size.width - width) / 2, y: top, width: width, height: height)
        DialogBox.draw(box, fill: theme.style(.overlay), border: theme.style(.border).merged(over: theme.style(.overlay)), into: &buffer)
        for (offset, line) in lines.prefix(height - 2).enumerated() {
            buffer.write(line, x: box.x + 2, y: box.y + 1 + offset, maxWidth: width - 4,
                         style: (offset == 0 ? theme.style(.warning) : theme.style(.overlay)).merged(over: theme.style(.overlay)))
        }
    }
}
