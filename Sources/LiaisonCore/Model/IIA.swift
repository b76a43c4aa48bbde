/// An agreement as an Erasmus Without Paper inter-institutional agreement (IIA API v7): what the
/// two institutions agreed, as EWP exchanges it. Kept on the agreement (`Agreement.iia`) so that
/// the network file stays the one place of an agreement; `liaison ewp` reads and writes it as XML.
///
/// The two sides are "ours" (the home institution, `Network.institution`) and "theirs" (the
/// partner the agreement belongs to), not EWP's first and second partner, whose order depends on
/// who sent the document.
public struct IIA: Equatable, Sendable {
    public var ours: IIASide?
    public var theirs: IIASide?
    /// Whether the agreement is in effect (EWP's `in-effect`, required in a get-response).
    public var inEffect: Bool?
    /// Terminated as a whole (`cooperation-conditions/@terminated-as-a-whole`).
    public var terminatedAsAWhole: Bool?
    /// The identifier of the signed PDF, where one was exchanged.
    public var pdfFile: String?
    public var mobilities: [MobilitySpecification] = []
    public var extra = JSONObject()

    public init() {}
}

/// One institution's part of an IIA: its own id and code for the agreement, the organisational
/// unit it is made for, and who signed it when.
public struct IIASide: Equatable, Sendable {
    /// The institution's `iia-id` (ASCII, given by its own system).
    public var iiaId: String?
    /// The institution's human-readable `iia-code`.
    public var iiaCode: String?
    public var ounitId: String?
    public var signerName: String?
    public var signerRole: String?
    public var signerEmail: String?
    public var signingDate: Day?
    public var extra = JSONObject()

    public init() {}
}

/// One direction of mobility an IIA allows: who sends whom to whom, for which years, how many and
/// for how long, in which subjects and at which levels.
public struct MobilitySpecification: Equatable, Sendable {
    /// The four kinds of specification IIA v7 knows, in the order its cooperation conditions list them.
    public static let kinds = ["student-studies", "student-traineeship", "staff-teaching", "staff-training"]

    public var kind = ""
    /// The sending institution's `hei-id` (SCHAC code).
    public var sending = ""
    public var sendingOunitId: String?
    public var receiving = ""
    public var receivingOunitId: String?
    /// `2014/2015`.
    public var firstAcademicYear = ""
    public var lastAcademicYear = ""
    public var mobilitiesPerYear: Int?
    /// Students' total months per year, a decimal as written (`5`, `4.5`).
    public var totalMonthsPerYear: String?
    /// Staff's total days per year, a decimal as written.
    public var totalDaysPerYear: String?
    /// Student mobilities only.
    public var blended: Bool?
    /// EQF levels 1–8 (student studies).
    public var eqfLevels: [Int] = []
    public var subjectAreas: [SubjectArea] = []
    public var languageSkills: [LanguageSkill] = []
    public var otherInfoTerms: String?
    public var extra = JSONObject()

    public init() {}

    public var isStudentMobility: Bool { kind.hasPrefix("student-") }
}

/// An ISCED-F 2013 field of education, with the IIA's words on what exactly within it.
public struct SubjectArea: Equatable, Sendable {
    public var code = ""
    public var clarification: String?
    public var extra = JSONObject()

    public init(code: String = "", clarification: String? = nil) {
        self.code = code
        self.clarification = clarification
    }
}

/// A language a mobility recommends, at a CEFR level, possibly for one subject area.
public struct LanguageSkill: Equatable, Sendable {
    public static let cefrLevels = ["A1", "A2", "B1", "B2", "C1", "C2"]

    /// A language tag: `en`, `de`, `pt-BR`.
    public var language = ""
    public var cefrLevel: String?
    public var subjectArea: SubjectArea?
    public var extra = JSONObject()

    public init() {}
}
