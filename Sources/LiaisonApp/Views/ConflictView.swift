import LiaisonCore
import TerminalUI

/// Conflicts found on saving: both values of each, and which one is kept. Values are wrapped,
/// never cut, and the list scrolls to keep the selected conflict whole in sight, so that m or t
/// is never chosen blind.
enum ConflictView {
    private struct Line {
        var text: String
        var role: Role
        var isTitle = false
    }

    static func draw(_ state: AppState, conflicts: ConflictState, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let area = layout.content
        let overlay = theme.style(.overlay)
        buffer.fill(area, style: overlay)
        // Two short lines rather than one long one: all of it shows on an 80-column terminal.
        let heading = switch conflicts.source {
        case .save: [" Someone saved changes to the same values. Decide each one:",
                     " m keeps yours, t keeps the file's; Enter saves, Esc waits."]
        case .recovery: [" Changes saved since clash with recovered ones. Decide each one:",
                         " m keeps the recovered value, t the file's; Enter applies, Esc goes back."]
        }
        for (offset, line) in heading.enumerated() {
            buffer.write(line, x: area.x, y: area.y + offset, maxWidth: area.width, style: theme.style(.header).merged(over: overlay))
        }
        let blocks = blocks(of: conflicts, state: state, width: area.width)
        let top = area.y + heading.count + 1
        let rows = area.maxY - top
        // From the first conflict that keeps the selected one whole in sight, with a line saying
        // what is above and below; a selected conflict taller than the rows is scrolled through
        // (its title kept at the top).
        var first = min(conflicts.selected, blocks.count - 1)
        while first > 0, blocks[first - 1...conflicts.selected].map(\.count).reduce(0, +) + 2 <= rows { first -= 1 }
        var y = top
        if first > 0 {
            buffer.write("   ↑ \(Counted.text(first, "conflict")) above (k)", x: area.x, y: y, maxWidth: area.width, style: theme.style(.muted).merged(over: overlay))
            y += 1
        }
        var lastWhole = first - 1
        var isCut = false
        for index in first..<blocks.count {
            let room = area.maxY - y - (index + 1 < blocks.count ? 1 : 0)
            guard room > 0 else { break }
            let selected = index == conflicts.selected
            var lines = blocks[index]
            if selected, conflicts.lineScroll > 0 {
                lines.removeSubrange(1..<min(lines.count, 1 + conflicts.lineScroll))
                lines.insert(Line(text: "     ↑ more of it above (k)", role: .muted), at: 1)
            }
            for line in lines.prefix(room) {
                let style = line.isTitle && selected ? theme.style(.listSelection) : theme.style(line.role).merged(over: overlay)
                if line.isTitle && selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style) }
                buffer.write(line.text, x: area.x, y: y, maxWidth: area.width, style: style)
                y += 1
            }
            if lines.count > room {
                let more = selected ? "more of it below (j)" : "more below"
                buffer.fill(Rect(x: area.x, y: y - 1, width: area.width, height: 1), style: overlay)
                buffer.write("     ↓ \(more)", x: area.x, y: y - 1, maxWidth: area.width, style: theme.style(.muted).merged(over: overlay))
                isCut = true
                break
            }
            lastWhole = index
        }
        // A conflict shown in part says so itself; the line counts those not shown at all.
        let below = blocks.count - 1 - lastWhole - (isCut ? 1 : 0)
        if below > 0 {
            buffer.write("   ↓ \(Counted.text(below, "more conflict", plural: "more conflicts")) below (j)", x: area.x, y: area.maxY - 1, maxWidth: area.width,
                         style: theme.style(.muted).merged(over: overlay))
        }
    }

    /// How j and k move through a conflict taller than the screen.
    static let scrollStep = 5

    /// How many lines of the selected conflict do not fit below the heading (0 when it fits):
    /// how far j scrolls into it before moving to the next.
    static func hiddenLines(of conflicts: ConflictState, state: AppState, layout: Layout) -> Int {
        let area = layout.content
        let rows = area.maxY - area.y - 3 - 1
        let selected = blocks(of: conflicts, state: state, width: area.width)[conflicts.selected]
        return max(0, selected.count + 1 - rows)
    }

    private static func blocks(of conflicts: ConflictState, state: AppState, width: Int) -> [[Line]] {
        let mineLabel = if case .recovery = conflicts.source { "recovered:" } else { "yours:" }
        return conflicts.merge.conflicts.indices.map {
            block(of: $0, conflicts, mineLabel: mineLabel, width: width, editor: state.data.document.editor)
        }
    }

    /// One conflict's lines: its title with the choice made, each value it holds on both sides
    /// (wrapped to the width), who saved the file's value, and a blank line.
    private static func block(of index: Int, _ conflicts: ConflictState, mineLabel: String, width: Int, editor: String?) -> [Line] {
        let conflict = conflicts.merge.conflicts[index]
        let what = (conflict.recordKind.map { "\($0.rawValue) " } ?? "") + conflict.id
        let choice: String = switch conflicts.keepMine[index] {
        case true?: "keeping yours"
        case false?: "keeping the file's"
        case nil: "undecided"
        }
        let differences = conflict.differences
        let title: String = switch conflict.kind {
        case .field: "\(what) · \(differences.first?.label ?? "")"
        case .deletedByMe: "\(what) · you deleted it, the file changed it"
        case .deletedByThem: "\(what) · you changed it, the file deleted it"
        case .bothAdded: "\(what) · added on both sides, differently"
        }
        var lines = [Line(text: " \(title)  [\(choice)]", role: .title, isTitle: true)]
        let labelWidth = max(mineLabel.count, "file's:".count) + 1
        func values(_ label: String, _ text: String, kept: Bool, depth: Int) {
            let margin = String(repeating: " ", count: 3 + depth)
            let indent = margin + String(repeating: " ", count: labelWidth)
            for (offset, piece) in TextWrap.lines(text, width: max(10, width - indent.count)).enumerated() {
                let lead = offset == 0 ? margin + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) : indent
                lines.append(Line(text: lead + piece, role: kept ? .ok : .text))
            }
        }
        let isField = if case .field = conflict.kind { true } else { false }
        for difference in differences {
            if !isField { lines.append(Line(text: "   " + difference.label, role: .label)) }
            values(mineLabel, difference.mine, kept: conflicts.keepMine[index] == true, depth: isField ? 0 : 2)
            values("file's:", difference.theirs, kept: conflicts.keepMine[index] == false, depth: isField ? 0 : 2)
        }
        // Who saved the file's value, on a line of its own: beside the title it was cut off
        // on an 80-column terminal.
        if let savedBy = conflict.savedByText(you: editor) {
            lines.append(Line(text: String(repeating: " ", count: 3 + labelWidth) + "saved by \(savedBy)", role: .text))
        }
        lines.append(Line(text: "", role: .text))
        return lines
    }
}
