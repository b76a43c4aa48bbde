/// Positions sorted by a strict order (ties broken by position, so the result is unique), kept
/// sorted through list edits: an edited record is taken out and put back by binary search, and
/// an insert or removal shifts the positions after it. The result equals sorting anew.
struct SortedPositions {
    private(set) var order: [Int]

    init(sorting positions: Range<Int>, by precedes: (Int, Int) -> Bool) {
        order = Array(positions)
        order.sort(by: precedes)
    }

    /// Follows one edit of the list; `precedes` compares positions in the list after it.
    mutating func follow(_ edit: ListEdit, by precedes: (Int, Int) -> Bool) {
        switch edit {
        case .replaced(_, _, let position):
            if let index = order.firstIndex(of: position) { order.remove(at: index) }
            insert(position, by: precedes)
        case .inserted(_, let position):
            for index in order.indices where order[index] >= position { order[index] += 1 }
            insert(position, by: precedes)
        case .removed(_, let position):
            if let index = order.firstIndex(of: position) { order.remove(at: index) }
            for index in order.indices where order[index] > position { order[index] -= 1 }
        }
    }

    private mutating func insert(_ position: Int, by precedes: (Int, Int) -> Bool) {
        var low = 0, high = order.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(order[middle], position) { low = middle + 1 } else { high = middle }
        }
        order.insert(position, at: low)
    }
}
