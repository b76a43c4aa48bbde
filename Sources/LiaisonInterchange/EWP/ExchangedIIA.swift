import LiaisonCore

/// One `<iia>` of an IIA v7 get-response, read into Liaison's terms but still with EWP's two
/// parties in document order: which of them is the home institution is decided by `iia(ourHeiID:)`.
public struct ExchangedIIA: Sendable {
    /// One `<partner>` element: an institution's `hei-id` and its side of the agreement.
    public struct Party: Sendable {
        public var heiID: String
        public var side: IIASide
        public var line: Int
    }

    public var parties: [Party] = []
    public var inEffect: Bool?
    public var terminatedAsAWhole: Bool?
    public var pdfFile: String?
    public var mobilities: [MobilitySpecification] = []
    /// The `iia-hash` the document states.
    public var statedHash: String?
    /// What the official kit makes of this `<iia>`.
    public var computedHash: IIAHash
    /// The line the `<iia>` starts on.
    public var line: Int

    /// The agreement seen from the institution whose `hei-id` is `ourHeiID`: that party's side is
    /// ours, the other's theirs. Nil when neither party, or both, is ours.
    public func iia(ourHeiID: String) -> (iia: IIA, partnerHeiID: String)? {
        let ours = parties.filter { SCHACCode.same($0.heiID, ourHeiID) }
        let theirs = parties.filter { !SCHACCode.same($0.heiID, ourHeiID) }
        guard ours.count == 1, theirs.count == 1 else { return nil }
        var iia = IIA()
        iia.ours = ours[0].side
        iia.theirs = theirs[0].side
        iia.inEffect = inEffect
        iia.terminatedAsAWhole = terminatedAsAWhole
        iia.pdfFile = pdfFile
        iia.mobilities = mobilities
        return (iia, theirs[0].heiID)
    }
}

/// The names IIA v7 gives the kinds of mobility specification, beside Liaison's.
public enum EWPMobilityElement {
    static let byKind: [(kind: String, element: String)] = [
        ("student-studies", "student-studies-mobility-spec"),
        ("student-traineeship", "student-traineeship-mobility-spec"),
        ("staff-teaching", "staff-teacher-mobility-spec"),
        ("staff-training", "staff-training-mobility-spec"),
    ]

    public static func element(for kind: String) -> String? { byKind.first { $0.kind == kind }?.element }
    public static func kind(for element: String) -> String? { byKind.first { $0.element == element }?.kind }
}

/// Reads the `<iia>` elements of a get-response into `ExchangedIIA` values. Reads what is there
/// and leaves out what is not; whether the document follows the XSD is a separate check.
public enum IIAResponseReader {
    public static func iias(in document: EWPXMLElement) -> [ExchangedIIA] {
        let hashes = IIAHash.all(in: document)
        let elements = IIATextToHash.iias(in: document).map(\.iia)
        return zip(elements, hashes).map { element, hash in read(element, hash: hash) }
    }

    static func read(_ element: EWPXMLElement, hash: IIAHash) -> ExchangedIIA {
        var iia = ExchangedIIA(computedHash: hash, line: element.line)
        iia.parties = element.children(named: "partner").map { partner in
            var side = IIASide()
            side.iiaId = partner.text(of: "iia-id")
            side.iiaCode = partner.text(of: "iia-code")
            side.ounitId = partner.text(of: "ounit-id")
            side.signingDate = partner.text(of: "signing-date").flatMap { Day(String($0.prefix(10))) }
            if let signer = partner.child(named: "signing-contact") {
                let person = [signer.text(of: "person-given-names"), signer.text(of: "person-family-name")].compactMap { $0 }
                side.signerName = signer.text(of: "contact-name") ?? (person.isEmpty ? nil : person.joined(separator: " "))
                side.signerRole = signer.text(of: "role-description")
                side.signerEmail = signer.text(of: "email")
            }
            return ExchangedIIA.Party(heiID: partner.text(of: "hei-id") ?? "", side: side, line: partner.line)
        }
        iia.inEffect = element.text(of: "in-effect").flatMap(xmlBoolean)
        iia.pdfFile = element.text(of: "pdf-file")
        iia.statedHash = element.text(of: "iia-hash")
        if let conditions = element.child(named: "cooperation-conditions") {
            iia.terminatedAsAWhole = conditions.attributes["terminated-as-a-whole"].flatMap(xmlBoolean)
            iia.mobilities = conditions.children.compactMap(mobility)
        }
        return iia
    }

    static func mobility(_ element: EWPXMLElement) -> MobilitySpecification? {
        guard let kind = EWPMobilityElement.kind(for: element.name) else { return nil }
        var mobility = MobilitySpecification()
        mobility.kind = kind
        mobility.sending = element.text(of: "sending-hei-id") ?? ""
        mobility.sendingOunitId = element.text(of: "sending-ounit-id")
        mobility.receiving = element.text(of: "receiving-hei-id") ?? ""
        mobility.receivingOunitId = element.text(of: "receiving-ounit-id")
        mobility.firstAcademicYear = element.text(of: "receiving-first-academic-year-id") ?? ""
        mobility.lastAcademicYear = element.text(of: "receiving-last-academic-year-id") ?? ""
        mobility.mobilitiesPerYear = element.text(of: "mobilities-per-year").flatMap { Int($0) }
        mobility.totalMonthsPerYear = element.text(of: "total-months-per-year")
        mobility.totalDaysPerYear = element.text(of: "total-days-per-year")
        mobility.blended = element.text(of: "blended").flatMap(xmlBoolean)
        mobility.eqfLevels = element.children(named: "eqf-level").compactMap { Int($0.stringValue.trimmed) }
        mobility.subjectAreas = element.children(named: "subject-area").map(subjectArea)
        mobility.languageSkills = element.children(named: "recommended-language-skill").map { skillElement in
            var skill = LanguageSkill()
            skill.language = skillElement.text(of: "language") ?? ""
            skill.cefrLevel = skillElement.text(of: "cefr-level")
            skill.subjectArea = skillElement.child(named: "subject-area").map(subjectArea)
            return skill
        }
        mobility.otherInfoTerms = element.child(named: "other-info-terms")?.stringValue
        return mobility
    }

    static func subjectArea(_ element: EWPXMLElement) -> SubjectArea {
        SubjectArea(code: element.text(of: "isced-f-code") ?? "", clarification: element.text(of: "isced-clarification"))
    }

    /// xs:boolean: `true`, `false`, `1`, `0`, spaces around allowed.
    static func xmlBoolean(_ text: String) -> Bool? {
        switch text.trimmed {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}

extension EWPXMLElement {
    /// The trimmed text of the first child of that name; nil when there is none or it is empty.
    func text(of childName: String) -> String? {
        guard let text = child(named: childName)?.stringValue.trimmed, !text.isEmpty else { return nil }
        return text
    }
}

extension String {
    /// Without XML whitespace (space, tab, CR, LF) at either end, as XML Schema collapses
    /// values of simple types.
    var trimmed: String {
        let isXMLSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isXMLSpace($0) }), let end = lastIndex(where: { !isXMLSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
