/// Agreements that end between today and a day, soonest first.
public struct ExpiringAgreements: Sendable {
    /// Where an agreement is, not a copy of it and its partner: the list lives beside the network
    /// it was made from (and follows its edits), which holds them.
    public struct Item: Sendable {
        /// Position of the partner in the network's list.
        public var partnerPosition: Int
        /// Position of the agreement in the partner's list.
        public var agreementPosition: Int
        public var end: Day
        /// The partner's name, which orders the items of one day (kept: comparing through the
        /// network copied partners).
        public internal(set) var partnerName: String

        public func partner(in network: Network) -> Partner { network.partners[partnerPosition] }
        public func agreement(in network: Network) -> Agreement { network.partners[partnerPosition].agreements[agreementPosition] }
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
        if a.partnerName != b.partnerName { return a.partnerName < b.partnerName }
        return (a.partnerPosition, a.agreementPosition) < (b.partnerPosition, b.agreementPosition)
    }

    /// `items` is never `self.items`: a method of `self` appending to its own list copied the
    /// list for every item.
    private static func appendExpiring(of partner: borrowing Partner, at position: Int, from today: Day, until limit: Day,
                                       to items: inout [Item]) {
        for index in partner.agreements.indices {
            guard let end = partner.agreements[index].end, end >= today, end <= limit else { continue }
            items.append(Item(partnerPosition: position, agreementPosition: index, end: end, partnerName: partner.name))
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
