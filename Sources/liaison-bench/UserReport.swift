// The tables of `liaison-bench user`, in Markdown for docs/performance.md, or as JSON.
import Foundation

enum UserReport {
    /// What each measure is, in the table's words, and issue 11's target for it at 10,000 and
    /// 100,000 partners where the issue set one.
    static let rows: [(id: String, title: String, target: String)] = [
        ("find", "`liaison find kraków`, whole process", ""),
        ("validate", "`liaison validate`, whole process", ""),
        ("set", "`liaison set ID notes=…` on a fresh copy, whole process", "— / ≤ 0.8 s"),
        ("first-screen", "dashboard: start → first complete screen (nothing cached: a file new to this user)", ""),
        ("first-screen-cached", "dashboard: start → first complete screen, drawn from the cache while the file loads", ""),
        ("cached-start-ready", "dashboard, cached start: start → the first key answered (the file loaded)", ""),
        ("row-move", "dashboard: `j` → the row moved (5 per session)", "keep ~0.6 ms"),
        ("filter-key", "dashboard: a key of `/krakow` → the list redrawn (6 per session)", "keep ~3 ms at 100k"),
        ("apply-edit", "dashboard: Ctrl-S in a partner's form → the redraw after apply (journal fsynced)", "≤ 10 ms / ≤ 30 ms"),
        ("save", "dashboard: Ctrl-S → \"saved\" on the status line", "≤ 60 ms / ≤ 0.35 s"),
    ]

    static let comparisons = ["find-vs-jq", "first-screen-vs-visidata", "first-screen-cached-vs-visidata"]
    static let comparisonTargets = ["find-vs-jq": "≤ 0.2× / ≤ 0.2×", "first-screen-vs-visidata": "≤ 0.15× / ≤ 0.12×",
                                    "first-screen-cached-vs-visidata": "≤ 0.15× / ≤ 0.12×"]
    static let comparisonTitles = ["find-vs-jq": "`find kraków` ÷ jq's same lookup", "first-screen-vs-visidata": "first screen ÷ VisiData's first screen",
                                   "first-screen-cached-vs-visidata": "first screen from the cache ÷ VisiData's first screen"]

    static func markdown(_ networks: [NetworkMeasures]) -> String {
        let runs = networks.first?.measure("find")?.milliseconds.runs ?? 0
        let header = "| measure | " + networks.map { grouped($0.partners) + " partners (\(decimal($0.fileMB, 1)) MB)" }.joined(separator: " | ") + " | target 10k / 100k |"
        let rule = "| --- | " + networks.map { _ in "---:" }.joined(separator: " | ") + " | --- |"
        let shape = networks.first.map { $0.withIIAs ? "with EWP IIAs (`liaison-bench generate N`)" : "without IIAs (`liaison-bench generate N --without-iias`)" } ?? ""
        let count = runs == 1 ? "1 run" : "\(runs) runs"
        var lines = ["Networks \(shape). Times in ms: median (fastest–slowest) of \(count) (of a session's 5 row moves and 6 filter keys, all of them); peak memory from wait4.",
                     "", header, rule]
        for row in rows {
            lines.append("| \(row.title) | " + networks.map { cell($0.measure(row.id)?.milliseconds, unit: "") }.joined(separator: " | ") + " | \(row.target) |")
        }
        lines.append("| bytes sent for `j` | " + networks.map { cell($0.measure("row-move")?.bytes, unit: "", digits: 0) }.joined(separator: " | ") + " | keep ~130 |")
        for (id, title, target) in [("find", "peak memory, `find`", ""), ("set", "peak memory, `set`", ""),
                                    ("save", "peak memory, a dashboard session", "— / ≤ 300 MiB (146 MB file)")] {
            lines.append("| \(title) | " + networks.map { cell($0.measure(id)?.peakMemoryMB, unit: " MiB", digits: 0) }.joined(separator: " | ") + " | \(target) |")
        }
        for id in comparisons {
            lines.append("| \(comparisonTitles[id]!) | " + networks.map { network in
                guard let comparison = network.comparisons.first(where: { $0.id == id }) else { return "" }
                guard let ratio = comparison.ratio else { return "\(comparison.tool) \(comparison.note ?? "")" }
                return "\(decimal(ratio.ratio.median, 2))× (\(decimal(ratio.ours.median, 0)) / \(decimal(ratio.theirs.median, 0)) ms)"
            }.joined(separator: " | ") + " | \(comparisonTargets[id]!) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ networks: [NetworkMeasures]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(networks)
    }

    private static func cell(_ spread: Spread?, unit: String, digits: Int? = nil) -> String {
        guard let spread else { return "" }
        let places = digits ?? (spread.median < 10 ? 1 : 0)
        return "\(decimal(spread.median, places))\(unit) (\(decimal(spread.min, places))–\(decimal(spread.max, places)))"
    }

    static func decimal(_ value: Double, _ places: Int) -> String {
        let text = String(format: "%.\(places)f", value)
        guard places == 0 else { return text }
        return grouped(Int(text) ?? 0)
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}

extension NetworkMeasures {
    func measure(_ id: String) -> UserMeasure? { measures.first { $0.id == id } }
}
