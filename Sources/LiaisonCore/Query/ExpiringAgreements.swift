/// Agreements that end between today and a day, soonest first.
public struct ExpiringAgreements: Sendable {
    public struct Item: Sendable {
        public var partner: Partner
        /// Position of the partner in the network's list.
        public var partnerPosition: Int
        public var agreement: Agreement
        public var end: Day
    }

    public var items: [Item] = []

    public init(network: Network, today: Day, until limit: Day) {
        for (position, partner) in network.partners.enumerated() {
            for agreement in partner.agreements {
                if let end = agreement.end, end >= today, end <= limit {
                    items.append(Item(partner: partner, partnerPosition: position, agreement: agreement, end: end))
                }
            }
        }
        items.sort { $0.end != $1.end ? $0.end < $1.end : $0.partner.name < $1.partner.name }
    }
}

