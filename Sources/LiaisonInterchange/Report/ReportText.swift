import LiaisonCore
import TerminalUI

/// Data as the report's formats print it. First, as everywhere Liaison shows data, the
/// characters a terminal or a viewer would act on (controls, bidirectional overrides, line
/// separators) become the sanitiser's visible placeholders (␛, ␊, �): a report read with `cat`
/// or `less` can do nothing to the terminal, and a name cannot reorder a table in a browser.
/// Then the format's own escaping, so that data is always text, never markup.
enum ReportText {
    /// Text for HTML content and for attribute values in double or single quotes.
    static func html(_ text: String) -> String {
        XMLMarkup.escaped(visible(text))
    }

    /// The characters Markdown (CommonMark with GitHub's tables) reads as markup, anywhere in a
    /// line: emphasis, code, links, raw HTML and entities, table cells, headings, strikethrough.
    /// A backslash makes each a literal; the report's own text never starts a line with data,
    /// so list and heading markers at the start of a line need nothing more.
    private static let markdownSpecial: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "&", "!"]

    static func markdown(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in visible(text).unicodeScalars {
            if markdownSpecial.contains(scalar) { result.append("\\") }
            result.append(scalar)
        }
        return String(result)
    }

    /// A JSON value inside an HTML comment (the Markdown report's machine-readable keys): the
    /// writer's JSON with every ">" (only ever in a string) as the JSON escape \u003e, so the data
    /// can never hold the "-->" or "--!>" that would end the comment; a JSON reader gets the same
    /// strings.
    static func jsonComment(_ value: JSONValue) -> String {
        var writer = JSONWriter(capacity: 256, compact: true)
        writer.value(value)
        return "<!-- liaison " + String(decoding: writer.bytes, as: UTF8.self).replacingOccurrences(of: ">", with: "\\u003e") + " -->"
    }

    /// Data with the placeholders, before a format's escaping.
    static func visible(_ text: String) -> String { Sanitizer.safe(text) }

    /// Data for a chart's narrow label column: cut to `columns` (a CJK character takes two).
    static func truncated(_ text: String, columns: Int) -> String {
        TextWidth.truncate(visible(text), to: columns)
    }
}
