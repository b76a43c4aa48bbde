import LiaisonCore

/// A report as Markdown (CommonMark with GitHub's tables): the same sections as the HTML, the
/// numbers as tables. Before each table an HTML comment, which renders as nothing, names its
/// numbers as `liaison stats --json` does (`<!-- liaison {"stat":"byCountry","keys":[…]} -->`),
/// for programs that read the file back.
public enum ReportMarkdown {
    public static func render(_ document: ReportDocument) -> String {
        var lines = ["# " + ReportText.markdown(document.title), ""]
        for (index, line) in document.byline.enumerated() {
            // Two spaces end a line inside the paragraph.
            lines.append((index == 0 ? "**\(ReportText.markdown(line))**" : ReportText.markdown(line)) + (index < document.byline.count - 1 ? "  " : ""))
        }
        for section in document.sections {
            lines += ["", "## " + ReportText.markdown(section.title)]
            for block in section.blocks { lines += [""] + self.block(block) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func block(_ block: ReportBlock) -> [String] {
        switch block {
        case .paragraph(let text):
            return [ReportText.markdown(text)]
        case .subheading(let text):
            return ["### " + ReportText.markdown(text)]
        case .facts(let facts):
            // A list, one fact an item: no line of the data can start a list or heading of its own.
            return facts.map { "- **\(ReportText.markdown($0.label)):** \(ReportText.markdown($0.text))" }
        case .counts(let counts):
            let comment = ReportText.jsonComment(.object(JSONObject([
                ("stat", .string(counts.stat)), ("keys", .array(counts.rows.map { .string(ReportText.visible($0.key)) })),
            ])))
            let header = [counts.labelHeader ?? counts.keyHeader] + counts.valueHeaders
            let rows = counts.rows.map { [$0.label ?? $0.key] + $0.values.map(String.init) }
            return ["**\(ReportText.markdown(counts.title))**", "", comment] + table(header, rows, numericFrom: 1)
        case .table(let records):
            let comment = ReportText.jsonComment(.object(JSONObject([("stat", .string(records.stat)), ("rows", .number(String(records.rows.count)))])))
            if records.rows.isEmpty { return [comment, "_\(ReportText.markdown(records.emptyText))_"] }
            return [comment] + table(records.headers, records.rows.map { $0.map { $0.joined(separator: "; ") } }, numericFrom: nil)
        }
    }

    /// A GitHub table; columns from `numericFrom` on are right-aligned.
    private static func table(_ header: [String], _ rows: [[String]], numericFrom: Int?) -> [String] {
        func line(_ cells: [String]) -> String { "| " + cells.map(ReportText.markdown).joined(separator: " | ") + " |" }
        let rule = "|" + header.indices.map { index in numericFrom.map { index >= $0 } == true ? " ---: |" : " --- |" }.joined()
        return [line(header), rule] + rows.map(line)
    }
}
