import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of an EWP document, named as EWP's own XSLT names it: by local name, since the
/// official hash kit matches every element with `local-name()` and ignores namespaces (a
/// `c:contact` is a `contact`). Keeps the line it starts on, so that messages can point at it.
public struct EWPXMLElement: Sendable {
    public let name: String
    /// The namespace the element is in, nil for none: the schema check compares it with the XSD's.
    public let namespace: String?
    /// By local name; namespace declarations (`xmlns`, `xmlns:c`) are not attributes.
    public let attributes: [String: String]
    public internal(set) var children: [EWPXMLElement] = []
    /// Text runs and child elements in document order, so that mixed content keeps its order.
    var content: [Content] = []
    /// The line its start tag ends on (where the parser reports it).
    public let line: Int

    enum Content: Sendable {
        case text(String)
        case child(index: Int)
    }

    init(name: String, namespace: String? = nil, attributes: [String: String], line: Int) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.line = line
    }

    public func children(named name: String) -> [EWPXMLElement] { children.filter { $0.name == name } }
    public func child(named name: String) -> EWPXMLElement? { children.first { $0.name == name } }

    /// XPath's string value: the text (and CDATA) of the element and all its descendants in
    /// document order, entities resolved. Comments and processing instructions are no part of it.
    public var stringValue: String {
        content.map { piece in
            switch piece {
            case .text(let text): text
            case .child(let index): children[index].stringValue
            }
        }.joined()
    }

    mutating func append(text: String) {
        if case .text(let earlier) = content.last {
            content[content.count - 1] = .text(earlier + text)
        } else {
            content.append(.text(text))
        }
    }

    mutating func append(child: EWPXMLElement) {
        content.append(.child(index: children.count))
        children.append(child)
    }
}

/// An EWP file that cannot be read or is not well-formed XML, with where the parser stopped.
public struct EWPDocumentError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The file could not be read at all (missing, a directory, no permission): the CLI's
    /// "unreadable file" rather than a file with wrong contents.
    public var isUnreadableFile = false

    public init(description: String, isUnreadableFile: Bool = false) {
        self.description = description
        self.isUnreadableFile = isUnreadableFile
    }
}

extension EWPXMLElement {
    /// Parses an XML document into its root element. External entities are not fetched.
    /// A document that is not well-formed is an error naming the file, where (line and column)
    /// and why, in words rather than the parser's error numbers.
    public static func parseDocument(_ data: Data, source: String) throws(EWPDocumentError) -> EWPXMLElement {
        // The parser reports a forbidden character where its buffer ends, not where the
        // character is: find it first, so that the message points at it.
        if let forbidden = XMLForbiddenByte.first(in: data) {
            throw EWPDocumentError(description: "\(source): not well-formed XML at line \(forbidden.line), column \(forbidden.column): "
                + "the character \(forbidden.character) is not allowed in XML (only tab, line feed and carriage return of the control characters are)")
        }
        let builder = EWPXMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        // The parser can report success with an error set (a file cut off): both are looked at.
        let parsed = parser.parse()
        guard parsed, parser.parserError == nil, let root = builder.root, !builder.hasContentAfterRoot else {
            let code = (parser.parserError as NSError?)?.code
            let reason = XMLParserErrorWords.reason(code: code, started: builder.started, open: builder.openCount,
                                                    closedRoot: builder.root != nil, looksLikeJSON: XMLForbiddenByte.looksLikeJSON(data))
            let place = builder.started && parser.lineNumber > 0 ? " at line \(parser.lineNumber), column \(parser.columnNumber)" : ""
            throw EWPDocumentError(description: "\(source): not well-formed XML\(place): \(reason)")
        }
        return root
    }
}

/// Builds the element tree from XMLParser's events, one open element per level.
private final class EWPXMLTreeBuilder: NSObject, XMLParserDelegate {
    private var open: [EWPXMLElement] = []
    private(set) var root: EWPXMLElement?
    /// Whether any element started, and whether one started after the root element closed.
    private(set) var started = false
    private(set) var hasContentAfterRoot = false
    var openCount: Int { open.count }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        var localAttributes: [String: String] = [:]
        for (name, value) in attributes where name != "xmlns" && !name.hasPrefix("xmlns:") {
            localAttributes[Self.localName(name)] = value
        }
        if root != nil { hasContentAfterRoot = true }
        started = true
        let namespace = namespaceURI.flatMap { $0.isEmpty ? nil : $0 }
        open.append(EWPXMLElement(name: Self.localName(elementName), namespace: namespace, attributes: localAttributes, line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = open.popLast() else { return }
        if open.isEmpty {
            if root == nil { root = element }
        } else {
            open[open.count - 1].append(child: element)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { appendText(string) }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { appendText(String(decoding: CDATABlock, as: UTF8.self)) }

    private func appendText(_ text: String) {
        guard !open.isEmpty else { return }
        open[open.count - 1].append(text: text)
    }

    private static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }
}
