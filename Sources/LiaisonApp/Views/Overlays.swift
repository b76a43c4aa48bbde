import LiaisonCore
import TerminalUI

/// `?`: every key of the current context, grouped, from the keymap table.
enum HelpView {
    /// The keys column's width; descriptions wrap beside it.
    static let keysWidth = 22

    /// The help's lines wrapped to a width: a description too long for the line continues
    /// under itself, never cut.
    static func lines(for state: AppState, width: Int) -> [(text: String, isHeading: Bool)] {
        lines(for: state).flatMap { line -> [(text: String, isHeading: Bool)] in
            guard !line.isHeading, TextWidth.of(line.text) > width else { return [line] }
            let keys = String(line.text.prefix(2 + keysWidth))
            let pieces = TextWrap.lines(String(line.text.dropFirst(2 + keysWidth)), width: width - 2 - keysWidth)
            return pieces.enumerated().map { offset, piece in
                ((offset == 0 ? keys : String(repeating: " ", count: 2 + keysWidth)) + piece, false)
            }
        }
    }

    static func lines(for state: AppState) -> [(text: String, isHeading: Bool)] {
        var contexts = Keymap.contexts(for: AppState.withoutModal(state))
        // Help is opened from a pane: show what that pane's keys are, then the global ones.
        contexts.removeAll { $0 == .always }
        contexts += [.global, .always].filter { !contexts.contains($0) }
        var lines: [(String, Bool)] = []
        for context in contexts {
            let bindings = Keymap.bindings.filter { $0.context == context }
            var groups: [String] = []
            for binding in bindings where !groups.contains(binding.group) { groups.append(binding.group) }
            for group in groups {
                lines.append(("\(context.rawValue): \(group)", true))
                for binding in bindings where binding.group == group {
                    let keys = binding.keys.map(\.label).joined(separator: " ")
                    lines.append(("  " + TextWidth.fit(keys, to: keysWidth) + binding.description, false))
                }
            }
        }
        return lines
    }

    static func draw(_ state: AppState, scroll: Int, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let box = layout.content
        buffer.fill(box, style: theme.style(.overlay))
        buffer.write(" Keys — Esc or ? closes, j/k scroll ", x: box.x + 1, y: box.y, maxWidth: box.width - 2, style: theme.style(.title).merged(over: theme.style(.overlay)))
        let lines = lines(for: state, width: box.width - 4)
        let visible = box.height - 2
        let first = min(scroll, max(0, lines.count - visible))
        for (row, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            let style = line.isHeading ? theme.style(.header).merged(over: theme.style(.overlay)) : theme.style(.overlay)
            buffer.write(line.text, x: box.x + 2, y: box.y + 2 + row, maxWidth: box.width - 4, style: style)
        }
    }
}

/// `:`: the completions of the jump prompt, above the prompt line, across the screen: an id is
/// never cut (it is what Tab puts in the prompt), a name gives way first.
enum JumpView {
    static func draw(_ state: AppState, field: TextField, completions: [SearchIndex.Hit], selected: Int, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let width = layout.size.width
        let rows = max(1, completions.count)
        let top = layout.bottomLine.y - 1 - rows
        let box = Rect(x: 0, y: top, width: width, height: rows + 1)
        buffer.fill(box, style: theme.style(.overlay))
        buffer.write(" Jump to a record by id or name (Tab completes, Enter goes) ", x: box.x + 1, y: box.y, maxWidth: width - 1, style: theme.style(.header).merged(over: theme.style(.overlay)))
        if completions.isEmpty {
            buffer.write(field.text.isEmpty ? " type an id or a name" : " nothing matches", x: box.x + 1, y: box.y + 1, maxWidth: width - 1, style: theme.style(.muted).merged(over: theme.style(.overlay)))
        }
        let idWidth = completions.map { TextWidth.of($0.id) }.max() ?? 0
        for (row, hit) in completions.enumerated() {
            let style = row == selected ? theme.style(.listSelection) : theme.style(.overlay)
            let y = box.y + 1 + row
            buffer.fill(Rect(x: box.x, y: y, width: width, height: 1), style: style)
            buffer.write("  \(TextWidth.fit(hit.kind.rawValue, to: 9)) \(TextWidth.fit(hit.id, to: idWidth)) \(hit.name)", x: box.x, y: y, maxWidth: width, style: style)
        }
    }
}

/// A dialog's box: cleared, with a border so that nothing of the screen under it reads as
/// part of it.
enum DialogBox {
    static func draw(_ box: Rect, fill: Style, border: Style, into buffer: inout Buffer) {
        guard box.width >= 2, box.height >= 2 else { return }
        buffer.fill(box, style: fill)
        let line = String(repeating: "─", count: box.width - 2)
        buffer.write("┌" + line + "┐", x: box.x, y: box.y, style: border)
        buffer.write("└" + line + "┘", x: box.x, y: box.maxY - 1, style: border)
        for y in box.y + 1..<box.maxY - 1 {
            buffer.write("│", x: box.x, y: y, style: border)
            buffer.write("│", x: box.maxX - 1, y: y, style: border)
        }
    }
}

extension AppState {
    static func withoutModal(_ state: AppState) -> AppState {
        var copy = state
        copy.modal = nil
        return copy
    }
}
