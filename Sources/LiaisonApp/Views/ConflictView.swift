import LiaisonCore
import TerminalUI

/// Conflicts found on saving: both values of each, and which one is kept.
enum ConflictView {
    static func draw(_ state: AppState, conflicts: ConflictState, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let area = layout.content
        let overlay = theme.style(.overlay)
        buffer.fill(area, style: overlay)
        // Two short lines rather than one long one: all of it shows on an 80-column terminal.
        let (heading, mineLabel) = switch conflicts.source {
        case .save: ([" Someone saved changes to the same values. Decide each one:",
                      " m keeps yours, t keeps the file's; Enter saves, Esc waits."], "yours:")
        case .recovery: ([" Changes saved since clash with recovered ones. Decide each one:",
                          " m keeps the recovered value, t the file's; Enter applies, Esc goes back."], "recovered:")
        }
        for (offset, line) in heading.enumerated() {
            buffer.write(line, x: area.x, y: area.y + offset, maxWidth: area.width, style: theme.style(.header).merged(over: overlay))
        }
        let labelWidth = max(mineLabel.count, "file's:".count) + 1
        var y = area.y + heading.count + 1
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
            buffer.write(" \(title)  [\(choice)]", x: area.x, y: y, maxWidth: area.width, style: titleStyle)
            var lines = [("   " + padded(mineLabel, labelWidth) + Merge.Conflict.text(conflict.mine), conflicts.keepMine[index] == true),
                         ("   " + padded("file's:", labelWidth) + Merge.Conflict.text(conflict.theirs), conflicts.keepMine[index] == false)]
            // Who saved the file's value, on a line of its own: beside the title it was cut off
            // on an 80-column terminal.
            if let savedBy = conflict.savedByText(you: state.data.document.editor) {
                lines.append(("   " + padded("", labelWidth) + "saved by \(savedBy)", false))
            }
            for (offset, (text, kept)) in lines.enumerated() {
                buffer.write(text, x: area.x, y: y + 1 + offset, maxWidth: area.width,
                             style: (kept ? theme.style(.ok) : theme.style(.text)).merged(over: overlay))
            }
            y += lines.count + 2
        }
    }

    private static func padded(_ label: String, _ width: Int) -> String {
        label + String(repeating: " ", count: max(1, width - label.count))
    }
}
