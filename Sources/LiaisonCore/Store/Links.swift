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

    /// Only the links that touch one record, as the full map has them: what one detail shows,
    /// found in one pass without a map of every link in the network. Only the lists that can
    /// link to a record of its kind are read: for a partner, its own contacts, the contacts that
    /// belong to it and the events; the partners only for an objective or a contact.
    public init(network: Network, around record: Record) {
        let id = record.id
        switch record {
        case .partner(let partner):
            contactsByPartner[id] = partner.contactIds.isEmpty ? nil : partner.contactIds
            addContacts(ofPartner: id, in: network)
        case .objective, .contact:
            let partners = network.partners
            for index in partners.indices {
                if partners[index].objectiveIds.contains(id) { partnersByObjective[id, default: []].append(partners[index].id) }
                if partners[index].contactIds.contains(id) { partnersByContact[id, default: []].append(partners[index].id) }
            }
        case .event:
            // An event lists its links itself; nothing links to it.
            return
        }
        addEvents(around: id, in: network)
    }

    /// The contacts that belong to a partner and that it does not list.
    private mutating func addContacts(ofPartner id: String, in network: Network) {
        for contact in network.contacts where contact.partnerId == id && !(contactsByPartner[id]?.contains(contact.id) ?? false) {
            contactsByPartner[id, default: []].append(contact.id)
        }
    }

    /// The events that list the record, by the list they name it in.
    private mutating func addEvents(around id: String, in network: Network) {
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
