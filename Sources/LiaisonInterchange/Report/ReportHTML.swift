/// A report as one self-contained HTML file: its CSS and SVG charts inline, no script, nothing
/// fetched (no web fonts, no images), laid out for A4 paper. Numbers carry `data-stat` and
/// `data-key` attributes naming them as `liaison stats --json` does, for programs that read
/// the file back.
public enum ReportHTML {
    public static func render(_ document: ReportDocument) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Liaison">
        <title>\(ReportText.html(([document.title] + document.byline.prefix(2)).joined(separator: " · ")))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <header class="title-block">
        <p class="kicker">Report for the rectorate</p>
        <h1>\(ReportText.html(document.title))</h1>

        """
        for (index, line) in document.byline.enumerated() {
            html += "<p class=\"\(index == 0 ? "institution" : "meta")\">\(ReportText.html(line))</p>\n"
        }
        html += "<nav><ol>"
        for section in document.sections {
            html += "<li><a href=\"#\(ReportText.html(section.id))\">\(ReportText.html(section.title))</a></li>"
        }
        html += "</ol></nav>\n</header>\n"
        for section in document.sections {
            html += "<section id=\"\(ReportText.html(section.id))\"\(section.startsPage ? " class=\"new-page\"" : "")>\n"
            html += "<h2>\(ReportText.html(section.title))</h2>\n"
            for block in section.blocks { html += self.block(block) }
            html += "</section>\n"
        }
        return html + "</body>\n</html>\n"
    }

    private static func block(_ block: ReportBlock) -> String {
        switch block {
        case .paragraph(let text):
            return "<p>\(ReportText.html(text))</p>\n"
        case .subheading(let text):
            return "<h3>\(ReportText.html(text))</h3>\n"
        case .facts(let facts):
            return "<dl class=\"facts\">" + facts.map { "<dt>\(ReportText.html($0.label))</dt><dd>\(ReportText.html($0.text))</dd>" }.joined() + "</dl>\n"
        case .counts(let counts):
            return countsFigure(counts)
        case .table(let table):
            return recordTable(table)
        }
    }

    /// The chart beside the table of every row, or the key figures.
    private static func countsFigure(_ counts: CountTable) -> String {
        let stat = "data-stat=\"\(ReportText.html(counts.stat))\""
        let caption = "<h4>\(ReportText.html(counts.title))</h4>"
        if counts.presentation == .keyFigures {
            let figures = counts.rows.map { row in
                "<div class=\"figure-tile\" data-key=\"\(ReportText.html(row.key))\">"
                    + row.values.map { "<span class=\"n\">\($0)</span>" }.joined()
                    + "<span class=\"label\">\(ReportText.html(row.label ?? row.key))</span></div>"
            }
            return "<div class=\"key-figures\" \(stat) aria-label=\"\(ReportText.html(counts.title))\">\n" + figures.joined(separator: "\n") + "\n</div>\n"
        }
        var table = "<table class=\"counts\" \(stat)>\n<thead><tr>"
        table += "<th scope=\"col\">\(ReportText.html(counts.labelHeader ?? counts.keyHeader))</th>"
        table += counts.valueHeaders.map { "<th scope=\"col\" class=\"n\">\(ReportText.html($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in counts.rows {
            table += "<tr data-key=\"\(ReportText.html(row.key))\"><th scope=\"row\">\(ReportText.html(row.label ?? row.key))</th>"
            table += row.values.map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>\n"
        }
        if counts.rows.isEmpty {
            table += "<tr><td colspan=\"\(1 + counts.valueHeaders.count)\" class=\"empty\">none</td></tr>\n"
        }
        table += "</tbody>\n</table>\n"
        let chart = counts.rows.isEmpty ? "" : BarChartSVG(rows: counts.rows.map { ($0.label ?? $0.key, $0.values) },
                                                           series: counts.valueHeaders.count > 1 ? counts.valueHeaders : [],
                                                           summary: counts.title, limit: counts.chartLimit).svg
        return "<div class=\"figure\">\n<div class=\"chart\">\(caption)\(chart)</div>\n<div class=\"numbers\">\n\(table)</div>\n</div>\n"
    }

    private static func recordTable(_ table: RecordTable) -> String {
        guard !table.rows.isEmpty else {
            return "<p class=\"empty\" data-stat=\"\(ReportText.html(table.stat))\" data-rows=\"0\">\(ReportText.html(table.emptyText))</p>\n"
        }
        var html = "<table class=\"records\" data-stat=\"\(ReportText.html(table.stat))\" data-rows=\"\(table.rows.count)\">\n<thead><tr>"
        html += table.headers.map { "<th scope=\"col\">\(ReportText.html($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.map { cell in "<td>" + cell.map(ReportText.html).joined(separator: "<br>") + "</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Black on white with greys, so that it prints alike in colour and in black and white.
    /// The font stack ends in CJK faces so Japanese, Chinese and Korean names show wherever a
    /// reader's machine has one (none is needed for the rest).
    static let stylesheet = """
    @page { size: A4; margin: 16mm 15mm 18mm 15mm; }
    * { box-sizing: border-box; }
    html { color: #111; background: #fff; }
    body { font-family: "DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, Helvetica, "Noto Sans CJK JP", "Noto Sans CJK SC", "Source Han Sans", "Hiragino Sans", "Yu Gothic", "Microsoft YaHei", "Malgun Gothic", "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif;
      font-size: 9.5pt; line-height: 1.4; margin: 0 auto; max-width: 180mm; }
    @media screen { body { padding: 10mm 6mm 20mm; } }
    /* A border drawn on the edge of the printable area is cut in half: keep a hair inside it. */
    @media print { body { padding: 0 1pt; } }
    .title-block { border-bottom: 2pt solid #111; padding-bottom: 5mm; margin-bottom: 4mm; }
    .kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 8pt; color: #555; margin: 0 0 1mm; }
    h1 { font-size: 24pt; line-height: 1.15; margin: 0 0 3mm; }
    .institution { font-size: 13pt; font-weight: bold; margin: 0 0 1mm; }
    .meta { color: #444; margin: 0; overflow-wrap: anywhere; }
    nav ol { margin: 4mm 0 0; padding-left: 5mm; columns: 2; font-size: 9pt; }
    nav a { color: inherit; text-decoration: none; }
    h2 { font-size: 14pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 0.75pt solid #555; break-after: avoid; }
    h3 { font-size: 11pt; margin: 5mm 0 1mm; break-after: avoid; }
    h4 { font-size: 9pt; font-weight: bold; margin: 0 0 1.5mm; color: #333; }
    section.new-page { break-before: page; }
    section.new-page > h2 { margin-top: 0; }
    p { margin: 0 0 2.5mm; }
    .figure { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 6mm; margin: 0 0 5mm; align-items: start; break-inside: avoid; }
    .key-figures { display: flex; flex-wrap: wrap; gap: 3mm; margin: 0 0 4mm; break-inside: avoid; }
    .figure-tile { flex: 0 0 calc((100% - 6mm) / 3); border: 0.75pt solid #111; padding: 2.5mm 3mm; }
    .figure-tile .n { display: block; font-size: 20pt; font-weight: bold; line-height: 1.1; text-align: left; }
    .figure-tile .label { display: block; font-size: 8.5pt; color: #333; }
    .chart svg { display: block; width: 100%; height: auto; }
    .chart svg text { font-size: 11px; fill: #111; }
    table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; font-size: 8.5pt; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; }
    th, td { text-align: left; vertical-align: top; padding: 0.8mm 1.5mm; border-bottom: 0.5pt solid #bbb; overflow-wrap: break-word; }
    thead th { border-bottom: 1pt solid #111; white-space: nowrap; }
    tbody th { font-weight: normal; }
    .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.records td:first-child { white-space: nowrap; }
    .empty { color: #555; font-style: italic; }
    dl.facts { display: grid; grid-template-columns: 30mm 1fr; gap: 1mm 3mm; margin: 0 0 3mm; break-inside: avoid; }
    dl.facts dt { font-weight: bold; }
    dl.facts dd { margin: 0; }
    """
}
