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

    static let width = 440
    private static let labelWidth = 165
    private static let labelColumns = 24
    private static let barHeight = 11
    private static let barGap = 2
    private static let rowGap = 7
    private static let legendHeight = 18
    private static let styles: [(fill: String, stroke: String)] = [("#2b2b2b", "#2b2b2b"), ("#ffffff", "#2b2b2b"), ("#9a9a9a", "#2b2b2b")]

    /// The first `limit` rows as bars; when there are more, the last bar sums the rest.
    init(rows: [(label: String, values: [Int])], series: [String], summary: String, limit: Int) {
        var bars = rows.map { Bar(label: $0.label, values: $0.values) }
        if bars.count > limit, limit > 1 {
            let rest = bars[(limit - 1)...]
            let sums = (0..<(rest.map(\.values.count).max() ?? 0)).map { index in
                rest.reduce(0) { $0 + ($1.values.count > index ? $1.values[index] : 0) }
            }
            bars = Array(bars.prefix(limit - 1)) + [Bar(label: "\(rest.count) others", values: sums)]
        }
        self.bars = bars
        self.series = series
        self.summary = summary
    }

    var svg: String {
        let seriesCount = max(1, series.count)
        let legend = series.count > 1 ? Self.legendHeight : 0
        let rowHeight = seriesCount * Self.barHeight + (seriesCount - 1) * Self.barGap + Self.rowGap
        let height = legend + bars.count * rowHeight + 4
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
        out += "<line x1=\"\(Self.labelWidth)\" y1=\"\(legend)\" x2=\"\(Self.labelWidth)\" y2=\"\(bottom)\" stroke=\"#2b2b2b\" stroke-width=\"1\"/>"
        return out + "</svg>"
    }
}
