import LiaisonCore
import TerminalUI

/// A record's fields as text fields, over the pane.
enum FormView {
    static func draw(_ state: AppState, form: FormState, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let area = layout.content
        buffer.fill(area, style: theme.style(.overlay))
        let title = form.recordId.map { "Edit \(form.kind.rawValue) \($0)" } ?? "Add \(form.kind == .event ? "an" : "a") \(form.kind.rawValue)"
        func key(_ command: Command) -> String { Keymap.keyName(for: command, in: .form) }
        let rows = form.kind == .partner ? "; \(key(.addRow)) adds an agreement, \(key(.removeRow)) removes one" : ""
        // The keys on the row under the title too where one row is not enough (80 columns).
        let header = "\(title) — \(key(.applyForm)) applies, \(key(.nextField)) moves, \(key(.cancel)) leaves; * is required; lists are comma-separated\(rows)"
        for (row, line) in TextWrap.lines(header, width: area.width - 2).prefix(2).enumerated() {
            buffer.write(" " + line, x: area.x, y: area.y + row, maxWidth: area.width, style: theme.style(.header).merged(over: theme.style(.overlay)))
        }
        let labelWidth = labelWidth(form)
        for (row, index) in visibleFields(form, layout: layout).enumerated() {
            let field = form.fields[index]
            let box = valueBox(row: row, labelWidth: labelWidth, layout: layout)
            let isFocused = index == form.focus
            let hasError = form.error?.key == field.key
            let label = (field.required ? "*" : " ") + field.label
            buffer.write(TextWidth.fit(label, to: labelWidth, alignRight: true), x: area.x + 1, y: box.y,
                         style: theme.style(hasError ? .error : .label).merged(over: theme.style(.overlay)))
            let style = isFocused ? theme.style(.prompt) : theme.style(.overlay)
            buffer.fill(box, style: style)
            TextFieldView.draw(field.field, in: box, style: style, hasCursor: isFocused, into: &buffer)
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
        if form.directoryListOpen { drawDirectoryChoices(state, form: form, into: &buffer, layout: layout) }
        if let error = form.error {
            // Read whole: one too long for its row takes the completions' row above it too.
            let lines = TextWrap.lines("⚠ " + error.message, width: area.width - 2)
            let shown = lines.count > 1 ? 2 : 1
            for (row, line) in lines.prefix(shown).enumerated() {
                let y = area.maxY - shown + row
                buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: theme.style(.overlay))
                let text = row == shown - 1 && lines.count > shown ? lines.dropFirst(row).joined(separator: " ") : line
                buffer.write(text, x: area.x + 1, y: y, maxWidth: area.width - 2, style: theme.style(.error).merged(over: theme.style(.overlay)))
            }
        }
    }
}

extension FormView {
    /// The directory's entries for the name typed: a list under the Name field (over it where
    /// the form has no room below), the selected entry highlighted, and the keys on the hint row.
    /// The rows it covers are cleared across the form, labels too, and the first says
    /// "directory": a field label beside an entry would read as if that field were filled.
    static func drawDirectoryChoices(_ state: AppState, form: FormState, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let area = layout.content
        let field = focusedBox(form, layout: layout)
        let rows = form.directoryChoices.count
        let roomBelow = area.maxY - 2 - (field.y + 1)
        let top = roomBelow >= rows ? field.y + 1 : max(area.y + 1, field.y - rows)
        buffer.fill(Rect(x: area.x, y: top, width: area.width, height: rows), style: theme.style(.overlay))
        buffer.write(TextWidth.fit("directory", to: labelWidth(form), alignRight: true), x: area.x + 1, y: top,
                     style: theme.style(.muted).merged(over: theme.style(.overlay)))
        for (row, entry) in form.directoryChoices.enumerated() {
            let style = row == form.directorySelected ? theme.style(.listSelection) : theme.style(.prompt)
            let line = Rect(x: field.x, y: top + row, width: field.width, height: 1)
            buffer.fill(line, style: style)
            let place = [entry.city, entry.countryCode].compactMap { $0 }.joined(separator: ", ")
            let text = [entry.name, place, entry.source.shortTitle].filter { !$0.isEmpty }.joined(separator: " · ")
            buffer.write(" " + text, x: line.x, y: line.y, maxWidth: line.width, style: style)
        }
        func key(_ command: Command) -> String { Keymap.keyName(for: command, in: .directoryChoices) }
        buffer.write("directory: \(key(.moveDown)) next, \(key(.accept)) fills the empty fields, \(key(.closeOverlay)) closes the list",
                     x: area.x + 1, y: area.maxY - 2, maxWidth: area.width - 2, style: theme.style(.muted).merged(over: theme.style(.overlay)))
    }

    /// The fields on screen, the focused one among them: one per row between the title and the
    /// two last rows, which hold completions and the error.
    static func visibleFields(_ form: FormState, layout: Layout) -> Range<Int> {
        let visible = max(1, layout.content.height - 4)
        let first = max(0, min(form.focus - visible + 1, form.fields.count - visible))
        return first..<min(form.fields.count, first + visible)
    }

    static func labelWidth(_ form: FormState) -> Int {
        // Wide enough for "Agreement 1: Outgoing quota" where the screen allows.
        min(30, (form.fields.map { TextWidth.of($0.label) }.max() ?? 0) + 2)
    }

    /// Where the value of the field on a row of the form is typed.
    static func valueBox(row: Int, labelWidth: Int, layout: Layout) -> Rect {
        let area = layout.content
        let x = area.x + labelWidth + 2
        return Rect(x: x, y: area.y + 2 + row, width: area.maxX - x - 1, height: 1)
    }

    /// The focused field's box.
    static func focusedBox(_ form: FormState, layout: Layout) -> Rect {
        let row = form.focus - visibleFields(form, layout: layout).lowerBound
        return valueBox(row: row, labelWidth: labelWidth(form), layout: layout)
    }
}
