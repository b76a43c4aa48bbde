/// Agreements that end between today and a day, soonest first.
public struct ExpiringAgreements: Sendable {
    public struct Item: Sendable {
        public var partner: Partner
        /// Position of the partner in the network's list.
        public var partnerPosition: Int
        public var agreement: Agreement
        public var end: Day
        /// Position of the agreement in the partner's list.
        var agreementPosition = 0
    }

    public var items: [Item] = []
    private let today: Day
    private let limit: Day

    public init(network: Network, today: Day, until limit: Day) {
        self.today = today
        self.limit = limit
        let partners = network.partners
        for position in partners.indices {
            items += expiring(partners[position], at: position)
        }
        items.sort(by: Self.precedes)
    }

    /// Soonest first; the same day by partner name, then as the partners and agreements are listed.
    private static func precedes(_ a: Item, _ b: Item) -> Bool {
        if a.end != b.end { return a.end < b.end }
        if a.partner.name != b.partner.name { return a.partner.name < b.partner.name }
        return (a.partnerPosition, a.agreementPosition) < (b.partnerPosition, b.agreementPosition)
    }

    private func expiring(_ partner: Partner, at position: Int) -> [Item] {
        partner.agreements.enumerated().compactMap { index, agreement in
            guard let end = agreement.end, end >= today, end <= limit else { return nil }
            return Item(partner: partner, partnerPosition: position, agreement: agreement, end: end, agreementPosition: index)
        }
    }

    /// Catches up with the store's edits: the items of each partner edited, added or deleted,
    /// taken out and put in by binary search, the positions after an insert or removal shifted.
    /// The items are those a list made anew has, in its order.
    public mutating func follow(_ edits: [ListEdit]) {
        for edit in edits where edit.kind == .partner {
            let position = edit.position
            if case .inserted = edit {} else { items.removeAll { $0.partnerPosition == position } }
            for index in items.indices {
                if let shifted = edit.shifted(items[index].partnerPosition) { items[index].partnerPosition = shifted }
            }
            switch edit {
            case .replaced(_, .partner(let partner), _), .inserted(.partner(let partner), _):
                for item in expiring(partner, at: position) {
                    var low = 0, high = items.count
                    while low < high {
                        let middle = (low + high) / 2
                        if Self.precedes(items[middle], item) { low = middle + 1 } else { high = middle }
                    }
                    items.insert(item, at: low)
                }
            default:
                break
            }
        }
    }
}
