import TerminalUI

/// Aligned columns, measured by display width (a CJK character takes two). On a terminal the
/// table is fitted to its width by cutting the widest flexible columns with "…"; piped output
/// keeps every character.
struct Table {
    struct Column {
        var title: String
        var alignRight = false
        /// May be cut to fit the terminal.
        var flexible = true
    }

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    init(_ titles: String...) {
        columns = titles.map { Column(title: $0) }
    }

    /// Cells are sanitised as they come in: a row stays one line whatever the data holds, and
    /// widths are measured on the text as it will show (each placeholder takes one column).
    mutating func add(_ cells: [String]) {
        rows.append(cells.map { Sanitizer.safe($0) })
    }

    func render(width: Int?) -> String {
        let gap = 2
        var widths = columns.indices.map { column in
            max(TextWidth.of(columns[column].title), rows.map { TextWidth.of($0[column]) }.max() ?? 0)
        }
        if let width {
            let available = width - gap * (columns.count - 1)
            while widths.reduce(0, +) > available {
                let candidates = widths.indices.filter { columns[$0].flexible && widths[$0] > 8 }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        let header = line(columns.map(\.title), widths: widths)
        var lines = [header]
        for row in rows { lines.append(line(row, widths: widths)) }
        return lines.joined(separator: "\n")
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let isLast = index == cells.count - 1
            if isLast && !columns[index].alignRight {
                parts.append(TextWidth.truncate(cell, to: widths[index]))
            } else {
                parts.append(TextWidth.fit(cell, to: widths[index], alignRight: columns[index].alignRight))
            }
        }
        return parts.joined(separator: "  ")
    }
}
