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
        var lines = [width.map { TextWidth.truncate(heading, to: $0) } ?? heading]
        // Labels too: a key the program does not know is shown with the file's own spelling.
        let fields = RecordFields.of(record).map { (label: Sanitizer.safe($0.label), value: $0.value) }
        // On a terminal a long unknown key is cut rather than pushing every value off the line.
        let labelWidth = min(fields.map { TextWidth.of($0.label) }.max() ?? 0, width.map { max(14, $0 / 3 - 2) } ?? .max)
        for field in fields {
            let valueLines = field.value.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
                .map { Sanitizer.safe(String($0)) }
            for (index, value) in valueLines.enumerated() {
                let label = index == 0 ? field.label : ""
                let line = "  " + TextWidth.fit(label, to: labelWidth) + "  " + value
                lines.append(width.map { TextWidth.truncate(line, to: $0) } ?? line)
            }
        }
        if case .partner(let partner) = record, !partner.agreements.isEmpty {
            lines.append("")
            lines.append("Agreements")
            var table = Table("  ID", "KIND", "PERIOD", "QUOTA", "ISCED", "NOTES")
            for agreement in partner.agreements {
                var period = Describe.period(agreement.start, agreement.end)
                if let end = agreement.end {
                    period += end < today ? " (ended)" : " (\(Describe.daysLeft(end, today: today)) left)"
                }
                table.add(["  " + agreement.id, agreement.kind, period, Describe.quota(agreement.quota),
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
                        let line = "    " + Sanitizer.safe(summary)
                        lines.append(width.map { TextWidth.truncate(line, to: $0) } ?? line)
                    }
                }
            }
        }
        for group in linked.groups {
            lines.append("")
            lines.append(group.title)
            var table = Table("  ID", "NAME")
            for item in group.items { table.add(["  " + item.id, item.name]) }
            // The header row adds nothing here: the group title says what the list is.
            lines.append(contentsOf: table.render(width: width).split(separator: "\n").dropFirst().map(String.init))
        }
        return lines.joined(separator: "\n")
    }
}
