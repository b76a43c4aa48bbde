import LiaisonCore
import TerminalUI

/// `liaison show`: a record's fields, agreements and links as text.
struct DetailText {
    var record: Record
    var linked: LinkedRecords
    var today: Day

    func render(width: Int?) -> String {
        var lines = ["\(record.displayName)  (\(record.kind.rawValue))"]
        let fields = RecordFields.of(record)
        let labelWidth = (fields.map { TextWidth.of($0.label) }.max() ?? 0) + 2
        for field in fields {
            let valueLines = field.value.split(separator: "\n", omittingEmptySubsequences: false).map { Table.singleLine(String($0)) }
            for (index, value) in valueLines.enumerated() {
                let label = index == 0 ? field.label : ""
                let line = "  " + TextWidth.fit(label, to: labelWidth) + value
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
