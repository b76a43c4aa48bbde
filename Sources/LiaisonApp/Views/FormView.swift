import LiaisonCore
import TerminalUI

/// A record's fields as text fields, over the pane.
enum FormView {
    static func draw(_ state: AppState, form: FormState, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let area = layout.content
        buffer.fill(area, style: theme.style(.overlay))
        let title = form.recordId.map { "Edit \(form.kind.rawValue) \($0)" } ?? "Add \(form.kind == .event ? "an" : "a") \(form.kind.rawValue)"
        let rows = form.kind == .partner ? "; Ctrl-N adds an agreement, Ctrl-D removes one" : ""
        buffer.write(" \(title) — Ctrl-S applies, Tab moves, Esc leaves; * is required; lists are comma-separated\(rows)",
                     x: area.x, y: area.y, maxWidth: area.width, style: theme.style(.header).merged(over: theme.style(.overlay)))
        let labelWidth = min(20, (form.fields.map { TextWidth.of($0.label) }.max() ?? 0) + 2)
        let valueX = area.x + labelWidth + 2
        let valueWidth = area.maxX - valueX - 1
        let visible = max(1, area.height - 3)
        let first = max(0, min(form.focus - visible + 1, form.fields.count - visible))
        for (row, index) in (first..<min(form.fields.count, first + visible)).enumerated() {
            let field = form.fields[index]
            let y = area.y + 2 + row
            let isFocused = index == form.focus
            let hasError = form.error?.key == field.key
            let label = (field.required ? "*" : " ") + field.label
            buffer.write(TextWidth.fit(label, to: labelWidth, alignRight: true), x: area.x + 1, y: y,
                         style: theme.style(hasError ? .error : .label).merged(over: theme.style(.overlay)))
            let style = isFocused ? theme.style(.prompt) : theme.style(.overlay)
            buffer.fill(Rect(x: valueX, y: y, width: valueWidth, height: 1), style: style)
            // A long value scrolls so the cursor stays in view.
            let characters = Array(field.field.text)
            var start = 0
            if isFocused {
                while TextWidth.of(String(characters[start..<field.field.cursor])) >= valueWidth - 1 { start += 1 }
            }
            let shown = String(characters[start...])
            buffer.write(shown, x: valueX, y: y, maxWidth: valueWidth, style: style)
            if isFocused {
                buffer.cursor = (valueX + TextWidth.of(String(characters[start..<field.field.cursor])), y)
            }
        }
        let links = Reducer.linkCompletions(form, state)
        if let first = links.first {
            let others = links.dropFirst().map { "\($0.id) \($0.name)" }.joined(separator: ", ")
            buffer.write("Tab takes \(first.id) (\(first.name))" + (others.isEmpty ? "" : "   also: " + others), x: area.x + 1, y: area.maxY - 2,
                         maxWidth: area.width - 2, style: theme.style(.muted).merged(over: theme.style(.overlay)))
        }
        if let choice = Reducer.choiceCompletion(form), let allowed = form.fields[form.focus].type.allowedValues {
            buffer.write("Tab takes \(choice)   values: \(allowed.joined(separator: ", "))", x: area.x + 1, y: area.maxY - 2,
                         maxWidth: area.width - 2, style: theme.style(.muted).merged(over: theme.style(.overlay)))
        }
        if let completion = Reducer.countryCompletion(form) {
            let others = Country.completions(for: form.fields[form.focus].field.text).dropFirst().prefix(3).map { "\($0.code) \($0.name)" }
            let text = "Tab takes \(completion.code) \(completion.name)" + (others.isEmpty ? "" : "   also: " + others.joined(separator: ", "))
            buffer.write(text, x: area.x + 1, y: area.maxY - 2, maxWidth: area.width - 2, style: theme.style(.muted).merged(over: theme.style(.overlay)))
        }
        if let error = form.error {
            buffer.write("⚠ " + error.message, x: area.x + 1, y: area.maxY - 1, maxWidth: area.width - 2,
                         style: theme.style(.error).merged(over: theme.style(.overlay)))
        }
    }
}

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
                + ["a applies them (then Ctrl-S saves), x drops them."]
        case .quitWithUnsavedChanges:
            let count = state.data.store.unsavedChanges
            lines = ["There \(count == 1 ? "is 1 unsaved change" : "are \(count) unsaved changes").",
                     "s saves and quits, d discards them and quits, n stays."]
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

/// Conflicts found on saving: both values of each, and which one is kept.
enum ConflictView {
    static func draw(_ state: AppState, conflicts: ConflictState, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let area = layout.content
        let overlay = theme.style(.overlay)
        buffer.fill(area, style: overlay)
        buffer.write(" Someone saved changes to the same values. Decide each: m keeps yours, t keeps the file's; Enter saves, Esc waits.",
                     x: area.x, y: area.y, maxWidth: area.width, style: theme.style(.header).merged(over: overlay))
        var y = area.y + 2
        for (index, conflict) in conflicts.merge.conflicts.enumerated() where y + 2 < area.maxY {
            let selected = index == conflicts.selected
            let what = (conflict.recordKind.map { "\($0.rawValue) " } ?? "") + conflict.id
            let choice: String = switch conflicts.keepMine[index] {
            case true?: "keeping yours"
            case false?: "keeping the file's"
            case nil: "undecided"
            }
            let title: String = switch conflict.kind {
            case .field(let key): "\(what) · \(conflict.recordKind.map { Schema.field(key, of: $0)?.label ?? key } ?? key)"
            case .deletedByMe: "\(what) · you deleted it, the file changed it"
            case .deletedByThem: "\(what) · you changed it, the file deleted it"
            case .bothAdded: "\(what) · added on both sides, differently"
            }
            let titleStyle = selected ? theme.style(.listSelection) : theme.style(.title).merged(over: overlay)
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: titleStyle) }
            let savedBy = conflict.savedByText.map { "  saved by \($0)" } ?? ""
            buffer.write(" \(title)  [\(choice)]\(savedBy)", x: area.x, y: y, maxWidth: area.width, style: titleStyle)
            buffer.write("   yours:  " + Merge.Conflict.text(conflict.mine), x: area.x, y: y + 1, maxWidth: area.width,
                         style: (conflicts.keepMine[index] == true ? theme.style(.ok) : theme.style(.text)).merged(over: overlay))
            buffer.write("   file's: " + Merge.Conflict.text(conflict.theirs), x: area.x, y: y + 2, maxWidth: area.width,
                         style: (conflicts.keepMine[index] == false ? theme.style(.ok) : theme.style(.text)).merged(over: overlay))
            y += 4
        }
    }
}
