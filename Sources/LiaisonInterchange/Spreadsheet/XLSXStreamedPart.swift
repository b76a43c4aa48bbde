import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LiaisonCore

/// The large parts of a workbook, a worksheet and the shared strings, read as a stream of
/// events by Foundation's XMLParser (libxml2's SAX parser, the one under SWXMLHash) fed from an
/// InputStream. Two reasons not to build SWXMLHash's tree here: `XMLParser(data:)`, which it
/// uses, hands libxml2 the document as one chunk, and libxml2 refuses a chunk over 10 MB (a
/// sheet of some 80,000 rows); and a tree of every cell costs more time to build and free than
/// the parse itself (liaison-bench workbook, docs/performance.md).
class XLSXStreamedPart: NSObject, XMLParserDelegate {
    /// What the part's events said was wrong (a cell reference out of range), which stops the parse.
    var failure: SheetReadError?

    /// Text inside a string item (`<si>`, `<is>`): each `<t>`, whether directly inside it or in
    /// a rich text run `<r>`; phonetic hints (`<rPh>`) are not the cell's text.
    var stringItem = ""
    private var inStringItem = false
    private var inText = false
    private var inPhonetic = false
    /// A value element's text (`<v>`), while in one.
    private(set) var value: String?
    private var inValue = false

    /// Parses the part; throws what the parser or the events found wrong.
    func parse(_ data: Data, package: XLSXPackage, name: String) throws(SheetReadError) {
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        let parsed = parser.parse()
        if let failure { throw failure }
        guard parsed else {
            let line = parser.lineNumber > 0 ? " (line \(parser.lineNumber), column \(parser.columnNumber))" : ""
            throw SheetReadError("\(package.source): its part \(name) is not well-formed XML\(line)")
        }
    }

    func stop(_ parser: XMLParser, _ error: SheetReadError) {
        failure = failure ?? error
        parser.abortParsing()
    }

    // Subclasses see elements through these, the string items and values already collected.
    func start(_ parser: XMLParser, element: String, attributes: [String: String]) {}
    func end(_ parser: XMLParser, element: String) {}

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch elementName {
        case "si", "is": inStringItem = true; stringItem = ""
        case "t" where inStringItem && !inPhonetic: inText = true
        case "rPh": inPhonetic = true
        case "v": inValue = true; value = ""
        default: break
        }
        start(parser, element: elementName, attributes: attributes)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "si", "is": inStringItem = false; stringItem = OOXMLText.decoded(stringItem)
        case "t": inText = false
        case "rPh": inPhonetic = false
        case "v": inValue = false
        default: break
        }
        end(parser, element: elementName)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { stringItem += string } else if inValue { value! += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
    }

    /// Forgets the last cell's value and string, so a cell without its own (`<c t="inlineStr"/>`,
    /// as openpyxl writes an empty string) is read as empty, not as the cell before it.
    func clearValue() {
        value = nil
        stringItem = ""
    }
}

/// The workbook's shared strings (`xl/sharedStrings.xml`), which cells of type `s` index.
final class XLSXSharedStrings: XLSXStreamedPart {
    private(set) var strings: [String] = []

    static func read(from package: XLSXPackage, workbook: XLSXWorkbook) throws(SheetReadError) -> [String] {
        // A workbook with no text cells, or only inline strings, has none.
        guard let part = workbook.sharedStringsPart, package.contains(part) else { return [] }
        let reader = XLSXSharedStrings()
        try reader.parse(try package.bytes(of: part), package: package, name: part)
        return reader.strings
    }

    override func end(_ parser: XMLParser, element: String) {
        if element == "si" { strings.append(stringItem) }
    }
}
