import Foundation
import LiaisonCore

/// Writes agreements as an IIA API v7 get-response, in the order and with the types its XSD
/// requires, each `<iia>` with the `iia-hash` the official kit computes for it.
///
/// The home institution is the first `<partner>`: in EWP the institution that serves a response
/// is the first partner of each IIA in it.
public enum IIAResponseWriter {
    /// One agreement to write: its IIA and the `hei-id`s of both institutions.
    public struct Item: Sendable {
        public var iia: IIA
        public var ourHeiID: String
        public var partnerHeiID: String

        public init(iia: IIA, ourHeiID: String, partnerHeiID: String) {
            self.iia = iia
            self.ourHeiID = ourHeiID
            self.partnerHeiID = partnerHeiID
        }
    }

    static let namespace = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
    static let contactNamespace = "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1"

    /// Why an IIA cannot be written: a value holds a character XML cannot carry. The check
    /// comes first, so that no document without a hash, or not well-formed, is ever written.
    public struct Unwritable: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The whole document, UTF-8, ending in a newline.
    public static func document(_ items: [Item]) throws(Unwritable) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<iias-get-response xmlns=\"\(namespace)\" xmlns:c=\"\(contactNamespace)\">\n"
        for item in items { xml += try iiaElement(item) }
        xml += "</iias-get-response>\n"
        return xml
    }

    /// The kit's hash of one IIA as this writer writes it: what `iia-hash` says and what a
    /// partner's copy is compared with.
    public static func hash(_ item: Item) throws(Unwritable) -> IIAHash {
        try hashOfContent(item, iiaContent(try writable(item)))
    }

    /// The item, once no value of it holds a character XML forbids.
    private static func writable(_ item: Item) throws(Unwritable) -> Item {
        if let found = item.iia.valueXMLCannotCarry {
            throw Unwritable(description: "IIA " + (item.iia.ours?.iiaId ?? "without iia-id") + ": " + found.description)
        }
        for heiID in [item.ourHeiID, item.partnerHeiID] {
            if let scalar = XMLCharacters.firstForbidden(in: heiID) {
                throw Unwritable(description: "the hei-id \"\(heiID)\" holds the control character \(XMLCharacters.name(scalar)), which XML cannot carry")
            }
        }
        return item
    }

    /// The `<iia>` with `content` hashed as the kit would hash it.
    private static func hashOfContent(_ item: Item, _ content: String) throws(Unwritable) -> IIAHash {
        let hashed = "<?xml version=\"1.0\"?><iias-get-response xmlns=\"\(namespace)\" xmlns:c=\"\(contactNamespace)\"><iia>\n"
            + content + "</iia></iias-get-response>"
        // `writable` leaves nothing XML refuses; should a value still break the text, no hash is
        // better than the hash of nothing.
        let root: EWPXMLElement
        do { root = try EWPXMLElement.parseDocument(Data(hashed.utf8), source: "the written IIA") } catch {
            throw Unwritable(description: "IIA " + (item.iia.ours?.iiaId ?? "without iia-id") + " cannot be written as XML: \(error.description)")
        }
        guard let hash = IIAHash.all(in: root).first else { throw Unwritable(description: "the written IIA holds no <iia>") }
        return hash
    }

    /// `<iia>…</iia>` with its hash: the element is written once without the hash, hashed as
    /// the kit would hash it, and then written with it.
    static func iiaElement(_ item: Item) throws(Unwritable) -> String {
        let content = iiaContent(try writable(item))
        let hash = try hashOfContent(item, content).hash
        return "  <iia>\n" + content + "    <iia-hash>\(hash)</iia-hash>\n"
            + (item.iia.pdfFile.map { "    <pdf-file>\(escaped($0))</pdf-file>\n" } ?? "") + "  </iia>\n"
    }

    /// Everything of an `<iia>` up to its hash.
    static func iiaContent(_ item: Item) -> String {
        var xml = partner(item.ourHeiID, item.iia.ours ?? IIASide())
        xml += partner(item.partnerHeiID, item.iia.theirs ?? IIASide())
        xml += "    <in-effect>\(item.iia.inEffect == true)</in-effect>\n"
        let terminated = item.iia.terminatedAsAWhole.map { " terminated-as-a-whole=\"\($0)\"" } ?? ""
        xml += "    <cooperation-conditions\(terminated)>\n"
        // The XSD's sequence: all specifications of one kind before the next kind.
        for kind in MobilitySpecification.kinds {
            for mobility in item.iia.mobilities where mobility.kind == kind { xml += specification(mobility) }
        }
        xml += "    </cooperation-conditions>\n"
        return xml
    }

    static func partner(_ heiID: String, _ side: IIASide) -> String {
        var xml = "    <partner>\n"
        xml += leaf("hei-id", heiID, indent: 6)
        xml += leaf("ounit-id", side.ounitId, indent: 6)
        xml += leaf("iia-id", side.iiaId, indent: 6)
        xml += leaf("iia-code", side.iiaCode, indent: 6)
        if let name = side.signerName, !name.isEmpty {
            xml += "      <signing-contact>\n"
            xml += leaf("c:contact-name", name, indent: 8)
            xml += leaf("c:email", side.signerEmail, indent: 8)
            xml += leaf("c:role-description", side.signerRole, indent: 8)
            xml += "      </signing-contact>\n"
        }
        xml += leaf("signing-date", side.signingDate?.description, indent: 6)
        return xml + "    </partner>\n"
    }

    static func specification(_ mobility: MobilitySpecification) -> String {
        let name = EWPMobilityElement.element(for: mobility.kind) ?? mobility.kind
        var xml = "      <\(name)>\n"
        let indent = 8
        xml += leaf("sending-hei-id", mobility.sending, indent: indent)
        xml += leaf("sending-ounit-id", mobility.sendingOunitId, indent: indent)
        xml += leaf("receiving-hei-id", mobility.receiving, indent: indent)
        xml += leaf("receiving-ounit-id", mobility.receivingOunitId, indent: indent)
        xml += leaf("receiving-first-academic-year-id", mobility.firstAcademicYear, indent: indent)
        xml += leaf("receiving-last-academic-year-id", mobility.lastAcademicYear, indent: indent)
        xml += leaf("mobilities-per-year", mobility.mobilitiesPerYear.map(String.init), indent: indent)
        for skill in mobility.languageSkills {
            xml += "        <recommended-language-skill>\n"
            xml += leaf("language", skill.language, indent: 10)
            xml += leaf("cefr-level", skill.cefrLevel, indent: 10)
            if let area = skill.subjectArea { xml += subjectArea(area, indent: 10) }
            xml += "        </recommended-language-skill>\n"
        }
        for area in mobility.subjectAreas { xml += subjectArea(area, indent: indent) }
        xml += leaf("other-info-terms", mobility.otherInfoTerms, indent: indent)
        if mobility.isStudentMobility {
            xml += leaf("total-months-per-year", mobility.totalMonthsPerYear, indent: indent)
            xml += leaf("blended", String(mobility.blended ?? false), indent: indent)
            for level in mobility.eqfLevels { xml += leaf("eqf-level", String(level), indent: indent) }
        } else {
            xml += leaf("total-days-per-year", mobility.totalDaysPerYear, indent: indent)
        }
        return xml + "      </\(name)>\n"
    }

    static func subjectArea(_ area: SubjectArea, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        return pad + "<subject-area>\n" + leaf("isced-f-code", area.code, indent: indent + 2)
            + leaf("isced-clarification", area.clarification, indent: indent + 2) + pad + "</subject-area>\n"
    }

    /// `<name>value</name>` on a line of its own; nothing for an absent value.
    static func leaf(_ name: String, _ value: String?, indent: Int) -> String {
        guard let value else { return "" }
        return String(repeating: " ", count: indent) + "<\(name)>\(escaped(value))</\(name)>\n"
    }

    static func escaped(_ text: String) -> String { XMLMarkup.escaped(text) }
}
