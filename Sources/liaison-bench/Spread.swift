// The statistics the benchmark tables show: the median of a measure's runs and their range, and
// the ratio of two programs measured in alternating runs.

/// The middle of the runs: for an even count, the mean of the two middle values.
func median(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "the median of no runs")
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// A measure over several runs: its median and its spread (the fastest and the slowest run).
struct Spread: Codable, Equatable, Sendable {
    var median: Double
    var min: Double
    var max: Double
    var runs: Int

    init(_ values: [Double]) {
        self.median = liaison_bench.median(values)
        self.min = values.min()!
        self.max = values.max()!
        self.runs = values.count
    }
}

/// Two programs doing the same work, run in turn (ours, theirs, ours, theirs, …) so that what
/// else the machine does at a moment weighs on both alike. The ratio is taken per pair, then
/// its median: a busy moment slows both runs of a pair and leaves their ratio.
struct AlternatingRatio: Codable, Equatable, Sendable {
    var ours: Spread
    var theirs: Spread
    /// ours ÷ theirs, per pair: below 1 means ours is faster.
    var ratio: Spread

    init(ours: [Double], theirs: [Double]) {
        precondition(ours.count == theirs.count && !ours.isEmpty, "alternating runs come in pairs")
        self.ours = Spread(ours)
        self.theirs = Spread(theirs)
        self.ratio = Spread(zip(ours, theirs).map { $0 / $1 })
    }
}
