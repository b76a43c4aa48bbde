import LiaisonCore
import TerminalUI

/// The whole screen for a state: pure, so tests render it to text.
public enum Screen {
    public static func render(_ state: AppState) -> Buffer {
        let theme = state.theme
        var buffer = Buffer(width: state.size.width, height: state.size.height, style: theme.style(.text))
        buffer.controlStyle = theme.style(.control)
        let layout = Layout(state.size)
        if layout.isTooSmall {
            TooSmallView.draw(into: &buffer, theme: theme)
            return buffer
        }
        TabBarView.draw(state, into: &buffer, area: layout.tabBar)
        switch state.pane {
        case .overview: OverviewView.draw(state, into: &buffer, layout: layout)
        case .partners, .objectives, .events, .contacts: ListPaneView.draw(state, into: &buffer, layout: layout)
        }
        StatusBarView.draw(state, into: &buffer, layout: layout)
        switch state.modal {
        case .help(let scroll): HelpView.draw(state, scroll: scroll, into: &buffer, layout: layout)
        case .jump(let field, let completions, let selected):
            JumpView.draw(state, field: field, completions: completions, selected: selected, into: &buffer, layout: layout)
        case .form(let form): FormView.draw(state, form: form, into: &buffer, layout: layout)
        case .conflicts(let conflicts): ConflictView.draw(state, conflicts: conflicts, into: &buffer, layout: layout)
        case .confirm(let question): ConfirmView.draw(state, question: question, into: &buffer, layout: layout)
        case .iiaComparison(let report, let scroll): IIAComparisonView.draw(state, report: report, scroll: scroll, into: &buffer, layout: layout)
        case .search, .iiaFilePrompt, nil: break
        }
        return buffer
    }
}

enum TooSmallView {
    static func draw(into buffer: inout Buffer, theme: Theme) {
        let lines = ["terminal too small: \(Layout.minimumWidth)x\(Layout.minimumHeight) needed",
                     "now \(buffer.width)x\(buffer.height); enlarge the window, or q to quit"]
        for (offset, line) in lines.enumerated() {
            let y = buffer.height / 2 - 1 + offset
            let x = max(0, (buffer.width - TextWidth.of(line)) / 2)
            buffer.write(line, x: x, y: y, style: theme.style(offset == 0 ? .warning : .muted))
        }
    }
}

enum TabBarView {
    static let labels = Pane.allCases.map { " \($0.rawValue + 1) \($0.title) " }

    static func draw(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        buffer.fill(area, style: theme.style(.tab))
        var x = area.x
        for (pane, label) in zip(Pane.allCases, labels) {
            x += buffer.write(label, x: x, y: area.y, style: theme.style(pane == state.pane ? .tabActive : .tab))
            x += 1
        }
        let name = " Liaison · \(state.overview.institutionShortName ?? state.overview.institutionName) "
        let width = TextWidth.of(name)
        if area.maxX - width > x { buffer.write(name, x: area.maxX - width, y: area.y, style: theme.style(.tab)) }
    }

    /// The pane whose tab is at a column (for mouse clicks).
    static func pane(atColumn column: Int) -> Pane? {
        var x = 0
        for (pane, label) in zip(Pane.allCases, labels) {
            let width = TextWidth.of(label)
            if column >= x && column < x + width { return pane }
            x += width + 1
        }
        return nil
    }
}

enum StatusBarView {
    static func draw(_ state: AppState, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let line = layout.statusLine
        buffer.fill(line, style: theme.style(.statusBar))
        let counts = state.overview.counts
        // Most important first: what is cut at the right on a narrow terminal matters least.
        var left = " \(state.data.fileName)"
        if state.data.readOnlyReason != nil { left += " [read-only]" }
        let unsaved = state.data.store.unsavedChanges
        if unsaved > 0 { left += " [+\(unsaved) unsaved]" }
        if state.changedOnDisk { left += " [changed on disk]" }
        if state.data.journalProblem != nil { left += " [not journalled: save soon]" }
        if state.pane != .overview {
            // Where the selection is in the list, and whether a filter is on.
            let pane = state.current
            left += " · \(state.pane.title) \(pane.rows.isEmpty ? 0 : pane.selected + 1)/\(pane.rows.count)"
            if !pane.filter.isEmpty { left += " filtered" }
        }
        left += " · " + [Counted.text(counts.partners, "partner"), Counted.text(counts.events, "event"),
                          Counted.text(counts.contacts, "contact")].joined(separator: " · ")
        if counts.warnings > 0 { left += " · " + Counted.text(counts.warnings, "warning") }
        let bottom = layout.bottomLine
        let prompt = prompt(state)
        // The message goes right and wins the room; the counts give way. One too long for that
        // takes both lines, the hints' too, so that it is read whole (a fix, a path, a reason).
        var messageWidth = 0
        if let message = state.message {
            let role: Role = switch message.kind {
            case .info: .statusBar
            case .warning: .warning
            case .error: .error
            }
            let text = " " + message.text + " "
            if TextWidth.of(text) > line.width - 20, prompt == nil {
                let lines = TextWrap.lines(message.text, width: line.width - 2)
                for (row, area) in [line, bottom].enumerated() {
                    buffer.fill(area, style: theme.style(role))
                    let rest = row == 0 ? lines.first ?? "" : lines.dropFirst().joined(separator: " ")
                    buffer.write(" " + rest, x: area.x, y: area.y, maxWidth: area.width, style: theme.style(role))
                }
                return
            }
            // While the search line is open its message (a filter's error) is what matters.
            messageWidth = min(TextWidth.of(text), prompt == nil ? line.width - 20 : line.width)
            buffer.write(text, x: line.maxX - messageWidth, y: line.y, maxWidth: messageWidth, style: theme.style(role))
        }
        buffer.write(left + " ", x: line.x, y: line.y, maxWidth: line.width - messageWidth - 1, style: theme.style(.statusBar))

        if let (prompt, field) = prompt {
            buffer.fill(bottom, style: theme.style(.prompt))
            buffer.write(prompt, x: bottom.x, y: bottom.y, style: theme.style(.prompt))
            TextFieldView.draw(field, in: promptBox(layout, sign: prompt), style: theme.style(.prompt), hasCursor: true, into: &buffer)
            return
        }
        var x = bottom.x
        var hints = Keymap.hints(for: Keymap.contexts(for: state))
        if case .confirm(let question) = state.modal {
            // Only the answers this question takes, and the way out.
            hints.removeAll { hint in hint.key.count == 1 && hint.key != "n" && !question.answers.contains(Character(hint.key)) }
        } else if state.pane != .partners {
            hints.removeAll { $0.key == "s" } // sorting is the partners table's
        }
        func width(_ hint: (key: String, description: String, isKept: Bool)) -> Int {
            TextWidth.of(hint.key) + 2 + TextWidth.of(hint.description) + 2
        }
        // Help and quit are never the hints that give way: the others fit in the room left.
        let kept = hints.filter(\.isKept)
        var room = bottom.width - kept.map(width).reduce(0, +)
        var shown: [(key: String, description: String, isKept: Bool)] = []
        for hint in hints where !hint.isKept {
            guard width(hint) <= room else { break }
            room -= width(hint)
            shown.append(hint)
        }
        for hint in shown + kept where x + width(hint) - 1 <= bottom.maxX {
            x += buffer.write(" \(hint.key) ", x: x, y: bottom.y, style: theme.style(.statusKey))
            x += buffer.write(" \(hint.description)", x: x, y: bottom.y, style: theme.style(.muted))
            x += 1
        }
    }

    /// The search line's or the jump prompt's sign and field, when one is open.
    static func prompt(_ state: AppState) -> (String, TextField)? {
        switch state.modal {
        case .search(let field): ("/", field)
        case .jump(let field, _, _): (":", field)
        case .iiaFilePrompt(let field, _): ("Partner's IIA file: ", field)
        default: nil
        }
    }

    /// Where a prompt is typed: the bottom line after its sign (`/`, `:`).
    static func promptBox(_ layout: Layout, sign: String = "/") -> Rect {
        let bottom = layout.bottomLine
        let signWidth = TextWidth.of(sign)
        return Rect(x: bottom.x + signWidth, y: bottom.y, width: bottom.width - signWidth, height: 1)
    }
}
