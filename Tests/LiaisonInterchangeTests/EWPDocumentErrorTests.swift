import Foundation
import LiaisonInterchange
import Testing

/// What `EWPXMLElement.parseDocument` says of a file that is not well-formed XML: where, and
/// why in words, never the parser's error number alone.
@Suite("EWP documents that are not XML: where and why")
struct EWPDocumentErrorTests {
    static func message(_ text: String) -> String {
        do {
            _ = try EWPXMLElement.parseDocument(Data(text.utf8), source: "f.xml")
            return "parsed"
        } catch {
            return error.description
        }
    }

    static let head = "<?xml version=\"1.0\"?>\n<iias-get-response>\n"

    @Test("A raw control character is found at its own line and column, named U+XXXX")
    func controlCharacter() {
        let lines = (1...200).map { "  <x>line \($0)</x>" }
        var text = Self.head + lines.joined(separator: "\n") + "\n</iias-get-response>\n"
        text = text.replacingOccurrences(of: "<x>line 17</x>", with: "<x>zoł\u{1B}w</x>")
        #expect(Self.message(text) == "f.xml: not well-formed XML at line 19, column 9: the character U+001B is not allowed in XML "
            + "(only tab, line feed and carriage return of the control characters are)")
        #expect(Self.message("<a>\r\nb\u{0}</a>").hasPrefix("f.xml: not well-formed XML at line 2, column 2: the character U+0000"))
        #expect(Self.message("<a>\u{FFFF}</a>").contains("at line 1, column 4: the character U+FFFF"))
        #expect(Self.message("<a>\ttab\r\n</a>") == "parsed")
    }

    @Test("A file cut off, an empty file, JSON, content after the root and a mismatched tag are said in words", arguments: [
        (head + "<iia>\n<partner>", "ends before all its elements are closed (is the file cut off?)"),
        (head + "<iia>\n<partner></", "ends before all its elements are closed (is the file cut off?)"),
        ("", "f.xml: not well-formed XML: does not start with an XML element (is it XML?)"),
        ("   \n", "f.xml: not well-formed XML: does not start with an XML element (is it XML?)"),
        ("{\"iias\": []}", "f.xml: not well-formed XML: does not start with an XML element (it looks like JSON; an EWP file is XML)"),
        ("<a></a><b></b>", "has content after its root element is closed"),
        ("<a><b></c></a>", "at line 1, column 15: an end tag does not match the element it should close"),
        ("<a>x & y</a>", "write them &lt; and &amp;"),
        ("<a>&nbsp;</a>", "uses an entity XML does not define"),
    ])
    func inWords(text: String, expected: String) {
        let message = Self.message(text)
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("NSXMLParserErrorDomain") && !message.contains("error "), "\(message)")
    }
}
