import LiaisonCore
import TerminalUI

/// `liaison show`: a record's fields, agreements and links as text.
struct DetailText {
    var record: Record
    var linked: LinkedRecords
    var today: Day
    /// How a partner's IIAs name the two institutions; nil for other records.
    var iiaParties: IIAParties? = nil

    func render(width: Int?) -> String {
        // Data is made safe where it is laid out, one line at a time, so that a value's own
        // line breaks become rows here and nothing in it can start a line of its own.
        let heading = "\(Sanitizer.safe(record.displayName))  (\(record.kind.rawValue))"
        var lines = width.map { TextWrap.lines(heading, width: $0) } ?? [heading]
        // Labels too: a key the program does not know is shown with the file's own spelling.
        let fields = RecordFields.of(record).map { (label: Sanitizer.safe($0.label), value: $0.value) }
        // On a terminal a long unknown key is cut rather than pushing every value off the line.
        let labelWidth = min(fields.map { TextWidth.of($0.label) }.max() ?? 0, width.map { max(14, $0 / 3 - 2) } ?? .max)
        for field in fields {
            let valueLines = field.value.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
                .map { Sanitizer.safe(String($0)) }
            // A long value wraps under itself: nothing of it is cut.
            let valueWidth = width.map { max(20, $0 - labelWidth - 4) }
            let shown = valueLines.flatMap { value in valueWidth.map { TextWrap.lines(value, width: $0) } ?? [value] }
            for (index, value) in shown.enumerated() {
                let label = index == 0 ? field.label : ""
                lines.append(Self.trimmed("  " + TextWidth.fit(label, to: labelWidth) + "  " + value))
            }
        }
        if case .partner(let partner) = record, !partner.agreements.isEmpty {
            lines.append("")
            lines.append("Agreements")
            // Nothing of an agreement may go from `show`: columns that do not fit are folded under
            // their row, notes first.
            var table = Table([.key("ID"), .key("KIND"), .key("PERIOD"), .key("LEFT"),
                               Table.Column.key("QUOTA").leftOut(rank: 2, label: "Quota"),
                               Table.Column.text("ISCED", minimum: 4).leftOut(rank: 3, label: "ISCED"),
                               Table.Column.text("NOTES", minimum: 20).leftOut(rank: 1, label: "Notes")])
            table.indent = 2
            table.leftOut = .folded
            for agreement in partner.agreements {
                let left = agreement.end.map { $0 < today ? "ended" : Describe.daysLeft($0, today: today) + " left" } ?? ""
                table.add([agreement.id, agreement.kind, Describe.period(agreement.start, agreement.end), left, Describe.quota(agreement.quota),
                           agreement.subjectAreas.joined(separator: " "), agreement.notes ?? ""])
            }
            lines.append(table.render(width: width))
            let withIIA = partner.agreements.filter { $0.iia != nil }
            if let parties = iiaParties, !withIIA.isEmpty {
                lines.append("")
                lines.append("EWP IIAs")
                for agreement in withIIA {
                    lines.append("  " + Sanitizer.safe(agreement.id))
                    for summary in IIASummary.lines(agreement.iia!, parties: parties) {
                        let text = Sanitizer.safe(summary)
                        // Continued lines indented two more, under the line they continue.
                        let pieces = width.map { TextWrap.lines(text, width: max(20, $0 - 6)) } ?? [text]
                        lines += pieces.enumerated().map { ($0.offset == 0 ? "    " : "      ") + $0.element }
                    }
                }
            }
        }
        for group in linked.groups {
            lines.append("")
            lines.append(group.title)
            // Linked objectives are named by their titles, sentences: names here wrap, never cut.
            var table = Table([.key("ID"), .text("NAME", minimum: 20)])
            table.indent = 2
            // The header row adds nothing here: the group title says what the list is.
            table.showsHeader = false
            for item in group.items { table.add([item.id, item.name]) }
            lines.append(table.render(width: width))
        }
        return lines.joined(separator: "\n")
    }

    private static func trimmed(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }
}
