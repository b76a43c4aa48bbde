import TerminalUI

/// Aligned columns, measured by display width (a CJK character takes two). Piped output keeps
/// every column and character. On a terminal the table is fitted to its width, the columns giving
/// way in this order, so that what a user copies or tells records apart by goes last:
///
/// 1. columns marked `leftOut(rank:)` (less important ones) go, the lowest rank first, while the
///    table does not fit with its text at its minimum width: dropped with a line saying so
///    (lists), or folded under their row as "Label: value" lines (`show`, where nothing may go).
///    Such a column is shown whole, except that a dropped text column comes back, wrapped, where
///    its minimum width is free after all (a search hit's detail beside short names);
/// 2. text columns (an objective's title, a history entry's change) wrap onto more lines, down to
///    their minimum width;
/// 3. names are cut, the widest first, down to `nameMinimum` columns (`NameCut`);
/// 4. key columns (ids, dates, counts, codes, choices) are never cut: a table that still does not
///    fit runs past the edge, and the terminal wraps the line.
struct Table {
    enum Role {
        /// Copied or compared exactly: never cut, never wrapped.
        case key
        /// A record's name: cut last, keeping what tells it apart from the column's other names.
        case name
        /// Free text: wraps, down to `minimum` columns.
        case text(minimum: Int)
    }

    struct Column {
        var title: String
        var role: Role
        var alignRight = false
        /// Nil: always shown. Else the column may be left out to fit; rank 1 goes first.
        var leftOutRank: Int?
        /// Its name on a folded line (`show`): "Notes" for NOTES.
        var label: String?

        static func key(_ title: String, alignRight: Bool = false) -> Column { Column(title: title, role: .key, alignRight: alignRight) }
        static func name(_ title: String) -> Column { Column(title: title, role: .name) }
        static func text(_ title: String, minimum: Int) -> Column { Column(title: title, role: .text(minimum: minimum)) }

        func leftOut(rank: Int, label: String? = nil) -> Column {
            var column = self
            column.leftOutRank = rank
            column.label = label
            return column
        }
    }

    /// What becomes of a column left out to fit.
    enum LeftOut {
        /// Not shown; a line below the table names it.
        case dropped
        /// Shown under its row, one "Label: value" line each.
        case folded
    }

    static let gap = 2
    /// A name is not cut below this many columns: cut further it no longer tells records apart.
    static let nameMinimum = 16

    var columns: [Column]
    var rows: [[String]] = []
    var leftOut = LeftOut.dropped
    /// Spaces before every line (`show`'s sections).
    var indent = 0
    var showsHeader = true

    init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Cells are sanitised as they come in: a row stays one line whatever the data holds, and
    /// widths are measured on the text as it will show (each placeholder takes one column).
    mutating func add(_ cells: [String]) {
        rows.append(cells.map { Sanitizer.safe($0) })
    }

    func render(width: Int?) -> String {
        let layout = TableLayout(columns: columns, rows: rows, width: width.map { $0 - indent }, bringingBackText: leftOut == .dropped)
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        if showsHeader { lines.append(line(layout.visible.map { columns[$0].title }, layout: layout)) }
        for row in rows {
            let cells = layout.visible.indices.map { position in
                pieces(of: row[layout.visible[position]], column: layout.visible[position], width: layout.widths[position])
            }
            let height = cells.map(\.count).max() ?? 1
            for index in 0..<height {
                lines.append(line(cells.map { index < $0.count ? $0[index] : "" }, layout: layout))
            }
            if leftOut == .folded { lines += folded(row, layout: layout) }
        }
        var text = lines.map { margin + $0 }
        if leftOut == .dropped, !layout.leftOut.isEmpty, let width {
            let titles = layout.leftOut.map { columns[$0].title }.joined(separator: ", ")
            let note = "(\(width) columns leave out \(titles); piped output has them)"
            text += TextWrap.lines(note, width: width - indent).map { margin + $0 }
        }
        return text.joined(separator: "\n")
    }

    /// A cell as the lines it takes at its column's width.
    private func pieces(of cell: String, column: Int, width: Int) -> [String] {
        switch columns[column].role {
        case .key: [cell]
        case .name: [NameCut.cut(cell, to: width, among: rows.map { $0[column] })]
        case .text: TextWrap.lines(cell, width: width)
        }
    }

    /// One line of the visible columns' cells, padded to their widths, with no trailing spaces.
    /// Nothing is cut here: names are cut, and text wrapped, to their widths beforehand.
    private func line(_ cells: [String], layout: TableLayout) -> String {
        var parts: [String] = []
        for (position, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: max(0, layout.widths[position] - TextWidth.of(cell)))
            parts.append(columns[layout.visible[position]].alignRight ? padding + cell : cell + padding)
        }
        var text = Substring(parts.joined(separator: String(repeating: " ", count: Self.gap)))
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    /// The left-out columns of a row, each on lines of its own below it, from where the second
    /// column starts (the first is the row's id).
    private func folded(_ row: [String], layout: TableLayout) -> [String] {
        let start = layout.visible.count > 1 ? layout.widths[0] + Self.gap : 4
        let room = layout.widths.reduce(0, +) + Self.gap * (layout.widths.count - 1) - start
        var lines: [String] = []
        for column in layout.leftOut where !row[column].isEmpty {
            let label = columns[column].label ?? columns[column].title
            let wrapped = TextWrap.lines(row[column], width: max(20, room - TextWidth.of(label) - 2))
            for (index, piece) in wrapped.enumerated() {
                let lead = index == 0 ? label + ": " : String(repeating: " ", count: TextWidth.of(label) + 2)
                lines.append(String(repeating: " ", count: start) + lead + piece)
            }
        }
        return lines
    }
}

extension Table.Column {
    /// Only a name is ever cut.
    var isCuttable: Bool { if case .name = role { true } else { false } }
}

/// Which columns a table shows at a width and how wide each is (see `Table` for the order in
/// which columns give way).
struct TableLayout {
    /// The columns shown, in the table's order.
    var visible: [Int]
    /// Their widths, by position in `visible`.
    var widths: [Int]
    /// The columns left out, in the table's order.
    var leftOut: [Int]

    init(columns: [Table.Column], rows: [[String]], width: Int?, bringingBackText: Bool) {
        let natural = columns.indices.map { column in
            max(TextWidth.of(columns[column].title), rows.map { TextWidth.of($0[column]) }.max() ?? 0)
        }
        visible = Array(columns.indices)
        widths = natural
        leftOut = []
        guard let width else { return }

        func least(_ column: Int) -> Int {
            if case .text(let minimum) = columns[column].role, columns[column].leftOutRank == nil || leftOut.contains(column) {
                return min(natural[column], max(minimum, TextWidth.of(columns[column].title)))
            }
            return natural[column]
        }
        func room() -> Int { width - Table.gap * (visible.count - 1) }
        // 1: columns left out while the table does not fit with its text at its minimum (2).
        while visible.map(least).reduce(0, +) > room(),
              let next = visible.filter({ columns[$0].leftOutRank != nil }).min(by: { columns[$0].leftOutRank! < columns[$1].leftOutRank! }) {
            visible.removeAll { $0 == next }
            leftOut.append(next)
        }
        leftOut.sort()
        widths = visible.map(least)
        // 3: names cut, the widest first.
        while widths.reduce(0, +) > room() {
            let names = visible.indices.filter {
                columns[visible[$0]].isCuttable && widths[$0] > max(Table.nameMinimum, TextWidth.of(columns[visible[$0]].title))
            }
            guard let widest = names.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        // A dropped text column comes back, wrapped, where its minimum width is free.
        if bringingBackText {
            for column in leftOut.sorted(by: { columns[$0].leftOutRank! > columns[$1].leftOutRank! }) {
                guard case .text = columns[column].role else { continue }
                let position = visible.firstIndex { $0 > column } ?? visible.count
                visible.insert(column, at: position)
                widths.insert(least(column), at: position)
                if widths.reduce(0, +) > room() {
                    visible.remove(at: position)
                    widths.remove(at: position)
                } else {
                    leftOut.removeAll { $0 == column }
                }
            }
        }
        // Room to spare goes to wrapped text, to the column that misses most first.
        var spare = room() - widths.reduce(0, +)
        while spare > 0 {
            let short = visible.indices.filter { widths[$0] < natural[visible[$0]] }
            guard let neediest = short.max(by: { natural[visible[$0]] - widths[$0] < natural[visible[$1]] - widths[$1] }) else { break }
            widths[neediest] += 1
            spare -= 1
        }
    }
}
