/// Works out what an `ewp import` does with the IIAs of one or more get-responses, against a
/// document. Nothing changes here.
///
/// - An IIA whose `iia-id` (ours, or the partner's for that partner) an agreement already has
///   updates that agreement: its EWP IIA becomes the file's. The agreement's own start, end,
///   subject areas and signing date follow the IIA (`IIADerivedFields`) unless someone changed
///   them since the IIA last set them. One whose iia-id of ours is that of an agreement with
///   another partner (another hei-id) is refused: it would move that agreement to another partner.
/// - Any other IIA adds an agreement of kind `erasmus` to the partner whose hei-id (SCHAC code,
///   else its website's domain) is the other party's. When no partner has it, one is made: from
///   an Institutions response given in the same import, else from the directory entry with that
///   SCHAC code, else named by the hei-id with the country its domain's ending names (`uw.edu.pl`:
///   PL); a hei-id that says no country (`.com`, `.eu`) is refused with what to do. A partner the
///   new one looks like (`Lookalike`: Erasmus code, SCHAC code, name and country) is taken
///   instead, never added twice, and given the hei-id as its SCHAC code if it had none.
/// - An IIA neither of whose parties (or both) is the home institution is refused.
public struct EWPImportPlanner {
    /// One IIA read from a file.
    public struct Item: Sendable {
        /// "get.xml:12".
        public var location: String
        public var heiIDs: [String]
        /// The agreement seen from the home institution, and the partner's hei-id; nil when
        /// neither party, or both, is the home institution.
        public var seenFromUs: (iia: IIA, partnerHeiID: String)?
        public var statedHash: String?
        public var computedHash: String

        public init(location: String, heiIDs: [String], seenFromUs: (iia: IIA, partnerHeiID: String)?, statedHash: String?, computedHash: String) {
            self.location = location
            self.heiIDs = heiIDs
            self.seenFromUs = seenFromUs
            self.statedHash = statedHash
            self.computedHash = computedHash
        }
    }

    private let document: Document
    private let ourHeiID: String?
    private let institutions: [EWPInstitution]
    private let directoryEntry: (String) -> DirectoryEntry?
    private var plan = EWPImportPlan()
    /// Partners as the import leaves them so far, by id, and the order they were first touched.
    private var pending: [String: Partner] = [:]
    private var order: [String] = []
    private var lookalikes: Lookalike.Index
    private var partnersByHeiID: [String: [String]] = [:]
    /// Agreements by our iia-id, and by the partner's hei-id and its iia-id.
    private var byOurIiaID: [String: (partner: String, agreement: String)] = [:]
    private var byTheirIiaID: [String: (partner: String, agreement: String)] = [:]
    /// The IIA that took each agreement in this import: a second one for it is refused.
    private var takenBy: [String: String] = [:]
    private var madeIds: Set<String> = []

    /// - Parameter directoryEntry: the reference directory's entry with a SCHAC code, asked
    ///   only when a partner must be made.
    public static func plan(_ items: [Item], institutions: [EWPInstitution], directoryEntry: @escaping (String) -> DirectoryEntry?,
                            in document: Document) -> EWPImportPlan {
        var planner = EWPImportPlanner(document: document, institutions: institutions, directoryEntry: directoryEntry)
        for item in items { planner.plan(item) }
        planner.plan.records = planner.order.compactMap { planner.pending[$0].map(Record.partner) }
        return planner.plan
    }

    private init(document: Document, institutions: [EWPInstitution], directoryEntry: @escaping (String) -> DirectoryEntry?) {
        self.document = document
        self.ourHeiID = document.network.institution.heiID
        self.institutions = institutions
        self.directoryEntry = directoryEntry
        self.lookalikes = Lookalike.Index(store: document.store)
        for partner in document.store.partners { index(partner) }
    }

    private mutating func index(_ partner: Partner) {
        if let heiID = partner.heiID, partnersByHeiID[heiID]?.contains(partner.id) != true { partnersByHeiID[heiID, default: []].append(partner.id) }
        for agreement in partner.agreements {
            guard let iia = agreement.iia else { continue }
            if let id = iia.ours?.iiaId { byOurIiaID[id] = (partner.id, agreement.id) }
            if let id = iia.theirs?.iiaId, let heiID = partner.heiID { byTheirIiaID[heiID + " " + id] = (partner.id, agreement.id) }
        }
    }

    private func current(_ id: String) -> Partner? {
        if let partner = pending[id] { return partner }
        if case .partner(let partner)? = document.store.record(id: id) { return partner }
        return nil
    }

    private mutating func keep(_ partner: Partner) {
        if pending[partner.id] == nil { order.append(partner.id) }
        pending[partner.id] = partner
        lookalikes.add(partner)
        index(partner)
    }

    private mutating func refuse(_ item: Item, _ rule: String) {
        plan.refused.append(EWPImportPlan.Refused(location: item.location, rule: rule))
    }

    // MARK: one IIA

    private mutating func plan(_ item: Item) {
        guard let (iia, partnerHeiID) = item.seenFromUs else { return refuseNotOurs(item) }
        let name = iia.ours?.iiaId.map { "IIA \($0)" } ?? "the IIA"
        let refusedBefore = plan.refused.count
        if let match = existing(iia, partnerHeiID: partnerHeiID) {
            if matchIsWithSamePartner(match, iia: iia, partnerHeiID: partnerHeiID, item) { update(match, with: iia, item) }
        } else {
            add(iia, partnerHeiID: partnerHeiID, item)
        }
        // Said of an IIA that is imported; a refused one has its refusal to say.
        if let stated = item.statedHash, stated != item.computedHash, plan.refused.count == refusedBefore {
            plan.notes.append("\(item.location): the iia-hash stated for \(name) (\(stated)) is not the hash of its content (\(item.computedHash)): "
                + "the content was changed after it was hashed, or the partner's system hashes differently; imported as it is")
        }
    }

    private mutating func refuseNotOurs(_ item: Item) {
        let parties = item.heiIDs.map { "\"\($0)\"" }.joined(separator: " and ")
        guard let ourHeiID else {
            return refuse(item, "the home institution has no SCHAC code and no website, so no party (\(parties)) can be recognised as ours; give the institution its SCHAC code (\"schacCode\" of \"institution\" in the data file)")
        }
        let ours = item.heiIDs.filter { SCHACCode.same($0, ourHeiID) }.count
        refuse(item, ours > 1 ? "both parties have the home institution's hei-id \"\(ourHeiID)\"; an IIA is between two institutions"
                              : "neither party (\(parties)) is the home institution (\"\(ourHeiID)\"); this IIA is not ours")
    }

    private func existing(_ iia: IIA, partnerHeiID: String) -> (partner: String, agreement: String)? {
        if let id = iia.ours?.iiaId, let match = byOurIiaID[id] { return match }
        if let id = iia.theirs?.iiaId, let match = byTheirIiaID[SCHACCode.normalized(partnerHeiID) + " " + id] { return match }
        return nil
    }

    /// An agreement found by our iia-id is only this IIA if its partner is the IIA's: our ids are
    /// unique to us, so the same id with another institution is a mistake in one of the files,
    /// and updating would move that agreement to another partner (and past the checks a new
    /// partner gets).
    private mutating func matchIsWithSamePartner(_ match: (partner: String, agreement: String), iia: IIA, partnerHeiID: String,
                                                 _ item: Item) -> Bool {
        guard let partner = current(match.partner), let heiID = partner.heiID, !SCHACCode.same(heiID, partnerHeiID) else { return true }
        refuse(item, "our iia-id \"\(iia.ours?.iiaId ?? "")\" is that of agreement \(match.agreement) with \(partner.name) (\(partner.id), hei-id \(heiID)), "
            + "but this IIA is with \(partnerHeiID); an iia-id names one agreement with one partner: correct the iia-id in the file, or in agreement \(match.agreement)")
        return false
    }

    /// Whether another IIA of this import took the agreement already; if so this one is refused.
    private mutating func take(_ agreementID: String, _ item: Item) -> Bool {
        if let first = takenBy[agreementID] {
            refuse(item, "the IIA at \(first) is already about agreement \(agreementID) (the same iia-id); an agreement is imported from one IIA")
            return false
        }
        takenBy[agreementID] = item.location
        return true
    }

    private mutating func update(_ match: (partner: String, agreement: String), with iia: IIA, _ item: Item) {
        guard var partner = current(match.partner), let index = partner.agreements.firstIndex(where: { $0.id == match.agreement }),
              take(match.agreement, item) else { return }
        let old = partner.agreements[index]
        var new = old
        new.iia = iia.keepingExtras(of: old.iia)
        IIADerivedFields.follow(from: old.iia, to: iia, in: &new)
        guard new != old else {
            plan.unchanged += 1
            return
        }
        partner.agreements[index] = new
        guard judge(partner, item) else { return }
        plan.changed.append(EWPImportPlan.Entry(location: item.location, what: "agreement \(new.id) of \(partner.name) (\(partner.id))",
                                                changes: Self.changes(from: old, to: new)))
        keep(partner)
    }

    private mutating func add(_ iia: IIA, partnerHeiID: String, _ item: Item) {
        guard let found = partner(heiID: partnerHeiID, item) else { return }
        var partner = found.partner
        var agreement = Agreement()
        agreement.id = document.newId(from: "\(partner.id)-erasmus", reserved: madeIds)
        agreement.kind = "erasmus"
        agreement.iia = iia
        IIADerivedFields.follow(from: nil, to: iia, in: &agreement)
        partner.agreements.append(agreement)
        guard take(agreement.id, item), judge(partner, item) else { return }
        madeIds.insert(agreement.id)
        if let entry = found.entry {
            if found.isNew {
                madeIds.insert(partner.id)
                plan.added.append(entry)
            } else {
                plan.changed.append(entry)
            }
        }
        var dates = [agreement.start, agreement.end].compactMap { $0?.description }.joined(separator: " to ")
        if !dates.isEmpty { dates = ", " + dates }
        plan.added.append(EWPImportPlan.Entry(location: item.location, what: "agreement \(agreement.id) (erasmus\(dates)) of \(partner.name) (\(partner.id))"))
        keep(partner)
    }

    /// The document's verdict on the partner as the IIA leaves it: what refuses it refuses the IIA.
    private mutating func judge(_ partner: Partner, _ item: Item) -> Bool {
        let refusing = document.verdict(for: .partner(partner)).refusing
        for problem in refusing {
            refuse(item, "\(Schema.label(forPath: problem.path, in: .partner)): \(problem.message)")
        }
        return refusing.isEmpty
    }

    // MARK: the partner of a new agreement

    private struct FoundPartner {
        var partner: Partner
        /// The partner added, or its SCHAC code filled in; nil when it is taken as it is.
        var entry: EWPImportPlan.Entry?
        var isNew = false
    }

    private mutating func partner(heiID: String, _ item: Item) -> FoundPartner? {
        let key = SCHACCode.normalized(heiID)
        if let ids = partnersByHeiID[key], let first = ids.first, let partner = current(first) {
            guard ids.count == 1 else {
                refuse(item, "\(ids.count) partners have the hei-id \"\(heiID)\" (\(ids.joined(separator: ", "))); give only one of them that SCHAC code")
                return nil
            }
            return FoundPartner(partner: partner)
        }
        let (candidate, source) = newPartner(heiID: key)
        if let match = lookalikes.match(candidate), var partner = current(match.id) {
            if let code = partner.schacCode, !code.isEmpty {
                plan.notes.append("\(item.location): no partner has the hei-id \"\(heiID)\"; \(partner.name) (\(partner.id)) has \(match.reason) "
                    + "but the SCHAC code \(code), and takes the IIA")
                return FoundPartner(partner: partner)
            }
            partner.schacCode = key
            let change = ImportPlan.FieldChange(label: Schema.label(forPath: "schacCode", in: .partner), old: "", new: key)
            return FoundPartner(partner: partner, entry: EWPImportPlan.Entry(
                location: item.location, what: "partner \(partner.name) (\(partner.id)), which has \(match.reason) as \(source)", changes: [change]))
        }
        guard !candidate.country.isEmpty else {
            refuse(item, "no partner has the hei-id \"\(heiID)\", and neither an Institutions response of this import nor the directory names it, "
                + "nor does its domain say the country; import the partner's Institutions response with it, or add the partner first (liaison add partner --name NAME --country CC --schac-code \(key))")
            return nil
        }
        var partner = candidate
        partner.id = document.newId(from: partner.name, kind: .partner, reserved: madeIds)
        let defaults = [ImportPlan.Default(label: Schema.label(forPath: "status", in: .partner), value: partner.status),
                        ImportPlan.Default(label: Schema.label(forPath: "partnershipType", in: .partner), value: partner.partnershipType)]
        return FoundPartner(partner: partner, entry: EWPImportPlan.Entry(
            location: item.location, what: "partner \(partner.name) (\(partner.id)), \(source)", defaults: defaults), isNew: true)
    }

    /// A partner for a hei-id no partner has, from the best source there is, and which that was.
    private func newPartner(heiID: String) -> (Partner, source: String) {
        guard case .partner(var partner) = NewRecord.blank(.partner) else { return (Partner(), "") }
        partner.schacCode = heiID
        /// What a source says of the institution, each value kept where the source has none.
        func fill(name: String?, localName: String? = nil, shortName: String? = nil, erasmusCode: String?, pic: String?,
                  country: String?, city: String?, website: String?) {
            partner.name = name ?? heiID
            partner.localName = localName
            partner.shortName = shortName
            partner.erasmusCode = erasmusCode
            partner.pic = pic
            partner.country = country ?? Self.country(ofDomain: heiID) ?? ""
            partner.city = city
            partner.website = website
        }
        if let institution = institutions.first(where: { SCHACCode.same($0.heiID, heiID) }) {
            fill(name: institution.name, localName: institution.localName, shortName: institution.abbreviation, erasmusCode: institution.erasmusCode,
                 pic: institution.pic, country: institution.country, city: institution.city, website: institution.website)
            return (partner, "from the Institutions response at \(institution.location)")
        }
        if let entry = directoryEntry(heiID) {
            fill(name: entry.name, erasmusCode: entry.erasmusCode, pic: entry.pic, country: entry.countryCode, city: entry.city, website: entry.website)
            return (partner, "from the directory (\(entry.source.title) \(entry.id))")
        }
        partner.name = heiID
        partner.country = Self.country(ofDomain: heiID) ?? ""
        return (partner, "named by its hei-id (no Institutions response or directory entry has it)" + (partner.country.isEmpty ? "" : ", its country from the domain"))
    }

    /// The country a domain's last label names (`uw.edu.pl`: PL, `ox.ac.uk`: GB); nil for
    /// generic endings (`.com`, `.org`, `.eu`).
    static func country(ofDomain domain: String) -> String? {
        guard let ending = domain.split(separator: ".").last, ending.count == 2 else { return nil }
        let code = ending == "uk" ? "GB" : ending.uppercased()
        return Country.named(code: code) != nil ? code : nil
    }

    // MARK: changes in words

    /// An agreement's changed fields, labelled down their paths ("EWP IIA mobility
    /// specifications 2 mobilities per year"), as the audit trail finds them.
    static func changes(from old: Agreement, to new: Agreement) -> [ImportPlan.FieldChange] {
        var before = Partner(), after = Partner()
        before.agreements = [old]
        after.agreements = [new]
        return AuditDiff.changes(from: .partner(before), to: .partner(after)).compactMap { change in
            guard let path = change.path, path.hasPrefix("agreements[0].") else { return nil }
            let label = Schema.nestedLabel(Schema.pathSteps(String(path.dropFirst("agreements[0].".count))), in: Schema.agreementFields)
            return ImportPlan.FieldChange(label: label, old: change.old.map(RecordFields.text(of:)) ?? "", new: change.new.map(RecordFields.text(of:)) ?? "")
        }
    }
}

extension IIA {
    /// This IIA with the keys Liaison does not know kept from the one it replaces, so that an
    /// import never drops what a newer version wrote.
    func keepingExtras(of old: IIA?) -> IIA {
        guard let old else { return self }
        var iia = self
        iia.extra = old.extra
        if let extra = old.ours?.extra { iia.ours?.extra = extra }
        if let extra = old.theirs?.extra { iia.theirs?.extra = extra }
        for index in iia.mobilities.indices where index < old.mobilities.count && old.mobilities[index].kind == iia.mobilities[index].kind {
            iia.mobilities[index].extra = old.mobilities[index].extra
        }
        return iia
    }
}

/// The agreement's own fields an IIA gives: the start (1 September of the earliest first academic
/// year of its mobility specifications), the end (31 August of the latest last academic year), the
/// subject areas (every specification's ISCED-F codes, each once) and the signing date (the later
/// of the two sides' signing dates, once both have signed).
public enum IIADerivedFields {
    struct Values: Equatable {
        var start: Day?
        var end: Day?
        var subjectAreas: [String] = []
        var signingDate: Day?
    }

    static func values(of iia: IIA?) -> Values {
        guard let iia else { return Values() }
        var values = Values()
        let first = iia.mobilities.compactMap { AcademicYear($0.firstAcademicYear) }.min()
        let last = iia.mobilities.compactMap { AcademicYear($0.lastAcademicYear) }.max()
        values.start = first.flatMap { Day(year: $0.startYear, month: 9, day: 1) }
        values.end = last.flatMap { Day(year: $0.endYear, month: 8, day: 31) }
        for code in iia.mobilities.flatMap({ $0.subjectAreas.map(\.code) }) where !values.subjectAreas.contains(code) {
            values.subjectAreas.append(code)
        }
        if let ours = iia.ours?.signingDate, let theirs = iia.theirs?.signingDate { values.signingDate = max(ours, theirs) }
        return values
    }

    /// Sets each derived field from the new IIA where it still has the value the old IIA gave
    /// (nil for a new agreement), so that a value someone changed since stays theirs.
    static func follow(from old: IIA?, to new: IIA, in agreement: inout Agreement) {
        let before = values(of: old), after = values(of: new)
        if agreement.start == before.start { agreement.start = after.start }
        if agreement.end == before.end { agreement.end = after.end }
        if agreement.subjectAreas == before.subjectAreas { agreement.subjectAreas = after.subjectAreas }
        if agreement.signingDate == before.signingDate { agreement.signingDate = after.signingDate }
    }
}
