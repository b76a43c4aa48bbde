import LiaisonCore
import TerminalUI

/// Headline counts, partners by region and by type, agreements ending soon, events, objectives.
enum OverviewView {
    static func draw(_ state: AppState, into buffer: inout Buffer, layout: Layout) {
        let theme = state.theme
        // The loaded data, or while the file loads what the last start on the same bytes showed.
        let overview = state.overview
        let area = layout.content
        let counts = overview.counts
        let parts = [Counted.text(counts.partners, "partner") + " (\(overview.activePartners) active)", Counted.text(overview.agreements, "agreement"),
                     Counted.text(counts.objectives, "objective"), Counted.text(counts.events, "event"),
                     Counted.text(counts.contacts, "contact")]
        // The counts are what the line is for: the institution's name gives way to its short
        // name, then the separators to commas, then the count of active partners.
        let shortName = overview.institutionShortName
        let candidates = [overview.institutionName, shortName].compactMap { $0 }.map { "\($0): " + parts.joined(separator: " · ") }
            + [shortName.map { "\($0): " } ?? "", ""].map { $0 + parts.joined(separator: ", ") }
            + [([Counted.text(counts.partners, "partner")] + parts.dropFirst()).joined(separator: ", ")]
        let headline = candidates.first { TextWidth.of($0) <= area.width - 2 } ?? candidates.last!
        buffer.write(headline, x: area.x + 1, y: area.y, maxWidth: area.width - 2, style: theme.style(.title))

        let (left, right) = layout.overviewColumns
        var y = left.y
        let byType = overview.byType
        y = chart("Partners by region", overview.byRegion, at: y, in: left, state: state, into: &buffer)
        // A blank row between the charts where the second still fits whole with it.
        if y + 2 + min(8, byType.count) <= left.maxY { y += 1 }
        let leftEnd = chart("Partners by type", byType, at: y, in: left, state: state, into: &buffer)

        let rightEnd = drawEndingSoon(state, overview, in: right, layout: layout, into: &buffer)
        // The objectives take the rows the columns leave empty (a blank row between), so that a
        // long title wraps rather than being cut beside empty rows.
        let objectives = layout.overviewObjectives
        let top = min(objectives.y, max(leftEnd, rightEnd) + 1)
        drawObjectives(state, overview.objectiveRows, in: Rect(x: objectives.x, y: top, width: objectives.width, height: objectives.maxY - top), into: &buffer)
    }

    /// A horizontal bar chart; returns the row after it.
    private static func chart(_ title: String, _ values: PartnerSummary.Counts, at top: Int, in area: Rect, state: AppState, into buffer: inout Buffer) -> Int {
        let theme = state.theme
        buffer.write(title, x: area.x + 1, y: top, maxWidth: area.width - 1, style: theme.style(.header))
        let labelWidth = min(18, (values.map { TextWidth.of($0.0) }.max() ?? 0))
        let numberWidth = String(values.map(\.1).max() ?? 0).count
        let barSpace = max(1, area.width - labelWidth - numberWidth - 4)
        let largest = max(1, values.map(\.1).max() ?? 1)
        var y = top + 1
        // What does not fit is counted on the last row rather than dropped unsaid.
        let room = min(8, area.maxY - y)
        let shown = values.count <= room ? values.count : max(0, room - 1)
        defer {
            if shown < values.count, y < area.maxY {
                buffer.write("+ \(values.count - shown) more (liaison stats)", x: area.x + 1, y: y, maxWidth: area.width - 1, style: theme.style(.muted))
                y += 1
            }
        }
        for (label, count) in values.prefix(shown) {
            buffer.write(label, x: area.x + 1, y: y, maxWidth: labelWidth, style: theme.style(.label))
            let number = String(count)
            buffer.write(number, x: area.x + 2 + labelWidth + numberWidth - number.count, y: y, style: theme.style(.text))
            let length = max(1, count * barSpace / largest)
            buffer.write(String(repeating: "█", count: length), x: area.x + 3 + labelWidth + numberWidth, y: y, maxWidth: barSpace, style: theme.style(.chartBar))
            y += 1
        }
        return y
    }

    /// Returns the row after the last one drawn.
    private static func drawEndingSoon(_ state: AppState, _ overview: any OverviewSource, in area: Rect, layout: Layout,
                                       into buffer: inout Buffer) -> Int {
        let theme = state.theme
        let count = overview.endingSoonCount
        let pane = state.panes[.overview]!
        let rows = layout.overviewRows(endingSoon: count, events: overview.eventCount)
        buffer.write("Agreements ending in the next \(DataSnapshot.endingSoonDays) days (\(count))", x: area.x, y: area.y, maxWidth: area.width, style: theme.style(.header))
        if count == 0 {
            buffer.write("none", x: area.x, y: area.y + 1, style: theme.style(.muted))
        }
        let today = state.data.today
        for (row, item) in overview.endingSoonRows(pane.scroll..<pane.scroll + rows.endingSoon).enumerated() {
            let index = pane.scroll + row
            let y = area.y + 1 + row
            let days = today.days(until: item.end)
            let left = days == 0 ? "today" : "\(days)d"
            let text = "\(item.end)  \(pad(left, 5))  \(item.partnerName) · \(item.kind)"
            let selected = index == pane.selected && state.pane == .overview && state.modal == nil
            let style = theme.style(selected ? .listSelection : (days <= 30 ? .warning : .text))
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style) }
            buffer.write(text, x: area.x, y: y, maxWidth: area.width, style: style)
        }
        // The line under the list says what it does not show, and how to see it.
        let above = pane.scroll
        let below = max(0, count - pane.scroll - rows.endingSoon)
        if above + below > 0 {
            let more = [above > 0 ? "\(above) above" : nil, below > 0 ? "\(below) more below" : nil].compactMap { $0 }
            buffer.write("  " + more.joined(separator: ", ") + " (j/k to scroll)", x: area.x, y: area.y + 1 + rows.endingSoon, maxWidth: area.width, style: theme.style(.muted))
        }
        let eventsTop = area.y + max(1, rows.endingSoon) + 2
        let eventRows = drawEvents(state, overview, in: Rect(x: area.x, y: eventsTop, width: area.width, height: min(rows.events + 1, area.maxY - eventsTop)), into: &buffer)
        return eventsTop + eventRows
    }

    /// Upcoming events (soonest first) then past ones (most recent first), in the order of the
    /// events list; when they do not all fit, the header counts them and the last row says how
    /// many upcoming ones are left out, so an upcoming event is never hidden behind past ones.
    /// Returns the rows drawn.
    @discardableResult
    private static func drawEvents(_ state: AppState, _ overview: any OverviewSource, in area: Rect, into buffer: inout Buffer) -> Int {
        guard area.height >= 2 else { return 0 }
        let theme = state.theme
        let today = state.data.today
        let count = overview.eventCount
        let upcoming = overview.upcomingEventCount
        let header = count == 0 ? "Events" : "Events: \(upcoming) upcoming, \(count - upcoming) past"
        buffer.write(header, x: area.x, y: area.y, maxWidth: area.width, style: theme.style(.header))
        if count == 0 {
            buffer.write("none", x: area.x, y: area.y + 1, style: theme.style(.muted))
            return 2
        }
        let rows = min(area.height - 1, count)
        let upcomingLeftOut = max(0, upcoming - rows)
        for (row, event) in overview.eventRows(first: rows).enumerated() {
            let y = area.y + 1 + row
            // The last row says what is left out, upcoming events first.
            if row == rows - 1, count > rows {
                let leftOut = upcomingLeftOut > 0 ? "\(upcomingLeftOut + 1) more upcoming" : "\(count - rows + 1) more past"
                buffer.write("  \(leftOut) (4 Events)", x: area.x, y: y, maxWidth: area.width, style: theme.style(.muted))
                break
            }
            guard event.isUpcoming else {
                buffer.write("\(event.start?.description ?? "")  \(event.title)", x: area.x, y: y, maxWidth: area.width, style: theme.style(.muted))
                continue
            }
            let isToday = (event.start ?? today) <= today
            buffer.write("\(event.start?.description ?? "")  \(isToday ? "today " : "")\(event.title)", x: area.x, y: y, maxWidth: area.width,
                         style: theme.style(isToday ? .ok : .text))
        }
        return 1 + rows
    }

    private static func drawObjectives(_ state: AppState, _ objectives: [ObjectiveRow], in area: Rect, into buffer: inout Buffer) {
        let theme = state.theme
        buffer.write("Strategy objectives: partners and events serving each", x: area.x + 1, y: area.y, maxWidth: area.width - 1, style: theme.style(.header))
        // Columns as wide as the largest count, so 10,000 partners fit as well as 10.
        let partnerWidth = String(objectives.map(\.partners).max() ?? 0).count + 2
        let eventWidth = String(objectives.map(\.events).max() ?? 0).count + 2
        // Each title on a line; where rows are left, the titles cut short wrap onto them in turn.
        let numbersWidth = partnerWidth + eventWidth + 1
        let titleWidth = max(10, area.width - 6 - numbersWidth)
        let wrapped = objectives.map { TextWrap.lines($0.title, width: titleWidth) }
        var lineCounts = objectives.map { _ in 1 }
        var spare = max(0, area.height - 1 - objectives.count)
        for index in wrapped.indices where spare > 0 {
            let extra = min(spare, wrapped[index].count - 1)
            lineCounts[index] += extra
            spare -= extra
        }
        var y = area.y + 1
        for (offset, objective) in objectives.enumerated() where y < area.maxY {
            let text = pad("\(objective.partners) p", partnerWidth, right: true) + " " + pad("\(objective.events) e", eventWidth, right: true)
            buffer.write(objective.order.map(String.init) ?? "·", x: area.x + 1, y: y, style: theme.style(.label))
            let used = buffer.write(text, x: area.x + 3, y: y, style: theme.style(.text))
            let shown = lineCounts[offset]
            for (row, line) in wrapped[offset].prefix(shown).enumerated() where y + row < area.maxY {
                // The last line shown takes what is left of the title, cut if it must be.
                let piece = row == shown - 1 ? wrapped[offset].dropFirst(row).joined(separator: " ") : line
                buffer.write(piece, x: area.x + 5 + used, y: y + row, maxWidth: area.width - 6 - used, style: theme.style(.text))
            }
            y += shown
        }
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        TextWidth.fit(text, to: width, alignRight: right)
    }
}
