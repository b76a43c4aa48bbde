import Crypto
import Foundation

/// What EWP's official IIA v7 hash kit (`transform_version_7.xsl`, from the IIAs API's
/// `resources/xsltKit`) makes of one `<iia>` of a get-response: the "text-to-hash", the
/// `iia-hash` (SHA-256 of it, lowercase hex) and whether the IIA may be approved.
///
/// Partners compare hashes the kit made, so this follows the XSLT step by step, its quirks
/// included, rather than the prose describing it (see `IIATextToHash`).
public struct IIAHash: Sendable, Equatable {
    /// The first partner's `iia-id`, which the kit reports beside the text.
    public let iiaID: String
    public let textToHash: String
    /// False where the document has an element marked `not-yet-defined` or an `isced-f-code`
    /// with a `v6-value`: values IIA v7 requires that the user has not confirmed yet.
    public let validForApproval: Bool

    public init(iiaID: String, textToHash: String, validForApproval: Bool) {
        self.iiaID = iiaID
        self.textToHash = textToHash
        self.validForApproval = validForApproval
    }

    public var hash: String {
        SHA256.hash(data: Data(textToHash.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// One result per `<iia>` in the document, in document order, as the kit gives them.
    public static func all(in document: EWPXMLElement) -> [IIAHash] {
        let context = IIATextToHash.DocumentContext(document)
        return IIATextToHash.iias(in: document).map { found in
            IIAHash(
                iiaID: found.iia.child(named: "partner")?.child(named: "iia-id")?.stringValue ?? "",
                textToHash: IIATextToHash(iia: found.iia, underNotYetDefined: found.underNotYetDefined, context: context).text,
                validForApproval: !context.hasUnconfirmedValues
            )
        }
    }

    /// Parses a get-response and hashes each of its IIAs.
    public static func all(inXML data: Data, source: String) throws(EWPDocumentError) -> [IIAHash] {
        all(in: try EWPXMLElement.parseDocument(data, source: source))
    }
}

/// The kit's text-to-hash of one IIA. Every value is written `_name=value_`, every attribute
/// `_@name=value@_`:
/// - first `_@terminated-as-a-whole@_` if the document's cooperation conditions say so;
/// - each partner's `iia-id`, named `iia-id_1`, `iia-id_2` by position (so the text changes when
///   the mapping of ids to partners does);
/// - for each mobility specification, each element inside it in document order: its attributes
///   (all but `not-yet-defined` and `v6-value`), then, if it has no child elements, its value,
///   named by its parent's parent, its parent and itself (`cooperation-conditions.
///   staff-teacher-mobility-spec.mobilities-per-year`, `student-studies-mobility-spec.
///   subject-area.isced-f-code`). Left out: the sending and receiving contacts' contents, the
///   academic years (written after the rest instead), and anything marked `not-yet-defined` or
///   inside such an element. An `isced-f-code` with a `v6-value` is written as that value;
/// - then the spec's `receiving-first-academic-year-id` and `receiving-last-academic-year-id`.
///
/// Values are the elements' text exactly as it stands (no trimming): only whitespace between
/// elements, which is no value, can change without changing the hash.
struct IIATextToHash {
    /// What the kit looks up in the whole document rather than in the IIA (its `//` paths), so
    /// that in a response with several IIAs these flags are shared by all of them.
    struct DocumentContext {
        /// Any `cooperation-conditions` in the document with `terminated-as-a-whole` true.
        let anyTerminatedAsAWhole: Bool
        /// Any element in the document marked `not-yet-defined`, or with a non-empty `v6-value`.
        let hasUnconfirmedValues: Bool

        init(_ document: EWPXMLElement) {
            let all = document.descendantsAndSelf { _ in true }
            anyTerminatedAsAWhole = all.contains {
                $0.name == "cooperation-conditions" && IIATextToHash.isTrue($0.attributes["terminated-as-a-whole"])
            }
            hasUnconfirmedValues = all.contains {
                IIATextToHash.isNotYetDefined($0) || !($0.attributes["v6-value"] ?? "").isEmpty
            }
        }
    }

    private(set) var text = ""

    /// Every `<iia>` in document order, and whether an element around it is `not-yet-defined`
    /// (which, for the kit's ancestor-or-self test, leaves out all of its specifications' contents).
    static func iias(in document: EWPXMLElement) -> [(iia: EWPXMLElement, underNotYetDefined: Bool)] {
        func walk(_ element: EWPXMLElement, underNotYetDefined: Bool) -> [(iia: EWPXMLElement, underNotYetDefined: Bool)] {
            let here = element.name == "iia" ? [(element, underNotYetDefined)] : []
            let inside = underNotYetDefined || isNotYetDefined(element)
            return here + element.children.flatMap { walk($0, underNotYetDefined: inside) }
        }
        return walk(document, underNotYetDefined: false)
    }

    init(iia: EWPXMLElement, underNotYetDefined: Bool, context: DocumentContext) {
        if context.anyTerminatedAsAWhole { text += "_@terminated-as-a-whole@_" }
        for (position, partner) in iia.children(named: "partner").enumerated() {
            write(partner.child(named: "iia-id"), as: "iia-id_\(position + 1)")
        }
        // Above a specification only `not-yet-defined` matters (the kit's ancestor-or-self test)
        // and the names of the two nearest ancestors, cooperation-conditions and the IIA.
        let iiaNotYetDefined = underNotYetDefined || Self.isNotYetDefined(iia)
        for conditions in iia.children(named: "cooperation-conditions") {
            for specification in conditions.children {
                let ancestors = [iia.name, conditions.name]
                let suppressed = iiaNotYetDefined || Self.isNotYetDefined(conditions)
                for child in specification.children {
                    writeElement(child, ancestors: ancestors + [specification.name],
                                 suppressed: suppressed || Self.isNotYetDefined(specification))
                }
                write(specification.child(named: "receiving-first-academic-year-id"), as: "receiving-first-academic-year-id")
                write(specification.child(named: "receiving-last-academic-year-id"), as: "receiving-last-academic-year-id")
            }
        }
    }

    /// Elements whose contents the kit leaves out (they are contacts: who, not what is agreed).
    private static let contacts: Set<String> = ["sending-contact", "receiving-contact"]
    /// Written after the rest of the specification instead of in document order.
    private static let academicYears: Set<String> = ["receiving-first-academic-year-id", "receiving-last-academic-year-id"]
    /// Attributes the kit reads but never writes.
    private static let unwrittenAttributes: Set<String> = ["not-yet-defined", "v6-value"]

    /// One element inside a specification and, in document order, everything inside it.
    /// `ancestors` are the local names from the document node down to the element's parent.
    private mutating func writeElement(_ element: EWPXMLElement, ancestors: [String], suppressed: Bool) {
        let suppressed = suppressed || Self.isNotYetDefined(element)
        let insideContact = ancestors.contains { Self.contacts.contains($0) }
        if !suppressed && !insideContact && !Self.academicYears.contains(element.name) {
            let parent = ancestors[ancestors.count - 1]
            let grandparent = ancestors[ancestors.count - 2]
            // @* has no defined order in XPath; a v7 IIA has no other attribute inside a
            // specification, so sorting by name only matters for unknown extensions.
            for (name, value) in element.attributes.sorted(by: { $0.key < $1.key }) where !Self.unwrittenAttributes.contains(name) {
                text += "_@\(grandparent).\(parent).\(element.name).\(name)=\(value)@_"
            }
            if element.children.isEmpty {
                write(element, as: "\(grandparent).\(parent).\(element.name)")
            }
        }
        for child in element.children {
            writeElement(child, ancestors: ancestors + [element.name], suppressed: suppressed)
        }
    }

    /// `_name=value_`, the value empty where the element is missing (as XPath's empty string).
    private mutating func write(_ element: EWPXMLElement?, as name: String) {
        text += "_\(name)=\(element.map(Self.value) ?? "")_"
    }

    /// An element's value as the kit writes it: an `isced-f-code`'s `v6-value` where it has one.
    private static func value(of element: EWPXMLElement) -> String {
        if element.name == "isced-f-code", let v6Value = element.attributes["v6-value"], !v6Value.isEmpty {
            return v6Value
        }
        return element.stringValue
    }

    private static func isNotYetDefined(_ element: EWPXMLElement) -> Bool {
        isTrue(element.attributes["not-yet-defined"])
    }

    /// The kit's test of an xs:boolean attribute: the exact text `true` or `1`.
    static func isTrue(_ value: String?) -> Bool { value == "true" || value == "1" }
}

extension EWPXMLElement {
    /// This element and all below it that match, in document order.
    func descendantsAndSelf(where matches: (EWPXMLElement) -> Bool) -> [EWPXMLElement] {
        var found = matches(self) ? [self] : []
        for child in children { found += child.descendantsAndSelf(where: matches) }
        return found
    }

}
