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
        // Through the buffer, each partner lent in place: most have no agreement ending soon,
        // and handing each to `expiring` copied it (a retain and release of every field).
        var found: [Item] = []
        network.partners.withUnsafeBufferPointer { partners in
            for position in partners.indices {
                Self.appendExpiring(of: partners[position], at: position, from: today, until: limit, to: &found)
            }
        }
        items = found.sorted(by: Self.precedes)
    }

    /// Soonest first; the same day by partner name, then as the partners and agreements are listed.
    private static func precedes(_ a: Item, _ b: Item) -> Bool {
        if a.end != b.end { return a.end < b.end }
        if a.partner.name != b.partner.name { return a.partner.name < b.partner.name }
        return (a.partnerPosition, a.agreementPosition) < (b.partnerPosition, b.agreementPosition)
    }

    /// `items` is never `self.items`: a method of `self` appending to its own list copied the
    /// list for every item.
    private static func appendExpiring(of partner: borrowing Partner, at position: Int, from today: Day, until limit: Day,
                                       to items: inout [Item]) {
        for index in partner.agreements.indices {
            guard let end = partner.agreements[index].end, end >= today, end <= limit else { continue }
            items.append(Item(partner: copy partner, partnerPosition: position, agreement: partner.agreements[index], end: end, agreementPosition: index))
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
                var added: [Item] = []
                Self.appendExpiring(of: partner, at: position, from: today, until: limit, to: &added)
                for item in added {
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
