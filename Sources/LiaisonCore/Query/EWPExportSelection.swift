/// Which agreements `liaison ewp export` writes as IIAs, and what it leaves out.
///
/// - Nothing named: every agreement with EWP IIA data; agreements without it are left out and
///   counted in a note, as are those whose partner has no hei-id (no SCHAC code, no website).
/// - A partner named (by id): its agreements with IIA data; none is an error.
/// - An agreement named (by id): that one; without IIA data, or its partner without hei-id, an error.
///
/// An agreement whose IIA holds a character XML cannot carry (`IIAValueXMLCannotCarry`) is an
/// error naming it: the export writes nothing rather than a file that is not XML.
///
/// The home institution needs a hei-id (its SCHAC code, else its website's domain): a
/// get-response says which institution serves it.
public struct EWPExportSelection: Sendable {
    public struct Item: Sendable {
        public var partner: Partner
        public var agreement: Agreement
        public var iia: IIA
        public var partnerHeiID: String
    }

    public struct Failure: Error, Sendable {
        public var message: String
    }

    public var ourHeiID: String
    public var items: [Item] = []
    /// What was left out and why: "3 agreements without EWP IIA data left out".
    public var notes: [String] = []

    public static func select(_ wanted: String?, in network: Network) throws(Failure) -> EWPExportSelection {
        let selection = try selectAgreements(wanted, in: network)
        let unwritable = selection.items.compactMap { $0.partner.iiaValueXMLCannotCarry(agreementID: $0.agreement.id) }
        guard unwritable.isEmpty else {
            throw Failure(message: "nothing was exported: " + unwritable.map(\.description).joined(separator: "\n"))
        }
        return selection
    }

    private static func selectAgreements(_ wanted: String?, in network: Network) throws(Failure) -> EWPExportSelection {
        guard let ourHeiID = network.institution.heiID else {
            throw Failure(message: "the home institution has no SCHAC code and no website, so the export cannot name it as the IIAs' first party; give it its SCHAC code (\"schacCode\" of \"institution\" in the data file)")
        }
        var selection = EWPExportSelection(ourHeiID: ourHeiID)
        guard let wanted else {
            var withoutIIA = 0
            var withoutHeiID: [String] = []
            for partner in network.partners {
                for agreement in partner.agreements {
                    guard let iia = agreement.iia else { withoutIIA += 1; continue }
                    guard let heiID = partner.heiID else { withoutHeiID.append(agreement.id); continue }
                    selection.items.append(Item(partner: partner, agreement: agreement, iia: iia, partnerHeiID: heiID))
                }
            }
            if withoutIIA > 0 { selection.notes.append("\(Counted.text(withoutIIA, "agreement")) without EWP IIA data left out") }
            if !withoutHeiID.isEmpty {
                selection.notes.append("left out, their partner having no SCHAC code or website for a hei-id: \(withoutHeiID.joined(separator: ", "))")
            }
            guard !selection.items.isEmpty else { throw Failure(message: "no agreement has EWP IIA data (liaison ewp import adds them)") }
            return selection
        }
        if let partner = network.partners.first(where: { $0.id == wanted }) {
            let heiID = try Self.heiID(of: partner)
            selection.items = partner.agreements.compactMap { agreement in
                agreement.iia.map { Item(partner: partner, agreement: agreement, iia: $0, partnerHeiID: heiID) }
            }
            let left = partner.agreements.count - selection.items.count
            guard !selection.items.isEmpty else { throw Failure(message: "partner \(partner.id) has no agreement with EWP IIA data") }
            if left > 0 { selection.notes.append("\(Counted.text(left, "agreement")) of \(partner.id) without EWP IIA data left out") }
            return selection
        }
        for partner in network.partners {
            guard let agreement = partner.agreements.first(where: { $0.id == wanted }) else { continue }
            guard let iia = agreement.iia else { throw Failure(message: "agreement \(agreement.id) has no EWP IIA data, so there is no IIA to export") }
            selection.items = [Item(partner: partner, agreement: agreement, iia: iia, partnerHeiID: try Self.heiID(of: partner))]
            return selection
        }
        throw Failure(message: "no partner or agreement has the id \"\(wanted)\"")
    }

    private static func heiID(of partner: Partner) throws(Failure) -> String {
        guard let heiID = partner.heiID else {
            throw Failure(message: "partner \(partner.id) has no SCHAC code and no website, so its IIAs cannot name it; give it its SCHAC code (liaison set \(partner.id) schacCode=DOMAIN)")
        }
        return heiID
    }
}
