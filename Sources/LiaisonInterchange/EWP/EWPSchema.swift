/// The two EWP documents Liaison reads, as declarative tables of their elements taken from the
/// official XSDs (`iias/get-response.xsd` v7, `institutions/response.xsd` v2 and the types they
/// import): each element's namespace, how often it may occur, its attributes, and either its
/// simple type or its children in the XSD's order. `EWPSchemaCheck` walks a document along them.
///
/// Contacts (`c:Contact`) and addresses are checked loosely, as the brief of this check allows:
/// their children may come in any order, but must be ones the XSD knows, a contact must have a
/// `contact-name`, and e-mail addresses and country codes must follow their types.
public struct EWPElementRule: Sendable {
    public enum Content: Sendable {
        /// Text of a simple type, no child elements.
        case simple(EWPSimpleType)
        /// These children in this order (an XSD sequence).
        case sequence([EWPElementRule])
        /// These children in any order, each as often as its rule allows.
        case loose([EWPElementRule])
        /// Whatever the XSD allows there; not looked into (phone numbers).
        case unchecked
    }

    public struct Attribute: Sendable {
        public var name: String
        public var type: EWPSimpleType
        public var required = false
    }

    public var name: String
    public var namespace: String
    public var min: Int
    /// Nil for unbounded.
    public var max: Int?
    public var content: Content
    public var attributes: [Attribute] = []

    /// Whether the element may occur more than once, so that its path says which one (`iia[2]`).
    var repeats: Bool { max.map { $0 > 1 } ?? true }
}

public enum EWPSchema {
    public static let iiasNamespace = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
    public static let institutionsNamespace = "https://github.com/erasmus-without-paper/ewp-specs-api-institutions/tree/stable-v2"
    static let contactNamespace = "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1"
    static let addressNamespace = "https://github.com/erasmus-without-paper/ewp-specs-types-address/tree/stable-v1"
    static let phoneNamespace = "https://github.com/erasmus-without-paper/ewp-specs-types-phonenumber/tree/stable-v1"

    /// The root elements Liaison reads, by local name.
    public static let roots: [EWPElementRule] = [iiasGetResponse, institutionsResponse]

    // MARK: shared types

    private static func element(_ name: String, _ namespace: String, _ min: Int, _ max: Int?, _ content: EWPElementRule.Content,
                                _ attributes: [EWPElementRule.Attribute] = []) -> EWPElementRule {
        EWPElementRule(name: name, namespace: namespace, min: min, max: max, content: content, attributes: attributes)
    }

    private static let lang = EWPElementRule.Attribute(name: "lang", type: .language)
    private static let notYetDefined = EWPElementRule.Attribute(name: "not-yet-defined", type: .boolean)

    /// `a:FlexibleAddress`, loosely: the XSD's choice between address lines and street parts is
    /// not checked.
    private static func address(_ name: String) -> EWPElementRule {
        let a = addressNamespace
        let text = EWPElementRule.Content.simple(.string)
        return element(name, a, 0, 1, .loose([
            element("recipientName", a, 0, nil, text), element("addressLine", a, 0, 4, text),
            element("buildingNumber", a, 0, 1, text), element("buildingName", a, 0, 1, text),
            element("streetName", a, 0, 1, text), element("unit", a, 0, 1, text), element("floor", a, 0, 1, text),
            element("postOfficeBox", a, 0, 1, text), element("deliveryPointCode", a, 0, nil, text),
            element("postalCode", a, 0, 1, text), element("locality", a, 0, 1, text), element("region", a, 0, 1, text),
            element("country", a, 0, 1, .simple(.countryCode)),
        ]))
    }

    /// The children of a `c:Contact`, loosely.
    private static let contactChildren: EWPElementRule.Content = {
        let c = contactNamespace, p = phoneNamespace
        return .loose([
            element("contact-name", c, 1, nil, .simple(.string), [lang]),
            element("person-given-names", c, 0, nil, .simple(.string), [lang]),
            element("person-family-name", c, 0, nil, .simple(.string), [lang]),
            element("person-gender", c, 0, 1, .simple(.string)),
            element("phone-number", p, 0, nil, .unchecked), element("fax-number", p, 0, nil, .unchecked),
            element("email", c, 0, nil, .simple(.email)),
            address("street-address"), address("mailing-address"),
            element("role-description", c, 0, nil, .simple(.string), [lang]),
        ])
    }()

    // MARK: IIA get-response v7

    private static func subjectArea(min: Int, max: Int?) -> EWPElementRule {
        let ns = iiasNamespace
        return element("subject-area", ns, min, max, .sequence([
            element("isced-f-code", ns, 1, 1, .simple(.isced), [.init(name: "v6-value", type: .iscedV6)]),
            element("isced-clarification", ns, 0, 1, .simple(.string)),
        ]))
    }

    /// One kind of mobility specification: the shared part, then the student's or the staff's.
    /// Studies and teaching require a recommended language skill; traineeships and training do not.
    private static func mobilitySpecification(_ name: String, student: Bool, languageRequired: Bool) -> EWPElementRule {
        let ns = iiasNamespace
        let decimal = EWPElementRule.Content.simple(.positiveDecimal)
        var children = [
            element("sending-hei-id", ns, 1, 1, .simple(.string)),
            element("sending-ounit-id", ns, 0, 1, .simple(.asciiPrintableIdentifier)),
            element("sending-contact", ns, 0, nil, contactChildren),
            element("receiving-hei-id", ns, 1, 1, .simple(.string)),
            element("receiving-ounit-id", ns, 0, 1, .simple(.asciiPrintableIdentifier)),
            element("receiving-contact", ns, 0, nil, contactChildren),
            element("receiving-first-academic-year-id", ns, 1, 1, .simple(.academicYearId)),
            element("receiving-last-academic-year-id", ns, 1, 1, .simple(.academicYearId)),
            element("mobilities-per-year", ns, 1, 1, .simple(.positiveInteger), [notYetDefined]),
            element("recommended-language-skill", ns, languageRequired ? 1 : 0, nil, .sequence([
                element("language", ns, 1, 1, .simple(.language)),
                element("cefr-level", ns, 0, 1, .simple(.cefr)),
                subjectArea(min: 0, max: 1),
            ]), [notYetDefined]),
            subjectArea(min: 0, max: nil),
            element("other-info-terms", ns, 0, 1, .simple(.string)),
        ]
        if student {
            children += [element("total-months-per-year", ns, 0, 1, decimal),
                         element("blended", ns, 1, 1, .simple(.boolean)),
                         element("eqf-level", ns, 0, nil, .simple(.eqfLevel))]
        } else {
            children.append(element("total-days-per-year", ns, 0, 1, decimal))
        }
        return element(name, ns, 0, nil, .sequence(children))
    }

    static let iiasGetResponse: EWPElementRule = {
        let ns = iiasNamespace
        let partner = element("partner", ns, 2, 2, .sequence([
            element("hei-id", ns, 1, 1, .simple(.string)),
            element("ounit-id", ns, 0, 1, .simple(.asciiPrintableIdentifier)),
            element("iia-id", ns, 0, 1, .simple(.asciiPrintableIdentifier)),
            element("iia-code", ns, 0, 1, .simple(.string)),
            element("signing-contact", ns, 0, 1, contactChildren),
            element("signing-date", ns, 0, 1, .simple(.date)),
            element("contact", contactNamespace, 0, nil, contactChildren),
        ]))
        let conditions = element("cooperation-conditions", ns, 1, 1, .sequence([
            mobilitySpecification("student-studies-mobility-spec", student: true, languageRequired: true),
            mobilitySpecification("student-traineeship-mobility-spec", student: true, languageRequired: false),
            mobilitySpecification("staff-teacher-mobility-spec", student: false, languageRequired: true),
            mobilitySpecification("staff-training-mobility-spec", student: false, languageRequired: false),
        ]), [.init(name: "terminated-as-a-whole", type: .boolean)])
        let iia = element("iia", ns, 0, nil, .sequence([
            partner,
            element("in-effect", ns, 1, 1, .simple(.boolean)),
            conditions,
            element("iia-hash", ns, 1, 1, .simple(.sha256Hex)),
            element("pdf-file", ns, 0, 1, .simple(.string)),
        ]))
        return element("iias-get-response", ns, 1, 1, .sequence([iia]))
    }()

    // MARK: Institutions response v2

    static let institutionsResponse: EWPElementRule = {
        let ns = institutionsNamespace
        let http = EWPElementRule.Content.simple(.http)
        let hei = element("hei", ns, 0, nil, .sequence([
            element("hei-id", ns, 1, 1, .simple(.string)),
            element("other-id", ns, 0, nil, .simple(.string), [.init(name: "type", type: .string, required: true)]),
            element("name", ns, 1, nil, .simple(.string), [lang]),
            element("abbreviation", ns, 0, 1, .simple(.string)),
            address("street-address"),
            address("mailing-address"),
            element("website-url", ns, 0, nil, http, [lang]),
            element("logo-url", ns, 0, 1, .simple(.https)),
            element("mobility-factsheet-url", ns, 0, nil, http, [lang]),
            element("course-catalogue-url", ns, 0, nil, http, [lang]),
            element("contact", contactNamespace, 0, nil, contactChildren),
            element("root-ounit-id", ns, 0, 1, .simple(.asciiPrintableIdentifier)),
            element("ounit-id", ns, 0, nil, .simple(.asciiPrintableIdentifier)),
        ]))
        return element("institutions-response", ns, 1, 1, .sequence([hei]))
    }()
}
