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

    /// The whole document, UTF-8, ending in a newline.
    public static func document(_ items: [Item]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<iias-get-response xmlns=\"\(namespace)\" xmlns:c=\"\(contactNamespace)\">\n"
        for item in items { xml += iiaElement(item) }
        xml += "</iias-get-response>\n"
        return xml
    }

    /// The kit's hash of one IIA as this writer writes it: what `iia-hash` says and what a
    /// partner's copy is compared with.
    public static func hash(_ item: Item) -> IIAHash {
        let body = document([item])
        guard let root = try? EWPXMLElement.parseDocument(Data(body.utf8), source: "written IIA"),
              let hash = IIAHash.all(in: root).first else {
            // The writer's own output always parses; an empty text would only say it did not.
            return IIAHash(iiaID: item.iia.ours?.iiaId ?? "", textToHash: "", validForApproval: false)
        }
        return hash
    }

    /// `<iia>…</iia>` with its hash: the element is written once without the hash, hashed as
    /// the kit would hash it, and then written with it.
    static func iiaElement(_ item: Item) -> String {
        let content = iiaContent(item)
        let hashed = "<?xml version=\"1.0\"?><iias-get-response xmlns=\"\(namespace)\" xmlns:c=\"\(contactNamespace)\"><iia>\n"
            + content + "</iia></iias-get-response>"
        let hash = (try? EWPXMLElement.parseDocument(Data(hashed.utf8), source: "written IIA"))
            .flatMap { IIAHash.all(in: $0).first?.hash } ?? ""
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
