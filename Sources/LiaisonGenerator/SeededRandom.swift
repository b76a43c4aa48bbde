/// A small, fast pseudo-random generator (SplitMix64) whose sequence depends on the seed alone.
/// Bounded numbers are drawn here too, not with the standard library's `random(in:using:)`,
/// whose algorithm is not promised to stay the same across Swift releases: a seed must give the
/// same network on every toolchain.
public struct SeededRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound, without modulo bias (Lemire's multiply-and-reject).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(\(bound))")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A number in the closed range, like Python's `randint`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// One element, like Python's `choice`.
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// `count` distinct positions in 0..<population, in random order, like Python's `sample`.
    /// The counts here are tiny next to the populations, so drawing again on a repeat is cheap.
    public mutating func distinct(_ count: Int, of population: Int) -> [Int] {
        precondition(count <= population, "distinct(\(count), of: \(population))")
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        while chosen.count < count {
            let candidate = below(population)
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
        return chosen
    }

    /// `count` distinct elements in random order.
    public mutating func sample<Element>(_ count: Int, of elements: [Element]) -> [Element] {
        distinct(count, of: elements.count).map { elements[$0] }
    }
}
