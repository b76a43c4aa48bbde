import LiaisonCore
import TerminalUI

/// A record's fields, agreements and links, with the links selectable.
enum DetailView {
    struct Line {
        var text: String
        var role: Role
        var label: String?
        var linkIndex: Int?
        /// Index among the editable fields, for a field's first line.
        var fieldIndex: Int?
        /// Index among the editable fields for every line of one (a wrapped text's too), and
        /// which of its lines this is.
        var field: Int?
        var fieldLine = 0
        /// Index among the partner's agreements, for the first line of one with an EWP IIA.
        var agreementIndex: Int?
    }

    /// The record's fields with their values wrapped as the detail shows them, and the labels'
    /// width: the detail's lines, and how far j reads into a long field (the reducer), from one
    /// place.
    static func wrappedFields(of record: Record, width: Int) -> (fields: [(field: RecordFields.Field, lines: [String])], labelWidth: Int) {
        let fields = RecordFields.of(record)
        let labelWidth = min(14, (fields.map { TextWidth.of($0.label) }.max() ?? 0) + 1)
        return (fields.map { ($0, TextWrap.lines($0.value, width: width - labelWidth - 1)) }, labelWidth)
    }

    static func lines(for record: Record, state: AppState, width: Int) -> [Line] {
        var lines = [Line(text: record.displayName, role: .title)]
        let (fields, labelWidth) = wrappedFields(of: record, width: width)
        var fieldIndex = 0
        for (field, pieces) in fields {
            for (offset, piece) in pieces.enumerated() {
                lines.append(Line(text: piece, role: .text, label: offset == 0 ? TextWidth.fit(field.label, to: labelWidth) : String(repeating: " ", count: labelWidth),
                                  fieldIndex: offset == 0 && field.key != nil ? fieldIndex : nil,
                                  field: field.key != nil ? fieldIndex : nil, fieldLine: offset))
            }
            if field.key != nil { fieldIndex += 1 }
        }
        if case .partner(let partner) = record, !partner.agreements.isEmpty {
            lines.append(Line(text: "", role: .text))
            lines.append(Line(text: "Agreements (\(partner.agreements.count))", role: .header))
            let today = state.data.today
            let parties = state.data.network.iiaParties(of: partner)
            for (index, agreement) in partner.agreements.enumerated() {
                var period = agreement.start.map { "\($0) – " } ?? "– "
                period += agreement.end?.description ?? "open-ended"
                var role = Role.text
                if let end = agreement.end {
                    let days = today.days(until: end)
                    if days < 0 {
                        period += " (ended)"
                        role = .muted
                    } else {
                        period += " (\(days) d left)"
                        if days <= DataSnapshot.endingSoonDays { role = .warning }
                    }
                }
                lines.append(Line(text: "\(agreement.kind)  \(period)", role: role, agreementIndex: agreement.iia == nil ? nil : index))
                var extra: [String] = []
                if let quota = agreement.quota { extra.append("quota in \(quota.incoming.map(String.init) ?? "–") / out \(quota.outgoing.map(String.init) ?? "–")") }
                if !agreement.subjectAreas.isEmpty { extra.append("ISCED " + agreement.subjectAreas.joined(separator: " ")) }
                if let notes = agreement.notes, !notes.isEmpty { extra.append(notes) }
                for piece in TextWrap.lines(extra.joined(separator: " · "), width: width - 2) where !piece.isEmpty {
                    lines.append(Line(text: "  " + piece, role: .muted))
                }
                if let iia = agreement.iia {
                    for summary in IIASummary.lines(iia, parties: parties) {
                        for (offset, piece) in TextWrap.lines(summary, width: width - 4).enumerated() {
                            lines.append(Line(text: (offset == 0 ? "  " : "    ") + piece, role: .muted))
                        }
                    }
                }
            }
        }
        var linkIndex = 0
        for group in state.data.linkedRecords(of: record).groups {
            lines.append(Line(text: "", role: .text))
            lines.append(Line(text: "\(group.title) (\(group.items.count))", role: .header))
            for item in group.items {
                lines.append(Line(text: "→ \(item.name)", role: .link, linkIndex: linkIndex))
                linkIndex += 1
            }
        }
        return lines + historyLines(of: record, state: state)
    }

    /// How many saved changes the detail shows; `liaison history ID` has them all.
    static let historyShown = 5

    /// The record's most recent saved changes from the audit trail, newest first:
    /// `2026-11-25 14:02 ana  End: 2026-12-31 → 2027-06-30`.
    static func historyLines(of record: Record, state: AppState) -> [Line] {
        let history = state.data.document.history(of: record.id)
        guard !history.isEmpty else { return [] }
        var lines = [Line(text: "", role: .text), Line(text: "Saved changes (\(history.count))", role: .header)]
        for entry in history.suffix(historyShown).reversed() {
            lines.append(Line(text: entry.summary, role: .text, label: "\(entry.localTime) \(entry.account) "))
        }
        if history.count > historyShown {
            lines.append(Line(text: "\(history.count - historyShown) earlier: liaison history \(record.id)", role: .muted))
        }
        return lines
    }

    static func draw(_ record: Record, state: AppState, in area: Rect, into buffer: inout Buffer) {
        let theme = state.theme
        let lines = lines(for: record, state: state, width: area.width)
        let pane = state.current
        var scroll = 0
        let isSelected = { (line: Line) -> Bool in
            guard pane.focusOnLinks else { return false }
            if let field = pane.selectedField { return line.field == field && line.fieldLine == pane.fieldLine }
            if let agreement = pane.selectedAgreement { return line.agreementIndex == agreement }
            return line.linkIndex == pane.selectedLink
        }
        if pane.focusOnLinks, let selectedLine = lines.firstIndex(where: isSelected) {
            scroll = max(0, selectedLine - area.height + 2)
            // On the last thing that can be selected, what follows it (the saved changes) shows
            // too: it is reached by going to the end, as the last lines of any list are.
            let lastSelectable = lines.lastIndex { $0.linkIndex != nil || $0.fieldIndex != nil || $0.agreementIndex != nil }
            if selectedLine == lastSelectable { scroll = max(scroll, lines.count - area.height) }
        }
        let hasMore = lines.count > area.height + scroll
        // With more below, the last row says so instead of showing a line.
        let shown = hasMore ? area.height - 1 : area.height
        for (row, line) in lines.dropFirst(scroll).prefix(shown).enumerated() {
            let y = area.y + row
            var x = area.x
            if let label = line.label { x += buffer.write(label, x: x, y: y, style: theme.style(.label)) + 1 }
            var role = line.role
            if isSelected(line) { role = .listSelection }
            buffer.write(line.text, x: x, y: y, maxWidth: area.maxX - x, style: theme.style(role))
        }
        if hasMore {
            let how = pane.focusOnLinks ? "j and k move through the fields and links" : "l steps into the detail"
            buffer.write("↓ more (\(how))", x: area.x, y: area.maxY - 1, maxWidth: area.width, style: theme.style(.muted))
        }
    }
}
