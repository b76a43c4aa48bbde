/// Two copies of one IIA, ours and the partner's, compared field by field in words people read:
/// "staff teaching, RUB to hibo.no: mobilities per year 2 (ours) vs 3 (theirs)".
///
/// The EWP v7 hash decides whether two copies agree, so the comparison separates what the hash
/// covers from what it does not (`IIAHashCoverage`): a difference in the first explains why the
/// hashes differ; one in the second (an IIA code, a signature) is listed apart, so that people
/// see why the hashes match anyway. Fields and their labels come from the schema tables.
public struct IIAComparison: Equatable, Sendable {
    public struct Difference: Equatable, Sendable {
        public let text: String
        /// Whether the EWP v7 hash covers the field: a difference here changes the hash.
        public let inHash: Bool
    }

    public private(set) var differences: [Difference] = []

    /// Differences that change the hash.
    public var hashed: [String] { differences.filter(\.inHash).map(\.text) }
    /// Differences the hash ignores.
    public var notInHash: [String] { differences.filter { !$0.inHash }.map(\.text) }
    /// Whether the copies agree in everything the hash covers.
    public var agreesInHash: Bool { !differences.contains(where: \.inHash) }

    public init(ours: IIA, theirs: IIA, parties: IIAParties) {
        let ours = IIAHashCoverage.asExchanged(ours)
        let theirs = IIAHashCoverage.asExchanged(theirs)
        compareSide(ours.ours ?? IIASide(), theirs.ours ?? IIASide(), of: parties.ourName)
        compareSide(ours.theirs ?? IIASide(), theirs.theirs ?? IIASide(), of: parties.partnerName)
        compareFields(Schemas.iia, ours, theirs, prefix: "", hashedKeys: IIAHashCoverage.iiaKeys)
        compareMobilities(ours.mobilities, theirs.mobilities, parties: parties)
    }

    private mutating func add(_ text: String, inHash: Bool) {
        differences.append(Difference(text: text, inHash: inHash))
    }

    private mutating func compareSide(_ ours: IIASide, _ theirs: IIASide, of name: String) {
        compareFields(Schemas.iiaSide, ours, theirs, prefix: "\(name): ", hashedKeys: IIAHashCoverage.sideKeys)
    }

    /// The fields of one table that hold values (nested records are compared by their callers).
    private mutating func compareFields<Record>(_ schema: RecordSchema<Record>, _ ours: Record, _ theirs: Record,
                                                prefix: String, hashedKeys: Set<String>?,
                                                elementTexts: (_ key: String, Record) -> [String]? = { _, _ in nil }) {
        for field in schema.fields {
            let inHash = hashedKeys?.contains(field.key) ?? true
            if let a = elementTexts(field.key, ours), let b = elementTexts(field.key, theirs) {
                compareList(a, b, label: field.info.label, prefix: prefix, inHash: inHash)
            } else if field.type == .object || field.type == .records {
                continue
            } else if field.type.isList {
                compareList(field.texts(ours), field.texts(theirs), label: field.info.label, prefix: prefix, inHash: inHash)
            } else {
                let a = field.texts(ours).first, b = field.texts(theirs).first
                guard a != b else { continue }
                add("\(prefix)\(Self.lowercased(field.info.label)) \(a ?? "none") (ours) vs \(b ?? "none") (theirs)", inHash: inHash)
            }
        }
    }

    /// Lists are compared as sets of values first ("subject area 0541 only in theirs"), then,
    /// where they hold the same values, by order, which the hash also sees.
    private mutating func compareList(_ ours: [String], _ theirs: [String], label: String, prefix: String, inHash: Bool) {
        let name = Self.singular(Self.lowercased(label))
        var unmatched = theirs
        var onlyOurs: [String] = []
        for value in ours {
            if let index = unmatched.firstIndex(of: value) { unmatched.remove(at: index) } else { onlyOurs.append(value) }
        }
        for value in onlyOurs { add("\(prefix)\(name) \(value) only in ours", inHash: inHash) }
        for value in unmatched { add("\(prefix)\(name) \(value) only in theirs", inHash: inHash) }
        if onlyOurs.isEmpty && unmatched.isEmpty && ours != theirs {
            add("\(prefix)\(Self.lowercased(label)) in another order: \(ours.joined(separator: ", ")) (ours) vs \(theirs.joined(separator: ", ")) (theirs)", inHash: inHash)
        }
    }

    // MARK: Mobility specifications

    private mutating func compareMobilities(_ ours: [MobilitySpecification], _ theirs: [MobilitySpecification], parties: IIAParties) {
        let pairing = MobilityPairing(ours: ours, theirs: theirs)
        func name(_ mobility: MobilitySpecification) -> String {
            let alike = { (other: MobilitySpecification) in MobilityPairing.sameDirection(mobility, other) }
            return Self.describe(mobility, parties: parties, withYears: ours.filter(alike).count > 1 || theirs.filter(alike).count > 1)
        }
        for kind in MobilitySpecification.kinds {
            let pairs = pairing.pairs.filter { ours[$0.ours].kind == kind }
            for pair in pairs {
                compareFields(Schemas.mobilitySpecification, ours[pair.ours], theirs[pair.theirs],
                              prefix: name(ours[pair.ours]) + ": ", hashedKeys: nil, elementTexts: IIAHashCoverage.elementTexts)
            }
            // The hash reads specifications in document order: a pairing that crosses over is
            // a difference in the hash even when every pair agrees.
            let order = pairs.sorted { $0.ours < $1.ours }.map(\.theirs)
            if order != order.sorted() {
                add("\(Self.kindName(kind)): the same specifications in another order", inHash: true)
            }
            for index in pairing.onlyOurs where ours[index].kind == kind { add("\(name(ours[index])): only in ours", inHash: true) }
            for index in pairing.onlyTheirs where theirs[index].kind == kind { add("\(name(theirs[index])): only in theirs", inHash: true) }
        }
        // A kind IIA v7 does not know has no place in the document's order; list it last.
        for index in pairing.onlyOurs where !MobilitySpecification.kinds.contains(ours[index].kind) {
            add("\(name(ours[index])): only in ours", inHash: true)
        }
        for index in pairing.onlyTheirs where !MobilitySpecification.kinds.contains(theirs[index].kind) {
            add("\(name(theirs[index])): only in theirs", inHash: true)
        }
    }

    /// "staff teaching, RUB (unit 140) to hibo.no", with the academic years where that alone
    /// tells specifications of one kind and direction apart.
    static func describe(_ mobility: MobilitySpecification, parties: IIAParties, withYears: Bool) -> String {
        func institution(_ heiID: String, _ unit: String?) -> String {
            parties.name(of: heiID) + (unit.map { " (unit \($0))" } ?? "")
        }
        var text = "\(kindName(mobility.kind)), \(institution(mobility.sending, mobility.sendingOunitId)) to \(institution(mobility.receiving, mobility.receivingOunitId))"
        if withYears { text += ", \(mobility.firstAcademicYear)-\(mobility.lastAcademicYear)" }
        return text
    }

    /// `staff-teaching` → "staff teaching".
    static func kindName(_ kind: String) -> String { kind.replacingOccurrences(of: "-", with: " ") }

    /// A label inside a sentence: "Mobilities per year" → "mobilities per year"; an
    /// abbreviation keeps its capitals ("EQF levels", "IIA id").
    static func lowercased(_ label: String) -> String {
        let letters = Array(label)
        guard letters.count > 1, letters[1].isLowercase else { return label }
        return letters[0].lowercased() + String(letters.dropFirst())
    }

    /// One value of a list field: "subject areas" → "subject area". The list fields of an IIA
    /// are all regular plurals.
    static func singular(_ label: String) -> String {
        label.hasSuffix("s") ? String(label.dropLast()) : label
    }
}

/// The two institutions of an IIA and the names they are shown by: the network's short names
/// where it knows them, else their `hei-id`s.
public struct IIAParties: Equatable, Sendable {
    public var ourHeiID: String
    public var partnerHeiID: String
    public var ourName: String
    public var partnerName: String

    public init(ourHeiID: String, partnerHeiID: String, ourName: String? = nil, partnerName: String? = nil) {
        self.ourHeiID = ourHeiID
        self.partnerHeiID = partnerHeiID
        self.ourName = Self.shown(ourName) ?? ourHeiID
        self.partnerName = Self.shown(partnerName) ?? partnerHeiID
    }

    /// The parties as the network knows them: our short name, the partner's (found by its
    /// `hei-id` when not given).
    public init(ourHeiID: String, partnerHeiID: String, network: Network, partner: Partner? = nil) {
        let partner = partner ?? network.partners.first { $0.heiID.map { SCHACCode.same($0, partnerHeiID) } ?? false }
        self.init(ourHeiID: ourHeiID, partnerHeiID: partnerHeiID,
                  ourName: network.institution.shortName, partnerName: partner?.shortName)
    }

    /// The name an institution of an IIA is shown by: ours or the partner's, else its `hei-id`.
    public func name(of heiID: String) -> String {
        if SCHACCode.same(heiID, ourHeiID) { return ourName }
        if SCHACCode.same(heiID, partnerHeiID) { return partnerName }
        return heiID
    }

    private static func shown(_ name: String?) -> String? {
        guard let name, !name.allSatisfy(\.isWhitespace) else { return nil }
        return name
    }
}

/// What of an IIA the EWP v7 hash covers (the official kit's `transform_version_7.xsl`; see
/// `IIATextToHash` in LiaisonInterchange), as keys of the schema tables. The comparison asks
/// this and nothing else, so the rule is stated once.
enum IIAHashCoverage {
    /// Of the IIA itself: terminated as a whole and the mobility specifications (compared one
    /// by one); not in effect, not the PDF.
    static let iiaKeys: Set<String> = ["terminatedAsAWhole", "mobilities"]
    /// Of each side: only its `iia-id`; not the IIA code, the unit, the signer or the date.
    static let sideKeys: Set<String> = ["iiaId"]
    // Every field of a mobility specification is in the hash (its contacts, which the hash
    // leaves out, are not kept in the model).

    /// One text per element of a field that holds nested records, for comparing it as a list;
    /// nil for the other fields.
    static func elementTexts(_ key: String, of mobility: MobilitySpecification) -> [String]? {
        switch key {
        case "subjectAreas": mobility.subjectAreas.map(text)
        case "languageSkills":
            mobility.languageSkills.map { skill in
                [skill.language, skill.cefrLevel, skill.subjectArea.map { "for " + text($0) }].compactMap { $0 }.joined(separator: " ")
            }
        default: nil
        }
    }

    /// "0541 (Statistics)".
    static func text(_ area: SubjectArea) -> String {
        area.code + (area.clarification.map { " (\($0))" } ?? "")
    }

    /// The IIA as an EWP document states it: values IIA v7 writes in one way whatever the model
    /// holds are made so (a student mobility is blended or not, never unknown; a flag absent is
    /// false), and values a kind of specification has no element for are dropped. Two copies
    /// equal here have equal hashes when their values are spelled alike and in the same order.
    static func asExchanged(_ iia: IIA) -> IIA {
        var iia = iia
        iia.inEffect = iia.inEffect ?? false
        iia.terminatedAsAWhole = iia.terminatedAsAWhole ?? false
        iia.mobilities = iia.mobilities.map { mobility in
            var mobility = mobility
            if mobility.isStudentMobility {
                mobility.blended = mobility.blended ?? false
                mobility.totalDaysPerYear = nil
            } else {
                mobility.blended = nil
                mobility.totalMonthsPerYear = nil
                mobility.eqfLevels = []
            }
            return mobility
        }
        return iia
    }
}

/// Which specification of ours is which of theirs: first those of the same kind, institutions
/// and units, then those of the same kind and institutions (a unit changed); within each, the
/// pair with the fewest differing fields first, ties by position. The rest are only on one side.
struct MobilityPairing {
    private(set) var pairs: [(ours: Int, theirs: Int)] = []
    private(set) var onlyOurs: [Int] = []
    private(set) var onlyTheirs: [Int] = []

    init(ours: [MobilitySpecification], theirs: [MobilitySpecification]) {
        var freeOurs = Array(ours.indices), freeTheirs = Array(theirs.indices)
        let sameUnits: (MobilitySpecification, MobilitySpecification) -> Bool = {
            Self.sameDirection($0, $1) && $0.sendingOunitId == $1.sendingOunitId && $0.receivingOunitId == $1.receivingOunitId
        }
        for matches in [sameUnits, Self.sameDirection] {
            while let best = Self.closest(freeOurs, freeTheirs, ours, theirs, where: matches) {
                pairs.append(best)
                freeOurs.removeAll { $0 == best.ours }
                freeTheirs.removeAll { $0 == best.theirs }
            }
        }
        onlyOurs = freeOurs
        onlyTheirs = freeTheirs
    }

    static func sameDirection(_ a: MobilitySpecification, _ b: MobilitySpecification) -> Bool {
        a.kind == b.kind && SCHACCode.same(a.sending, b.sending) && SCHACCode.same(a.receiving, b.receiving)
    }

    private static func closest(_ freeOurs: [Int], _ freeTheirs: [Int], _ ours: [MobilitySpecification], _ theirs: [MobilitySpecification],
                                where matches: (MobilitySpecification, MobilitySpecification) -> Bool) -> (ours: Int, theirs: Int)? {
        var best: (ours: Int, theirs: Int, distance: Int)?
        for o in freeOurs {
            for t in freeTheirs where matches(ours[o], theirs[t]) {
                let distance = self.distance(ours[o], theirs[t])
                if best == nil || distance < best!.distance { best = (o, t, distance) }
            }
        }
        return best.map { ($0.ours, $0.theirs) }
    }

    /// How many fields of the table differ.
    private static func distance(_ a: MobilitySpecification, _ b: MobilitySpecification) -> Int {
        Schemas.mobilitySpecification.fields.filter { $0.texts(a) != $0.texts(b) }.count
            + (a.subjectAreas == b.subjectAreas ? 0 : 1) + (a.languageSkills == b.languageSkills ? 0 : 1)
    }
}

extension IIA {
    /// Whether another copy is of the same agreement: one side's `iia-id` is the same in both.
    /// Each institution gives its own id, so our id names the agreement in the partner's copy too.
    public func sharesID(with other: IIA) -> Bool {
        func same(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b, !a.isEmpty else { return false }
            return a == b
        }
        return same(ours?.iiaId, other.ours?.iiaId) || same(theirs?.iiaId, other.theirs?.iiaId)
    }
}
