/// A horizontal bar chart as inline SVG, for the HTML report: one group of bars per row, one
/// bar per series, each labelled with its number, so it reads without colour (the first series
/// solid, the second outlined) and needs no script or font of its own: its text takes the
/// page's font, which the page's font stack chooses (CJK names included).
struct BarChartSVG {
    struct Bar {
        var label: String
        var values: [Int]
    }

    var bars: [Bar]
    /// The series' names, for the legend; a chart of one series has none.
    var series: [String]
    /// What the chart shows, for readers that do not see it (`aria-label`).
    var summary: String

    static let width = 380
    private static let labelWidth = 140
    private static let labelColumns = 19
    private static let barHeight = 11
    private static let barGap = 2
    private static let rowGap = 7
    private static let legendHeight = 18
    private static let styles: [(fill: String, stroke: String)] = [("#2b2b2b", "#2b2b2b"), ("#ffffff", "#2b2b2b"), ("#9a9a9a", "#2b2b2b")]

    /// How many rows did not fit (the table beside the chart has them): said under the bars,
    /// rather than summed in one bar that would dwarf the rest.
    var left: Int

    /// The first `limit` rows as bars.
    init(rows: [(label: String, values: [Int])], series: [String], summary: String, limit: Int) {
        bars = rows.prefix(max(1, limit)).map { Bar(label: $0.label, values: $0.values) }
        left = rows.count - bars.count
        self.series = series
        self.summary = summary
    }

    var svg: String {
        let seriesCount = max(1, series.count)
        let legend = series.count > 1 ? Self.legendHeight : 0
        let rowHeight = seriesCount * Self.barHeight + (seriesCount - 1) * Self.barGap + Self.rowGap
        let height = legend + bars.count * rowHeight + (left > 0 ? rowHeight : 0) + 4
        let largest = max(1, bars.flatMap(\.values).max() ?? 1)
        // Room on the right for the largest number beside its bar.
        let area = Self.width - Self.labelWidth - 10 - 8 * String(largest).count
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width) \(height)\" width=\"\(Self.width)\" height=\"\(height)\""
            + " role=\"img\" aria-label=\"\(ReportText.html(summary))\">"
        if series.count > 1 {
            var x = Self.labelWidth + 6
            for (index, name) in series.enumerated() {
                let style = Self.styles[index % Self.styles.count]
                out += "<rect x=\"\(x)\" y=\"3\" width=\"10\" height=\"10\" fill=\"\(style.fill)\" stroke=\"\(style.stroke)\"/>"
                out += "<text x=\"\(x + 14)\" y=\"12\">\(ReportText.html(name))</text>"
                x += 24 + 7 * name.count
            }
        }
        for (row, bar) in bars.enumerated() {
            let top = legend + row * rowHeight
            let label = ReportText.truncated(bar.label, columns: Self.labelColumns)
            let middle = top + (rowHeight - Self.rowGap) / 2 + 4
            out += "<text x=\"\(Self.labelWidth - 6)\" y=\"\(middle)\" text-anchor=\"end\">"
            if label != ReportText.visible(bar.label) { out += "<title>\(ReportText.html(bar.label))</title>" }
            out += "\(ReportText.html(label))</text>"
            for (index, value) in bar.values.enumerated() {
                let style = Self.styles[index % Self.styles.count]
                let y = top + index * (Self.barHeight + Self.barGap)
                let length = value == 0 ? 0 : max(1, value * area / largest)
                if length > 0 {
                    out += "<rect x=\"\(Self.labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"\(Self.barHeight)\" fill=\"\(style.fill)\" stroke=\"\(style.stroke)\" stroke-width=\"0.8\"/>"
                }
                out += "<text x=\"\(Self.labelWidth + length + 4)\" y=\"\(y + Self.barHeight - 2)\" class=\"value\">\(value)</text>"
            }
        }
        let bottom = legend + bars.count * rowHeight
        if left > 0 {
            out += "<text x=\"\(Self.labelWidth - 6)\" y=\"\(bottom + rowHeight - Self.rowGap)\" text-anchor=\"end\">\(left) more in the table</text>"
        }
        out += "<line x1=\"\(Self.labelWidth)\" y1=\"\(legend)\" x2=\"\(Self.labelWidth)\" y2=\"\(bottom)\" stroke=\"#2b2b2b\" stroke-width=\"1\"/>"
        return out + "</svg>"
    }
}
