/// A record's links grouped for display, each resolved to the other record's name.
public struct LinkedRecords: Sendable {
    public struct Group: Sendable {
        public var title: String
        public var items: [Item]
    }

    public struct Item: Equatable, Sendable {
        public var id: String
        public var name: String
    }

    public var groups: [Group] = []

    /// Every linked record in display order, as the dashboard steps through them.
    public var allItems: [Item] { groups.flatMap(\.items) }

    public init(of record: Record, store: Store, links: Links) {
        func names(_ ids: [String]) -> [Item] {
            ids.map { id in Item(id: id, name: store.record(id: id)?.displayName ?? "(missing: no record has this id)") }
        }
        func add(_ title: String, _ ids: [String]) {
            if !ids.isEmpty { groups.append(Group(title: title, items: names(ids))) }
        }
        switch record {
        case .partner(let partner):
            add("Contacts", links.contacts(ofPartner: partner.id))
            add("Objectives", partner.objectiveIds)
            add("Events", links.events(ofPartner: partner.id))
        case .objective(let objective):
            add("Partners", links.partners(servingObjective: objective.id))
            add("Events", links.events(servingObjective: objective.id))
        case .event(let event):
            add("Partners", event.partnerIds)
            add("Contacts", event.contactIds)
            add("Objectives", event.objectiveIds)
        case .contact(let contact):
            add("Partners", (contact.partnerId.map { [$0] } ?? []) + links.partners(ofContact: contact.id).filter { $0 != contact.partnerId })
            add("Events", links.events(ofContact: contact.id))
        }
    }
}
