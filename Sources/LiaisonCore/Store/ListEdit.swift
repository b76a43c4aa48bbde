/// What one step of a change did to the list of its kind: what data derived from the network
/// (sorted orders, search and lookalike indexes, summaries) follows to cost what the edit changed
/// rather than a rebuild. Positions are those in the list when the step was made: an insert or a
/// removal shifts every record after it.
public enum ListEdit: Equatable, Sendable {
    case replaced(before: Record, after: Record, position: Int)
    case inserted(Record, position: Int)
    case removed(Record, position: Int)

    public var kind: RecordKind {
        switch self {
        case .replaced(_, let record, _), .inserted(let record, _), .removed(let record, _): record.kind
        }
    }

    public var position: Int {
        switch self {
        case .replaced(_, _, let position), .inserted(_, let position), .removed(_, let position): position
        }
    }

    /// A position in the list before this edit, as it is after it (nil for the record removed).
    public func shifted(_ old: Int) -> Int? {
        switch self {
        case .replaced: old
        case .inserted(_, let position): old >= position ? old + 1 : old
        case .removed(_, let position): old == position ? nil : old > position ? old - 1 : old
        }
    }
}

/// The store's recent list edits by revision, so that a structure built at an earlier revision
/// can catch up. Bounded: a structure further behind (or behind a whole replacement) is rebuilt.
struct EditLog {
    private var entries: [(revision: Int, edit: ListEdit)] = []
    /// Edits made at this revision and later are all in the log.
    private var completeFrom = 0
    static let limit = 512

    mutating func append(_ edit: ListEdit, at revision: Int) {
        entries.append((revision, edit))
        guard entries.count > Self.limit else { return }
        // Drop whole revisions, so that a revision is either complete in the log or not there.
        let dropped = entries[entries.count - Self.limit - 1].revision
        entries.removeAll { $0.revision <= dropped }
        completeFrom = dropped + 1
    }

    /// Forgets the edits after `count` entries (a change that failed and was put back).
    mutating func truncate(to count: Int) { entries.removeSubrange(count...) }

    var count: Int { entries.count }

    /// Forgets everything: no structure built before `revision` can catch up.
    mutating func reset(at revision: Int) {
        entries.removeAll()
        completeFrom = revision
    }

    /// The edits made since a structure was built at `revision`, oldest first; nil when the log
    /// no longer reaches back that far.
    func edits(since revision: Int) -> [ListEdit]? {
        guard revision >= completeFrom else { return nil }
        return entries.filter { $0.revision >= revision }.map(\.edit)
    }
}
