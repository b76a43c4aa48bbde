import Foundation

/// Why XMLParser stopped, in words. Its codes are libxml2's (`xmlParserErrors`); the common ones
/// are said, the rest named by number.
enum XMLParserErrorWords {
    static func reason(code: Int?, started: Bool, open: Int, closedRoot: Bool, looksLikeJSON: Bool) -> String {
        if !started || code == 4 {
            return looksLikeJSON ? "does not start with an XML element (it looks like JSON; an EWP file is XML)"
                                 : "does not start with an XML element (is it XML?)"
        }
        if open > 0 && (code == nil || code == 5 || code == 77) {
            return "ends before all its elements are closed (is the file cut off?)"
        }
        if closedRoot && (code == nil || code == 5) {
            return "has content after its root element is closed (an XML document has one root element)"
        }
        switch code {
        case 9: return "holds a character XML does not allow, or a character reference to one, or bytes that are not UTF-8"
        case 23: return "an entity reference lacks its closing ';'"
        case 26: return "uses an entity XML does not define (only &amp; &lt; &gt; &quot; &apos; are)"
        case 38: return "an attribute value holds a '<' (write it &lt;)"
        case 39, 41: return "an attribute has no value in quotes"
        case 68: return "a '<' or '&' is not followed by a name (in text, write them &lt; and &amp;)"
        case 73: return "a tag is not closed by '>' where it should be (an attribute value without quotes?)"
        case 76: return "an end tag does not match the element it should close"
        case 77: return "ends before all its elements are closed (is the file cut off?)"
        case let code?: return "the XML parser's error \(code)"
        case nil: return "no root element"
        }
    }
}
