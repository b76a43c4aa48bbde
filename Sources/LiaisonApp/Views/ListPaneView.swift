import LiaisonCore
import TerminalUI

/// A pane with a table of records and the selected record's detail beside or below it.
enum ListPaneView {
    struct Column {
        var title: String
        /// Fixed width, or nil to share the rest by `weight`.
        var width: Int?
        var weight = 1
        var alignRight = false
        /// A flexible column narrower than this is left out, lowest `priority` first.
        var minimumWidth = 8
        var priority = 9
        /// Names are cut keeping what tells them apart from the others shown (`NameCut`).
        var isName = false
    }

    static func draw(_ state: AppState, into buffer: inout Buffer, layout: Layout) {
        let (list, detail) = layout.listAndDetail
        drawTable(state, in: list, rows: layout.listRows, into: &buffer)
        let theme = state.theme
        if layout.isSideBySide {
            for y in list.y..<list.maxY { buffer.write("│", x: list.maxX, y: y, style: theme.style(.border)) }
        } else {
            buffer.write(String(repeating: "─", count: list.width), x: list.x, y: list.maxY, style: theme.style(.border))
        }
        if let record = state.detailRecord(in: state.pane) {
            DetailView.draw(record, state: state, in: Rect(x: detail.x + 1, y: detail.y, width: layout.detailTextWidth, height: layout.detailRows), into: &buffer)
        } else {
            let filter = state.current.filter
            let text = filter.isEmpty ? "nothing to show" : "nothing matches \(filter) (Esc clears the filter)"
            buffer.write(text, x: detail.x + 1, y: detail.y, maxWidth: detail.width - 2, style: theme.style(.muted))
        }
    }

    static func columns(for pane: Pane, state: AppState) -> [Column] {
        switch pane {
        case .partners:
            let arrow = state.sortAscending ? "▲" : "▼"
            func title(_ text: String, _ sort: Store.PartnerSort) -> String { state.partnerSort == sort ? text + arrow : text }
            return [Column(title: title("NAME", .name), weight: 5, minimumWidth: 16, isName: true), Column(title: "LOCAL NAME", weight: 3, minimumWidth: 10, priority: 2),
                    Column(title: title("CC", .country), width: 3), Column(title: "CITY", weight: 2, minimumWidth: 10, priority: 1),
                    Column(title: title("TYPE", .type), width: 12), Column(title: title("STATUS", .status), width: 9),
                    Column(title: title("NEXT END", .nextEnd), width: 10)]
        case .objectives:
            return [Column(title: "#", width: 2, alignRight: true), Column(title: "OBJECTIVE", weight: 1),
                    Column(title: "PARTNERS", width: 8, alignRight: true), Column(title: "EVENTS", width: 6, alignRight: true)]
        case .events:
            return [Column(title: "START", width: 10), Column(title: "WHEN", width: 9), Column(title: "TITLE", weight: 3, isName: true), Column(title: "LOCATION", weight: 1)]
        case .contacts:
            return [Column(title: "NAME", weight: 3, isName: true), Column(title: "ROLE", weight: 3), Column(title: "UNIT", weight: 2)]
        case .overview:
            return []
        }
    }

    static func cells(for record: Record, state: AppState) -> (texts: [String], role: Role) {
        let today = state.data.today
        switch record {
        case .partner(let partner):
            return ([partner.name, partner.localName ?? "", partner.country, partner.city ?? "", partner.partnershipType, partner.status,
                     partner.nextAgreementEnd(after: today)?.description ?? ""], partner.status == "active" ? .text : .muted)
        case .objective(let objective):
            let counts = state.data.objectiveCounts(objective.id)
            return ([objective.order.map(String.init) ?? "", objective.title, String(counts.partners), String(counts.events)], .text)
        case .event(let event):
            let start = event.start ?? today
            let end = event.end ?? start
            let when: String
            let role: Role
            if start <= today && today <= end {
                (when, role) = ("● today", .ok)
            } else if start > today {
                (when, role) = ("in \(relative(today.days(until: start)))", .text)
            } else {
                (when, role) = ("\(relative(end.days(until: today))) ago", .muted)
            }
            return ([event.start?.description ?? "", when, event.title, event.location ?? ""], role)
        case .contact(let contact):
            return ([contact.name, contact.role ?? "", contact.unit ?? ""], .text)
        }
    }

    static func relative(_ days: Int) -> String {
        if days < 60 { return "\(days) d" }
        if days < 730 { return "\(days / 30) mo" }
        return "\(days / 365) y"
    }

    /// Widths of the columns that fit (nil for a column left out): fixed ones as they are, the
    /// rest sharing what is left by weight, dropping low-priority columns that would be too narrow.
    static func widths(_ columns: [Column], total: Int) -> [Int?] {
        var shown = Array(columns.indices)
        while true {
            let fixed = shown.compactMap { columns[$0].width }.reduce(0, +)
            let flexible = max(0, total - fixed - (shown.count - 1) - 2)
            let flexibleColumns = shown.filter { columns[$0].width == nil }
            let weights = flexibleColumns.map { columns[$0].weight }.reduce(0, +)
            let tooNarrow = flexibleColumns.filter { flexible * columns[$0].weight / max(1, weights) < columns[$0].minimumWidth }
            if let drop = tooNarrow.filter({ columns[$0].priority < 9 }).min(by: { columns[$0].priority < columns[$1].priority }) {
                shown.removeAll { $0 == drop }
                continue
            }
            var result = [Int?](repeating: nil, count: columns.count)
            var remaining = flexible
            var weightSeen = 0
            for index in shown {
                if let width = columns[index].width {
                    result[index] = width
                } else {
                    weightSeen += columns[index].weight
                    let share = weightSeen == weights ? remaining : flexible * columns[index].weight / max(1, weights)
                    result[index] = share
                    remaining -= share
                }
            }
            return result
        }
    }

    private static func drawTable(_ state: AppState, in area: Rect, rows: Int, into buffer: inout Buffer) {
        let theme = state.theme
        let columns = columns(for: state.pane, state: state)
        let widths = widths(columns, total: area.width)
        var x = area.x + 1
        for (column, width) in zip(columns, widths) {
            guard let width else { continue }
            buffer.write(TextWidth.fit(column.title, to: width, alignRight: column.alignRight), x: x, y: area.y, maxWidth: width, style: theme.style(.listHeader))
            x += width + 1
        }
        let pane = state.current
        if pane.rows.isEmpty {
            buffer.write(pane.filter.isEmpty ? "no records" : "no match for \(pane.filter)", x: area.x + 1, y: area.y + 1, maxWidth: area.width - 2, style: theme.style(.muted))
        }
        let visible = pane.scroll..<min(pane.rows.count, pane.scroll + rows)
        let shown = visible.compactMap { index in state.data.record(state.pane, at: pane.rows[index]).map { (index, cells(for: $0, state: state)) } }
        // A name too wide for its column is cut where it differs from the other names on screen.
        let names = columns.indices.filter { columns[$0].isName }.map { column in (column, shown.map { $0.1.texts[column] }) }
        for (row, (index, cells)) in shown.enumerated() {
            let y = area.y + 1 + row
            var (texts, rowRole) = cells
            for (column, others) in names {
                if let width = widths[column] { texts[column] = NameCut.cut(texts[column], to: width, among: others) }
            }
            let isSelected = index == pane.selected
            let rowStyle = theme.style(rowRole)
            // One style across the row, gaps included: one colour change per row, not per column.
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: rowStyle)
            // The selection marks the row's first column and a bar at its start, not the whole
            // row: a step down then rewrites two short cells, not two whole rows, which keeps
            // what goes over SSH small (docs/performance.md).
            let selectionStyle = theme.style(pane.focusOnLinks ? .listSelectionInactive : .listSelection)
            var x = area.x + 1
            if isSelected { buffer.write("▌", x: area.x, y: y, style: selectionStyle) }
            for (offset, (column, (text, width))) in zip(columns, zip(texts, widths)).enumerated() {
                guard let width else { continue }
                let style = isSelected && offset == 0 ? selectionStyle : rowStyle
                if isSelected && offset == 0 { buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: style) }
                buffer.write(column.alignRight ? TextWidth.fit(text, to: width, alignRight: true) : text, x: x, y: y, maxWidth: width, style: style)
                x += width + 1
            }
        }
    }
}
