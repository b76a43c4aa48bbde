/// The network in memory: records by id in O(1), sorted views, and every edit made through one
/// entry point that records it for undo and redo and counts the unsaved changes.
public final class Store {
    public private(set) var network: Network
    /// Changes since the store was loaded or last marked saved, oldest first, for undo.
    private var undoStack: [Change] = []
    private var redoStack: [Change] = []
    /// How many undoable changes were on the stack when the file was last saved; nil when the
    /// saved state can no longer be reached by undo or redo.
    private var savedDepth: Int? = 0
    /// Ids to places, built on first use: a first screen that looks nothing up does not wait for it.
    private var indexStorage: IdIndex?
    private var index: IdIndex {
        get {
            if let indexStorage { return indexStorage }
            let built = buildIndex()
            indexStorage = built
            return built
        }
        set { indexStorage = newValue }
    }
    /// Partner orders by sort key, ascending, kept sorted through each edit (`SortedPositions`).
    private var sortCache: [SortKey: SortedPositions] = [:]
    /// Descending orders derived from the ascending ones, until the next change.
    private var descendingCache: [SortKey: [Int]] = [:]
    /// Agreement ids with how many agreements have each, built on first use, kept through edits.
    private var agreementIdCounts: [String: Int]?
    /// Recent list edits, for derived data built elsewhere to catch up (`edits(since:)`).
    private var log = EditLog()
    /// Folded names by name, of the names asked one at a time (an import's rows, a lookalike's
    /// candidates); sorting and indexing every partner fold with `fold` and keep none.
    private var foldedNames: [String: String] = [:]
    /// Bumped by every change, so views and search indexes know when to refresh.
    public private(set) var revision = 0

    /// Where a record stands: the list of its kind, and its place in that list.
    public struct Position: Equatable, Sendable {
        public var kind: RecordKind
        public var position: Int
    }

    /// One undoable change: one or more records as they were and as they became (a delete takes
    /// the links to the deleted record along, in the same change).
    public struct Change: Equatable, Sendable {
        public struct Step: Equatable, Sendable {
            public var before: Record?
            public var after: Record?
            /// Where the record stands in its list, so undoing a delete puts it back in its place.
            public var position: Int
        }

        public var steps: [Step]
        public var summary: String

        /// The record the change is about (the first step's): what it was and became.
        public var before: Record? { steps.first?.before }
        public var after: Record? { steps.first?.after }
        public var kind: RecordKind? { (after ?? before)?.kind }

        /// The change that undoes this one.
        var inverse: Change {
            Change(steps: steps.reversed().map { Step(before: $0.after, after: $0.before, position: $0.position) }, summary: summary)
        }
    }

    public enum EditError: Error, Equatable, Sendable, CustomStringConvertible {
        case invalid([Diagnostic])
        case duplicateId(String)
        case notFound(String)

        public var description: String {
            switch self {
            case .invalid(let diagnostics): diagnostics.errors.map(\.description).joined(separator: "; ")
            case .duplicateId(let id): "the id \"\(id)\" is already used by another record"
            case .notFound(let id): "no record has the id \"\(id)\""
            }
        }
    }

    public enum Edit: Sendable {
        /// Adds a new record at the end of its list, or replaces the record with its id.
        case put(Record)
        case delete(id: String)
    }

    public init(network: Network) {
        self.network = network
    }

    /// Builds the id index now (the dashboard calls this while the user reads the first screen).
    public func prepareIndex() { _ = index }

    // MARK: reading

    public var partners: [Partner] { network.partners }
    public var objectives: [Objective] { network.objectives }
    public var events: [Event] { network.events }
    public var contacts: [Contact] { network.contacts }

    public func position(of id: String) -> Position? { index[id] }

    public func record(id: String) -> Record? {
        guard let location = index[id] else { return nil }
        switch location.kind {
        case .partner: return .partner(network.partners[location.position])
        case .objective: return .objective(network.objectives[location.position])
        case .event: return .event(network.events[location.position])
        case .contact: return .contact(network.contacts[location.position])
        }
    }

    public func partner(id: String) -> Partner? {
        guard let location = index[id], location.kind == .partner else { return nil }
        return network.partners[location.position]
    }

    public func objective(id: String) -> Objective? {
        guard let location = index[id], location.kind == .objective else { return nil }
        return network.objectives[location.position]
    }

    public func event(id: String) -> Event? {
        guard let location = index[id], location.kind == .event else { return nil }
        return network.events[location.position]
    }

    public func contact(id: String) -> Contact? {
        guard let location = index[id], location.kind == .contact else { return nil }
        return network.contacts[location.position]
    }

    // MARK: editing

    public var unsavedChanges: Int {
        guard let savedDepth else { return undoStack.count + 1 }
        return abs(undoStack.count - savedDepth)
    }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// The only way the network changes: one edit, or several made as one undoable change. Each
    /// record is validated first; an edit with errors changes nothing.
    @discardableResult
    public func apply(_ edit: Edit, summary: String? = nil) throws(EditError) -> Change {
        try apply([edit], summary: summary)
    }

    @discardableResult
    public func apply(_ edits: [Edit], summary: String? = nil) throws(EditError) -> Change {
        var steps: [Change.Step] = []
        let logged = log.count
        do {
            for edit in edits { steps.append(try perform(edit)) }
        } catch {
            // Put back what the earlier edits of this change did; to anyone reading the log,
            // nothing happened.
            for step in steps.reversed() { perform(Change.Step(before: step.after, after: step.before, position: step.position)) }
            log.truncate(to: logged)
            throw error
        }
        let change = Change(steps: steps, summary: summary ?? Self.summary(of: steps.last ?? Change.Step(before: nil, after: nil, position: 0)))
        revision += 1
        descendingCache.removeAll()
        undoStack.append(change)
        redoStack.removeAll()
        if let savedDepth, savedDepth > undoStack.count - 1 { self.savedDepth = nil }
        return change
    }

    private static func summary(of step: Change.Step) -> String {
        switch (step.before, step.after) {
        case (nil, let record?): "add \(record.kind.rawValue) \(record.displayName)"
        case (let record?, nil): "delete \(record.kind.rawValue) \(record.displayName)"
        case (_, let record?): "edit \(record.kind.rawValue) \(record.displayName)"
        case (nil, nil): "nothing"
        }
    }

    private func perform(_ edit: Edit) throws(EditError) -> Change.Step {
        let step: Change.Step
        switch edit {
        case .put(let record):
            let errors = Validation.check(record).errors
            guard errors.isEmpty else { throw .invalid(errors) }
            // Ids are unique across the file, agreements included: a save must never write a
            // file that the next load refuses.
            let before: Record? = index[record.id] == nil ? nil : self.record(id: record.id)
            if let location = index[record.id], location.kind != record.kind { throw .duplicateId(record.id) }
            if before == nil, isAgreementId(record.id) { throw .duplicateId(record.id) }
            if case .partner(let partner) = record {
                var known: Set<String> = []
                if case .partner(let old)? = before { known = Set(old.agreements.map { $0.id }) }
                let added = partner.agreements.map { $0.id }.filter { !known.contains($0) }
                if !added.isEmpty {
                    let taken = agreementIds
                    var seen: Set<String> = []
                    for id in added where index[id] != nil || taken[id] != nil || !seen.insert(id).inserted || id == partner.id {
                        throw .duplicateId(id)
                    }
                }
            }
            step = Change.Step(before: before, after: record, position: index[record.id]?.position ?? count(of: record.kind))
        case .delete(let id):
            guard let location = index[id], let record = self.record(id: id) else { throw .notFound(id) }
            step = Change.Step(before: record, after: nil, position: location.position)
        }
        perform(step)
        return step
    }

    @discardableResult
    public func undo() -> Change? {
        guard let change = undoStack.popLast() else { return nil }
        perform(change.inverse)
        redoStack.append(change)
        return change
    }

    @discardableResult
    public func redo() -> Change? {
        guard let change = redoStack.popLast() else { return nil }
        perform(change)
        undoStack.append(change)
        return change
    }

    /// Marks the current state as what is on disk.
    public func markSaved() { savedDepth = undoStack.count }

    /// Replaces the whole network (after a reload or merge), keeping no history; `unsaved` says
    /// that it differs from the file (local changes merged into a reloaded file).
    public func replaceAll(with network: Network, unsaved: Bool = false) {
        self.network = network
        undoStack.removeAll()
        redoStack.removeAll()
        savedDepth = unsaved ? nil : 0
        indexStorage = nil
        // Everything derived from the old network goes with it.
        sortCache.removeAll()
        descendingCache.removeAll()
        agreementIdCounts = nil
        revision += 1
        log.reset(at: revision)
    }

    /// The list edits made since `revision` (a value of `revision` read when derived data was
    /// built), oldest first: what that data must follow to be as if built now. Nil when the
    /// edits are too many to keep or the network was replaced: build it anew.
    public func edits(since revision: Int) -> [ListEdit]? {
        revision == self.revision ? [] : log.edits(since: revision)
    }

    /// Takes the records a save wrote (stamped) in place of the store's; what is derived
    /// follows these records alone. The history goes on: a save is a point in it, not its end,
    /// so `undo` can take back a change saved before (the caller marks the point, `markSaved`).
    /// A stamp is not a change of its own: the changes in the history that put a record now
    /// stamped put the stamped one, so redoing one gives back what was saved.
    public func adoptSaved(_ records: [Record]) {
        let stamped = records.filter { index[$0.id] != nil && record(id: $0.id) != $0 }
        guard !stamped.isEmpty else { return }
        for record in stamped { perform(Change.Step(before: nil, after: record, position: 0)) }
        // The latest step that put each stamped record, from the newest change back.
        var unmatched = Dictionary(stamped.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        for change in undoStack.indices.reversed() where !unmatched.isEmpty {
            for step in undoStack[change].steps.indices.reversed() {
                guard let id = undoStack[change].steps[step].after?.id, let record = unmatched.removeValue(forKey: id) else { continue }
                undoStack[change].steps[step].after = record
            }
        }
        revision += 1
        descendingCache.removeAll()
    }

    /// Whether an agreement somewhere in the network has this id.
    public func isAgreementId(_ id: String) -> Bool { agreementIds[id] != nil }

    private var agreementIds: [String: Int] {
        if let agreementIdCounts { return agreementIdCounts }
        var counts: [String: Int] = [:]
        let partners = network.partners
        for index in partners.indices {
            for agreement in partners[index].agreements { counts[agreement.id, default: 0] += 1 }
        }
        agreementIdCounts = counts
        return counts
    }

    private func countAgreements(of record: Record, by delta: Int) {
        guard agreementIdCounts != nil, case .partner(let partner) = record else { return }
        for agreement in partner.agreements {
            let count = agreementIdCounts![agreement.id, default: 0] + delta
            agreementIdCounts![agreement.id] = count > 0 ? count : nil
        }
    }

    private func count(of kind: RecordKind) -> Int {
        switch kind {
        case .partner: network.partners.count
        case .objective: network.objectives.count
        case .event: network.events.count
        case .contact: network.contacts.count
        }
    }

    private func perform(_ change: Change) {
        for step in change.steps { perform(step) }
        revision += 1
        descendingCache.removeAll()
    }

    private func perform(_ change: Change.Step) {
        let edit: ListEdit
        switch (change.before, change.after) {
        case (_, .some(let record)) where index[record.id] != nil:
            let position = index[record.id]!.position
            guard let before = self.record(id: record.id) else { return }
            replace(record, at: position)
            edit = .replaced(before: before, after: record, position: position)
        case (_, .some(let record)):
            let position = min(change.position, count(of: record.kind))
            insert(record, at: position)
            edit = .inserted(record, position: position)
        case (.some(let record), nil):
            let position = index[record.id]!.position
            guard let removed = self.record(id: record.id) else { return }
            remove(record.kind, at: position)
            edit = .removed(removed, position: position)
        case (nil, nil):
            return
        }
        follow(edit)
    }

    /// Keeps what the store derives from the network as if built anew after one list edit.
    private func follow(_ edit: ListEdit) {
        log.append(edit, at: revision)
        switch edit {
        case .replaced(let before, let after, _):
            countAgreements(of: before, by: -1)
            countAgreements(of: after, by: 1)
        case .inserted(let record, _): countAgreements(of: record, by: 1)
        case .removed(let record, _): countAgreements(of: record, by: -1)
        }
        guard edit.kind == .partner else { return }
        // The few names an edit's binary search compares are folded as it goes.
        for key in sortCache.keys {
            let precedes = partnerPrecedes(by: key.field, today: key.today, name: { Self.fold(self.network.partners[$0].name) },
                                           end: { self.network.partners[$0].nextAgreementEnd(after: key.today) })
            sortCache[key]!.follow(edit, by: precedes)
        }
    }

    private func replace(_ record: Record, at position: Int) {
        switch record {
        case .partner(let value): network.partners[position] = value
        case .objective(let value): network.objectives[position] = value
        case .event(let value): network.events[position] = value
        case .contact(let value): network.contacts[position] = value
        }
    }

    private func insert(_ record: Record, at position: Int) {
        switch record {
        case .partner(let value): network.partners.insert(value, at: min(position, network.partners.count))
        case .objective(let value): network.objectives.insert(value, at: min(position, network.objectives.count))
        case .event(let value): network.events.insert(value, at: min(position, network.events.count))
        case .contact(let value): network.contacts.insert(value, at: min(position, network.contacts.count))
        }
        // The records after it move one place down; added at the end (an add, an import's new
        // rows), none does.
        reindex(record.kind, from: min(position, count(of: record.kind) - 1))
    }

    private func remove(_ kind: RecordKind, at position: Int) {
        let id: String
        switch kind {
        case .partner: id = network.partners.remove(at: position).id
        case .objective: id = network.objectives.remove(at: position).id
        case .event: id = network.events.remove(at: position).id
        case .contact: id = network.contacts.remove(at: position).id
        }
        if indexStorage?[id]?.kind == kind { indexStorage![id] = nil }
        reindex(kind, from: position)
    }

    /// Indexes a kind's records from a position on, where an insert or a removal moved them.
    private func reindex(_ kind: RecordKind, from start: Int) {
        guard indexStorage != nil else { return }
        func update<R: Identified>(_ records: [R]) {
            for position in start..<records.count {
                let id = records[position].recordId
                if let owner = indexStorage![id], owner.kind != kind { continue }
                indexStorage![id] = Position(kind: kind, position: position)
            }
        }
        switch kind {
        case .partner: update(network.partners)
        case .objective: update(network.objectives)
        case .event: update(network.events)
        case .contact: update(network.contacts)
        }
    }

    private func buildIndex() -> IdIndex {
        var index = IdIndex(capacity: network.partners.count + network.objectives.count + network.events.count + network.contacts.count)
        for kind in RecordKind.allCases { add(kind, to: &index) }
        return index
    }

    /// Indexes one kind's records; an id used by another kind keeps its first owner.
    private func add(_ kind: RecordKind, to index: inout IdIndex) {
        func add(_ ids: some Sequence<String>) {
            for (position, id) in ids.enumerated() where index[id] == nil || index[id]!.kind == kind {
                index[id] = Position(kind: kind, position: position)
            }
        }
        add(network.ids(of: kind))
    }

    // MARK: sorted views

    /// Positions of the records of a kind in the order every list shows them: objectives by
    /// their order, events upcoming first (soonest at the top) then the past (most recent
    /// first), contacts by name; partners by name (`partnerOrder` sorts them otherwise).
    public func order(of kind: RecordKind, today: Day = .today()) -> [Int] {
        switch kind {
        case .partner:
            return partnerOrder(by: .name, today: today)
        case .objective:
            let objectives = network.objectives
            return objectives.indices.sorted { (objectives[$0].order ?? Int.max, $0) < (objectives[$1].order ?? Int.max, $1) }
        case .event:
            let events = network.events
            func start(_ index: Int) -> Day { events[index].start ?? Day(daysSinceEpoch: 0) }
            func isUpcoming(_ index: Int) -> Bool { events[index].isUpcoming(today: today) }
            let upcoming = events.indices.filter(isUpcoming).sorted { (start($0), $0) < (start($1), $1) }
            let past = events.indices.filter { !isUpcoming($0) }.sorted { (start($0), $1) > (start($1), $0) }
            return upcoming + past
        case .contact:
            let names = network.contacts.map { TextFolding.fold($0.name) }
            return network.contacts.indices.sorted { (names[$0], $0) < (names[$1], $1) }
        }
    }

    public enum PartnerSort: String, CaseIterable, Sendable {
        case name, country, type, status, nextEnd = "next-end"
    }

    /// An ascending order: by a field, and (for the next agreement end) as of a day.
    private struct SortKey: Hashable {
        var field: PartnerSort
        var today: Day
    }

    /// A name folded for comparing (case, diacritics, spacing made one space), cached: an import
    /// folds the same names row after row.
    public func foldedName(_ name: String) -> String {
        if let folded = foldedNames[name] { return folded }
        let folded = Self.fold(name)
        foldedNames[name] = folded
        return folded
    }

    /// A name folded as `foldedName` folds it, kept nowhere: what sorting every partner and
    /// indexing every partner's names use, so that the cache does not hold 100,000 of them.
    public static func fold(_ name: String) -> String {
        TextFolding.fold(name).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Positions of the partners in the given order; kept through edits (an edit moves one
    /// partner, not a sort of all). Ties keep the order by name, so a view does not jump around.
    public func partnerOrder(by field: PartnerSort, ascending: Bool = true, today: Day = .today()) -> [Int] {
        let key = SortKey(field: field, today: field == .nextEnd ? today : Day(daysSinceEpoch: 0))
        let order = ascendingOrder(key)
        guard !ascending else { return order }
        if let cached = descendingCache[key] { return cached }
        var descending: [Int]
        if field == .nextEnd {
            // Partners with no coming agreement end sort last in either direction.
            let partners = network.partners
            let dated = order.filter { partners[$0].nextAgreementEnd(after: today) != nil }
            descending = dated.reversed()
            descending += order.filter { partners[$0].nextAgreementEnd(after: today) == nil }
        } else {
            descending = order.reversed()
        }
        descendingCache[key] = descending
        return descending
    }

    private func ascendingOrder(_ key: SortKey) -> [Int] {
        if let cached = sortCache[key] { return cached.order }
        let partners = network.partners
        let sorted: SortedPositions
        if key.field == .name {
            let names = partners.indices.map { Self.fold(partners[$0].name) }
            sorted = SortedPositions(sorting: partners.indices, by: partnerPrecedes(by: .name, today: key.today, name: { names[$0] }, end: { _ in nil }))
        } else {
            // Ties go by the order by name: each partner's place in it, not its folded name.
            let ranks = Self.ranks(of: ascendingOrder(SortKey(field: .name, today: Day(daysSinceEpoch: 0))))
            let ends = key.field == .nextEnd ? partners.map { $0.nextAgreementEnd(after: key.today) } : []
            sorted = SortedPositions(sorting: partners.indices, by: partnerPrecedes(by: key.field, today: key.today, name: { _ in "" },
                                                                                   end: { ends[$0] }, nameRanks: ranks))
        }
        sortCache[key] = sorted
        return sorted.order
    }

    /// Each position's place in an order of all positions.
    private static func ranks(of order: [Int]) -> [Int32] {
        var ranks = [Int32](repeating: 0, count: order.count)
        for (rank, position) in order.enumerated() { ranks[position] = Int32(rank) }
        return ranks
    }

    /// The one order of partners by a field, the full sort's and an edit's alike: by the field,
    /// then by folded name, then by position. `name` and `end` give a position's folded name
    /// and next agreement end (precomputed for a full sort, looked up for an edit). With
    /// `nameRanks` (each position's place in the order by name: by folded name, then by
    /// position), ties are broken by it instead: a full sort by another field needs no names.
    private func partnerPrecedes(by field: PartnerSort, today: Day, name: @escaping (Int) -> String,
                                 end: @escaping (Int) -> Day?, nameRanks: [Int32]? = nil) -> (Int, Int) -> Bool {
        func byName(_ a: Int, _ b: Int) -> Bool {
            if let nameRanks { return nameRanks[a] < nameRanks[b] }
            let nameA = name(a), nameB = name(b)
            return nameA != nameB ? nameA < nameB : a < b
        }
        func by<Value: Comparable>(_ value: @escaping (Partner) -> Value) -> (Int, Int) -> Bool {
            { a, b in
                let valueA = value(self.network.partners[a]), valueB = value(self.network.partners[b])
                return valueA != valueB ? valueA < valueB : byName(a, b)
            }
        }
        switch field {
        case .name: return byName
        case .country: return by(\.country)
        case .type: return by(\.partnershipType)
        case .status: return by(\.status)
        case .nextEnd:
            // Partners with no coming agreement end sort last.
            return { a, b in
                switch (end(a), end(b)) {
                case let (x?, y?) where x != y: return x < y
                case (_?, nil): return true
                case (nil, _?): return false
                default: return byName(a, b)
                }
            }
        }
    }
}

/// Ids to places (`Store.Position`), each place packed in 32 bits, the kind in the top two: 20
/// bytes a bucket where a `Position` made 32 (5 MB at 100,000 partners, not 8).
struct IdIndex {
    private var places: [String: UInt32] = [:]

    init(capacity: Int) { places.reserveCapacity(capacity) }

    // Kept out of line: inlined into `StoredBase.network(from:)` it crashed the optimizer (CopyPropagation, Swift 6).
    subscript(id: String) -> Store.Position? {
        @inline(never)
        get {
            guard let place = places[id] else { return nil }
            return Self.unpacked(place)
        }
        set {
            if let newValue { places[id] = Self.packed(newValue) } else { places[id] = nil }
        }
    }

    private static let positionBits: UInt32 = (1 << 30) - 1

    private static func packed(_ place: Store.Position) -> UInt32 {
        precondition(place.position <= positionBits, "a list holds up to 2^30 records")
        let kind: UInt32 = switch place.kind {
        case .partner: 0
        case .objective: 1
        case .event: 2
        case .contact: 3
        }
        return kind << 30 | UInt32(place.position)
    }

    private static func unpacked(_ value: UInt32) -> Store.Position {
        let kind: RecordKind = switch value >> 30 {
        case 0: .partner
        case 1: .objective
        case 2: .event
        default: .contact
        }
        return Store.Position(kind: kind, position: Int(value & positionBits))
    }
}
