import LiaisonCore
import LiaisonInterchange
import TerminalUI

/// Our copy of an IIA beside the partner's, over the content area as the help is: the lines
/// `liaison ewp diff` prints, wrapped, with the verdict in colour.
enum IIAComparisonView {
    static func draw(_ state: AppState, report: IIAComparisonReport, scroll: Int, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        let box = layout.content
        let overlay = theme.style(.overlay)
        buffer.fill(box, style: overlay)
        let keys = "\(Keymap.keyName(for: .closeOverlay, in: .iiaComparison)) closes, j/k scroll"
        buffer.write(" \(report.title) — \(keys) ", x: box.x + 1, y: box.y, maxWidth: box.width - 2, style: theme.style(.title).merged(over: overlay))
        let lines = wrapped(report.lines, width: box.width - 4)
        let visible = box.height - 2
        let first = min(scroll, max(0, lines.count - visible))
        let hasMore = lines.count > first + visible
        for (row, line) in lines.dropFirst(first).prefix(hasMore ? visible - 1 : visible).enumerated() {
            buffer.write(line.text, x: box.x + 2, y: box.y + 2 + row, maxWidth: box.width - 4, style: theme.style(role(line.kind)).merged(over: overlay))
        }
        if hasMore {
            buffer.write("↓ more (j scrolls)", x: box.x + 2, y: box.maxY - 1, maxWidth: box.width - 4, style: theme.style(.muted).merged(over: overlay))
        }
    }

    /// Each line wrapped to the width, a line that fits left as it is (the hashes stay aligned);
    /// a continued line keeps its indent and two spaces more.
    static func wrapped(_ lines: [IIACopyComparison.ReportLine], width: Int) -> [(text: String, kind: IIACopyComparison.ReportLine.Kind)] {
        lines.flatMap { line -> [(text: String, kind: IIACopyComparison.ReportLine.Kind)] in
            guard TextWidth.of(line.text) > width else { return [(line.text, line.kind)] }
            let indent = String(line.text.prefix { $0 == " " })
            let pieces = TextWrap.lines(String(line.text.dropFirst(indent.count)), width: width - indent.count)
            let first = pieces.first ?? ""
            let rest = TextWrap.lines(pieces.dropFirst().joined(separator: " "), width: width - indent.count - 2)
            return [(indent + first, line.kind)] + rest.filter { !$0.isEmpty }.map { (indent + "  " + $0, line.kind) }
        }
    }

    static func role(_ kind: IIACopyComparison.ReportLine.Kind) -> Role {
        switch kind {
        case .hash: .muted
        case .agreement: .ok
        case .disagreement: .warning
        case .heading: .header
        case .difference: .overlay
        }
    }
}
