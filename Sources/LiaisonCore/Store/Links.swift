/// The knowledge network's links in both directions. The file stores each link once (a partner
/// lists its contacts, an event its partners); browsing needs the way back too, e.g. the events
/// a partner took part in. Built in one pass over the network.
public struct Links: Sendable {
    private var eventsByPartner: [String: [String]] = [:]
    private var eventsByContact: [String: [String]] = [:]
    private var eventsByObjective: [String: [String]] = [:]
    private var partnersByObjective: [String: [String]] = [:]
    private var partnersByContact: [String: [String]] = [:]
    private var contactsByPartner: [String: [String]] = [:]

    /// Only the links that touch one record: what one detail view needs, found by one pass
    /// without building every map (right after an edit, before the full map is rebuilt).
    public init(network: Network, around id: String) {
        let partners = network.partners
        for index in partners.indices {
            let partner = partners[index].id
            if partners[index].objectiveIds.contains(id) { partnersByObjective[id, default: []].append(partner) }
            if partners[index].contactIds.contains(id) { partnersByContact[id, default: []].append(partner) }
            if partner == id { contactsByPartner[id, default: []].append(contentsOf: partners[index].contactIds) }
        }
        for contact in network.contacts where contact.partnerId == id && !(contactsByPartner[id]?.contains(contact.id) ?? false) {
            contactsByPartner[id, default: []].append(contact.id)
        }
        for event in network.events {
            if event.partnerIds.contains(id) { eventsByPartner[id, default: []].append(event.id) }
            if event.contactIds.contains(id) { eventsByContact[id, default: []].append(event.id) }
            if event.objectiveIds.contains(id) { eventsByObjective[id, default: []].append(event.id) }
        }
    }

    public init(network: Network) {
        for partner in network.partners {
            for objective in partner.objectiveIds { partnersByObjective[objective, default: []].append(partner.id) }
            for contact in partner.contactIds { partnersByContact[contact, default: []].append(partner.id) }
            contactsByPartner[partner.id, default: []].append(contentsOf: partner.contactIds)
        }
        for contact in network.contacts {
            if let partner = contact.partnerId, !(contactsByPartner[partner]?.contains(contact.id) ?? false) {
                contactsByPartner[partner, default: []].append(contact.id)
            }
        }
        for event in network.events {
            for partner in event.partnerIds { eventsByPartner[partner, default: []].append(event.id) }
            for contact in event.contactIds { eventsByContact[contact, default: []].append(event.id) }
            for objective in event.objectiveIds { eventsByObjective[objective, default: []].append(event.id) }
        }
    }

    /// Contacts of a partner: those it lists and those who belong to it.
    public func contacts(ofPartner id: String) -> [String] { contactsByPartner[id] ?? [] }
    public func events(ofPartner id: String) -> [String] { eventsByPartner[id] ?? [] }
    public func events(ofContact id: String) -> [String] { eventsByContact[id] ?? [] }
    public func events(servingObjective id: String) -> [String] { eventsByObjective[id] ?? [] }
    public func partners(servingObjective id: String) -> [String] { partnersByObjective[id] ?? [] }
    public func partners(ofContact id: String) -> [String] { partnersByContact[id] ?? [] }
}
