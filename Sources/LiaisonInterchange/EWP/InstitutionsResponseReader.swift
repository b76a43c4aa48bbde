import LiaisonCore

/// Reads the `<hei>` elements of an EWP Institutions response (v2): hei-id, other ids, names and
/// websites with their languages, the abbreviation, and the street address's city and country.
/// Whether the document follows the XSD is `EWPSchemaCheck`'s question.
public enum InstitutionsResponseReader {
    public static func institutions(in document: EWPXMLElement, file: String) -> [EWPInstitution] {
        document.children(named: "hei").map { hei in
            var institution = EWPInstitution(heiID: hei.text(of: "hei-id") ?? "", location: "\(file):\(hei.line)")
            institution.otherIDs = hei.children(named: "other-id").compactMap { element in
                guard let type = element.attributes["type"]?.trimmed, let value = nonEmpty(element.stringValue) else { return nil }
                return EWPInstitution.OtherID(type: type, value: value)
            }
            institution.names = texts(hei.children(named: "name"))
            institution.abbreviation = hei.text(of: "abbreviation")
            institution.websites = texts(hei.children(named: "website-url"))
            let addresses = [hei.child(named: "street-address"), hei.child(named: "mailing-address")].compactMap { $0 }
            institution.city = addresses.lazy.compactMap { $0.text(of: "locality") }.first
            institution.country = addresses.lazy.compactMap { $0.text(of: "country") }.first
            return institution
        }
    }

    private static func texts(_ elements: [EWPXMLElement]) -> [EWPInstitution.Text] {
        elements.compactMap { element in
            nonEmpty(element.stringValue).map { EWPInstitution.Text($0, language: element.attributes["lang"]) }
        }
    }

    /// The text without XML whitespace at its ends; nil when nothing is left.
    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }
}
