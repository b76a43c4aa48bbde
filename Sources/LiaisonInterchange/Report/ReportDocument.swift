/// What a report says, independent of how it is printed: a title block and sections of blocks.
/// `RectorateReport` fills it from a network; `ReportHTML` and `ReportMarkdown` print any of it.
/// Text here is data as stored: each renderer escapes it for its own format.
public struct ReportDocument: Sendable {
    public var title: String
    /// Lines under the title: the institution, the day, the file.
    public var byline: [String]
    public var sections: [ReportSection]
}

public struct ReportSection: Sendable {
    /// A name for anchors, unique in the document.
    public var id: String
    public var title: String
    /// Whether it starts a new page when printed (the short ones share a page).
    public var startsPage: Bool
    public var blocks: [ReportBlock]
}

public enum ReportBlock: Sendable {
    case paragraph(String)
    case subheading(String)
    /// Lines of "label: text".
    case facts([(label: String, text: String)])
    case counts(CountTable)
    case table(RecordTable)
}

/// Numbers per key (a region, a country, a kind): drawn as a bar chart and a table. `stat` is
/// the key of the same numbers in `liaison stats --json`, written into both renderings so that
/// a program (the tests) can read the numbers back and compare.
public struct CountTable: Sendable {
    public struct Row: Sendable {
        public var key: String
        /// What people read for the key (a country's name for its code); nil when it is the key.
        public var label: String?
        public var values: [Int]
    }

    /// How the HTML shows the numbers besides a table.
    public enum Presentation: Sendable {
        /// A bar chart beside the table.
        case barChart
        /// Large numbers with their labels, in place of a table (the headline figures).
        case keyFigures
    }

    public var stat: String
    /// What the numbers are ("Partners by region").
    public var title: String
    public var keyHeader: String
    /// The header of the label column, when rows have labels.
    public var labelHeader: String?
    public var valueHeaders: [String]
    public var rows: [Row]
    public var presentation: Presentation
    /// The chart's bars: its first rows, the rest summed in one bar; the table has every row.
    public var chartLimit = 12
}

/// A table of records: headers and rows, with what to say when there are none. A cell is one
/// or more lines (a partner's contacts, one a line).
public struct RecordTable: Sendable {
    public typealias Cell = [String]

    /// Names what the rows are for a program reading them back (`expiring`, `eventsOfYear`).
    public var stat: String
    public var headers: [String]
    public var rows: [[Cell]]
    public var emptyText: String
}
