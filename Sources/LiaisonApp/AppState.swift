import LiaisonCore
import TerminalUI

public enum Pane: Int, CaseIterable, Sendable {
    case overview, partners, objectives, events, contacts

    public var title: String {
        switch self {
        case .overview: "Overview"
        case .partners: "Partners"
        case .objectives: "Objectives"
        case .events: "Events"
        case .contacts: "Contacts"
        }
    }

    var kind: RecordKind? {
        switch self {
        case .overview: nil
        case .partners: .partner
        case .objectives: .objective
        case .events: .event
        case .contacts: .contact
        }
    }

    init(kind: RecordKind) {
        switch kind {
        case .partner: self = .partners
        case .objective: self = .objectives
        case .event: self = .events
        case .contact: self = .contacts
        }
    }
}

/// A record being edited or added, one text field per settable field.
public struct FormState: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public var key: String
        /// What people call the field ("Local name"), from the record kind's table.
        public var label: String
        public var type: FieldType
        public var field: TextField
        public var required: Bool
        public var original: String

        public init(_ info: FieldInfo, key: String? = nil, label: String? = nil, text: String, original: String) {
            self.key = key ?? info.key
            self.label = label ?? info.label
            self.type = info.type
            self.field = TextField()
            self.field.set(text)
            self.required = info.isRequired
            self.original = original
        }
    }

    public var kind: RecordKind
    /// The record being edited, or nil for a new one.
    public var recordId: String?
    public var fields: [Field]
    /// A partner's agreements, one per row of fields keyed `agreements[i].…`: the id of each
    /// (nil for one added in the form).
    public var agreementIds: [String?] = []
    public var focus = 0
    /// The field and the rule it breaks, after a refused apply.
    public var error: (key: String, message: String)? {
        get { errorKey.map { ($0, errorMessage) } }
        set {
            errorKey = newValue?.key
            errorMessage = newValue?.message ?? ""
        }
    }
    private var errorKey: String?
    private var errorMessage = ""
    /// Esc was pressed once with changes; a second Esc drops them.
    public var confirmingDiscard = false
    /// The record the form last asked to be put, while the document's verdict is awaited.
    public var pendingRecord: Record?
    /// The user was told the partner looks like another and applies again: add it anyway.
    public var lookalikeConfirmed = false

    public var isChanged: Bool { fields.contains { $0.field.text != $0.original } || rowsChanged }

    /// What the form holds, for the recovery journal; nil while nothing was typed.
    public var draft: FormDraft? {
        guard isChanged else { return nil }
        return FormDraft(kind: kind, recordId: recordId, agreementIds: agreementIds,
                         fields: fields.map { FormDraft.Field(key: $0.key, text: $0.field.text, original: $0.original) })
    }
    /// Rows added or removed.
    public var rowsChanged = false
    /// Directory entries offered for the name typed in a new partner's form, best first; empty
    /// when none match, nothing is imported, or Esc closed the list.
    public var directoryChoices: [DirectoryEntry] = []
    public var directorySelected = 0
    public var directoryListOpen: Bool { !directoryChoices.isEmpty }
    /// How many entries the list shows: a few lines, so that the form still fits 80x24.
    public static let directoryChoiceLimit = 5

    /// The agreement row a field belongs to, if any.
    public static func row(of key: String) -> Int? {
        guard key.hasPrefix("agreements["), let close = key.firstIndex(of: "]") else { return nil }
        return Int(key[key.index(key.startIndex, offsetBy: 11)..<close])
    }

    /// Fields for one agreement row.
    public static func agreementFields(row: Int, values: [String: String], original: Bool) -> [Field] {
        AgreementRows.fields.map { info in
            Field(info, key: "agreements[\(row)].\(info.key)", label: "Agreement \(row + 1): \(info.label)",
                  text: values[info.key] ?? "", original: original ? (values[info.key] ?? "") : "")
        }
    }

    public init(kind: RecordKind, recordId: String?, fields: [Field]) {
        self.kind = kind
        self.recordId = recordId
        self.fields = fields
    }

    /// The form on a record: its editable fields and, for a partner, a row per agreement. A
    /// `new` record's fields count as typed (their originals are empty).
    public init(editing record: Record, new: Bool) {
        let fields = FieldAssignment.texts(of: record).map { entry in
            Field(entry.field, text: entry.text, original: new ? "" : entry.text)
        }
        self.init(kind: record.kind, recordId: new ? nil : record.id, fields: fields)
        if case .partner(let partner) = record {
            for (index, row) in AgreementRows.rows(of: partner).enumerated() {
                self.fields += Self.agreementFields(row: index, values: row.values, original: !new)
                agreementIds.append(new ? nil : row.id)
            }
        }
    }
}

/// Conflicts to decide one by one, mine or the file's, before a save or a recovery goes ahead.
/// The same dialog and keys serve both; what Enter and Esc then do depends on `source`.
public struct ConflictState: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        /// A save's conflicts with the version they were found in: the choices are saved against
        /// it, then the dashboard quits if the save was to quit.
        case save(SaveConflicts, thenQuit: Bool)
        /// Recovered changes that clash with changes saved since: the choices are applied as
        /// unsaved changes; Esc goes back to the recovery question.
        case recovery(RecoveryMerge)
    }

    public var source: Source
    public var keepMine: [Bool?]
    public var selected = 0 {
        didSet { if selected != oldValue { lineScroll = 0 } }
    }
    /// Lines scrolled into the selected conflict when it is taller than the screen (a record
    /// added on both sides, differing in many fields): j and k read it before moving on.
    public var lineScroll = 0

    public init(_ found: SaveConflicts, thenQuit: Bool) {
        self.init(source: .save(found, thenQuit: thenQuit))
    }

    public init(recovering merge: RecoveryMerge) {
        self.init(source: .recovery(merge))
    }

    private init(source: Source) {
        self.source = source
        self.keepMine = Array(repeating: nil, count: Self.merge(of: source).conflicts.count)
    }

    public var merge: Merge.Result { Self.merge(of: source) }

    private static func merge(of source: Source) -> Merge.Result {
        switch source {
        case .save(let found, _): found.merge
        case .recovery(let recovered): recovered.result
        }
    }
}

/// A question the user answers with one key.
public enum Confirmation: Equatable, Sendable {
    case delete(id: String, name: String, links: [String])
    case quitWithUnsavedChanges
    /// Unsaved changes from sessions that ended without saving, described; scrolled by j/k.
    case recover(RecoveryOffer, scroll: Int)
    /// Recovered changes the rules refused, each with why: told, since their journals stay and
    /// the next start offers them again.
    case recoveryRefused([String])

    /// The keys that answer this question (Esc and n always stay).
    public var answers: [Character] {
        switch self {
        case .delete: ["y"]
        case .quitWithUnsavedChanges: ["s", "d"]
        case .recover: ["a", "x"]
        case .recoveryRefused: []
        }
    }
}

/// Where the user is, for the back and forward history.
public struct Location: Equatable, Sendable {
    public var pane: Pane
    public var recordId: String?
    /// Where in the record's detail the user was (the link followed from it, or the field),
    /// so that going back returns there and not just to the record.
    public var detail: DetailSelection?

    public init(pane: Pane, recordId: String?, detail: DetailSelection? = nil) {
        (self.pane, self.recordId, self.detail) = (pane, recordId, detail)
    }
}

/// What is selected in a record's detail: a link, a field or an agreement.
public struct DetailSelection: Equatable, Sendable {
    public var link: Int
    public var field: Int?
    public var agreement: Int?
}

/// Selection and scrolling of one pane's list, and of the links in its detail.
public struct PaneState: Equatable, Sendable {
    /// Positions (in the network's list of the pane's kind) of the rows shown, in order.
    public var rows: [Int] = []
    public var selected = 0
    public var scroll = 0
    /// The active filter (the search line's text), empty for none.
    public var filter = ""
    public var focusOnLinks = false
    public var selectedLink = 0
    /// In the detail, a field is selected instead of a link (index among the editable fields).
    public var selectedField: Int? {
        didSet { if selectedField != oldValue { fieldLine = 0 } }
    }
    /// The line of the selected field's wrapped text the detail keeps in sight, when the text is
    /// longer than the detail: j and k read a long note line by line before moving on.
    public var fieldLine = 0
    /// In the detail, an agreement with an EWP IIA is selected instead (its index among the
    /// partner's agreements).
    public var selectedAgreement: Int?
    /// The row whose record the detail shows. While the selection moves quickly it lags behind
    /// and catches up when the keys pause, so holding j over SSH does not send every record's
    /// detail (docs/performance.md).
    public var detailRow = 0
}

public enum Modal: Equatable, Sendable {
    case conflicts(ConflictState)
    case form(FormState)
    case confirm(Confirmation)
    case search(TextField)
    case jump(TextField, completions: [SearchIndex.Hit], selected: Int)
    case help(scroll: Int)
    /// The path of the partner's copy of an IIA, asked before comparing.
    case iiaFilePrompt(TextField, IIAComparisonTarget)
    /// Our copy of an IIA beside the partner's, scrolled by j/k.
    case iiaComparison(IIAComparisonReport, scroll: Int)
}

public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable { case info, warning, error }
    public var text: String
    public var kind: Kind

    public init(text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }
}

/// The document being worked on and what is derived from its network once per change.
public final class DataSnapshot {
    public let document: Document
    public var store: Store { document.store }
    public let fileName: String
    public let today: Day
    private var cachedIndex: SearchIndex?
    private var cachedEndingSoon: ExpiringAgreements?
    private var cachedSummary: PartnerSummary?
    /// The store's revision the cached data above (and the objective counts) stand at.
    private var cachedRevision = 0

    /// The overview's counts, made once and then kept up with each edit rather than per frame.
    public var summary: PartnerSummary {
        catchUp()
        if let cachedSummary { return cachedSummary }
        let summary = PartnerSummary(network: network)
        cachedSummary = summary
        return summary
    }

    /// The overview's horizon for agreements that end soon.
    public static let endingSoonDays = 180

    /// When the storage was last asked for changes by others.
    public var lastDiskCheck: ContinuousClock.Instant?

    /// The reference directory, loading or loaded, where the front end started one.
    public var directoryLoading: BackgroundDirectory?
    /// Keeps the next start's first screen in the cache, where the front end keeps one.
    public var firstScreenKeeper: FirstScreenKeeper?
    /// The directory's index once loaded: what the new-partner form offers.
    public var directory: DirectoryIndex? { directoryLoading?.index }

    public init(document: Document, fileName: String? = nil, today: Day = .today()) {
        self.document = document
        self.fileName = fileName ?? document.name
        self.today = today
    }

    /// A network held in memory (tests, benchmarks): a document on a MemoryStorage.
    public convenience init(network: Network, fileName: String, readOnlyReason: String? = nil, today: Day = .today()) {
        // A memory storage's load never fails.
        let document = try! Document(storage: MemoryStorage(network: network), readOnlyReason: readOnlyReason)
        self.init(document: document, fileName: fileName, today: today)
    }

    public var readOnlyReason: String? { document.readOnlyReason }
    public var warningCount: Int { document.warnings.count }
    public var journalProblem: String? { placeholderJournalProblem ?? document.journalProblem }
    private var placeholderJournalProblem: String?

    /// What stands for the file's data while it loads, its first screen drawn from the cache
    /// (`AppState.preloaded`): no records, with what the status line says of the file already known.
    public convenience init(placeholderFor fileName: String, readOnlyReason: String?, journalProblem: String?, today: Day) {
        self.init(network: Network(), fileName: fileName, readOnlyReason: readOnlyReason, today: today)
        placeholderJournalProblem = journalProblem
    }

    public var network: Network { store.network }

    public var hasIndex: Bool { cachedIndex != nil }

    /// Brings what was derived from the network up to the store's edits since it was made,
    /// each structure changed where the edited records are (not made anew); after a change too
    /// large for the store's log, or a whole new network, it is forgotten and made on next use.
    public func catchUp() {
        guard cachedRevision != store.revision else { return }
        if let edits = store.edits(since: cachedRevision) {
            cachedEndingSoon?.follow(edits)
            cachedSummary?.follow(edits)
            if cachedObjectiveCounts != nil { Self.follow(edits, counts: &cachedObjectiveCounts!) }
        } else {
            cachedEndingSoon = nil
            cachedObjectiveCounts = nil
            cachedSummary = nil
        }
        // The revision alone is read: a copy of the index held here would make its update copy it whole.
        if let revision = cachedIndex?.revision {
            if let edits = store.edits(since: revision) {
                cachedIndex!.follow(edits, in: network, revision: store.revision)
            } else {
                cachedIndex = nil
            }
        }
        cachedRevision = store.revision
    }

    private static func follow(_ edits: [ListEdit], counts: inout [String: (partners: Int, events: Int)]) {
        func count(_ record: Record, by delta: Int) {
            switch record {
            case .partner(let partner): for id in partner.objectiveIds { counts[id, default: (0, 0)].partners += delta }
            case .event(let event): for id in event.objectiveIds { counts[id, default: (0, 0)].events += delta }
            default: break
            }
        }
        for edit in edits {
            switch edit {
            case .replaced(let before, let after, _):
                count(before, by: -1)
                count(after, by: 1)
            case .inserted(let record, _): count(record, by: 1)
            case .removed(let record, _): count(record, by: -1)
            }
        }
    }

    private var cachedObjectiveCounts: [String: (partners: Int, events: Int)]?

    /// A record's links, found when its detail is shown by one pass over the lists that can link
    /// to it (`Links(network:around:)`): no map of every link in the network is kept. The last
    /// record's are kept until the next change: each frame draws the detail again (a row move
    /// redraws the detail it leaves until the keys pause).
    public func linkedRecords(of record: Record) -> LinkedRecords {
        if let lastLinked, lastLinked.revision == store.revision, lastLinked.record == record { return lastLinked.links }
        let links = LinkedRecords(of: record, store: store, links: Links(network: store.network, around: record))
        lastLinked = (record, store.revision, links)
        return links
    }

    private var lastLinked: (record: Record, revision: Int, links: LinkedRecords)?

    /// How many partners and events serve each objective: all the overview and the objectives'
    /// list need of the links, counted in one pass and then kept up with each edit.
    public func objectiveCounts(_ id: String) -> (partners: Int, events: Int) {
        catchUp()
        return countsByObjective[id] ?? (0, 0)
    }

    private var countsByObjective: [String: (partners: Int, events: Int)] {
        catchUp()
        if let cachedObjectiveCounts { return cachedObjectiveCounts }
        var counts: [String: (partners: Int, events: Int)] = [:]
        let partners = network.partners
        for index in partners.indices {
            for id in partners[index].objectiveIds { counts[id, default: (0, 0)].partners += 1 }
        }
        let events = network.events
        for index in events.indices {
            for id in events[index].objectiveIds { counts[id, default: (0, 0)].events += 1 }
        }
        cachedObjectiveCounts = counts
        return counts
    }

    /// Built on first use: the first screen (the overview) does not need it.
    public var index: SearchIndex {
        catchUp()
        if let cachedIndex { return cachedIndex }
        let index = SearchIndex(network: store.network, revision: store.revision)
        cachedIndex = index
        return index
    }

    /// Agreements ending within `endingSoonDays`, soonest first.
    public var endingSoon: ExpiringAgreements {
        catchUp()
        if let cachedEndingSoon { return cachedEndingSoon }
        let list = ExpiringAgreements(network: network, today: today, until: today.adding(days: Self.endingSoonDays))
        cachedEndingSoon = list
        return list
    }

    public func record(_ pane: Pane, at position: Int) -> Record? {
        switch pane {
        case .overview: nil
        case .partners: .partner(network.partners[position])
        case .objectives: .objective(network.objectives[position])
        case .events: .event(network.events[position])
        case .contacts: .contact(network.contacts[position])
        }
    }
}

public struct AppState {
    public var data: DataSnapshot
    public var pane: Pane = .overview
    public var panes: [Pane: PaneState]
    public var partnerSort: Store.PartnerSort = .name
    public var sortAscending = true
    public var back: [Location] = []
    public var forward: [Location] = []
    public var modal: Modal?
    public var message: StatusMessage?
    public var themes: [Theme]
    public var themeIndex = 0
    public var mouseEnabled = false
    /// Why the themes cannot be changed ("NO_COLOR is set"), for `t` to say instead of naming a
    /// theme that looks no different.
    public var themesFixedReason: String?
    /// While the file loads: what the cache kept of the last start on the same bytes, drawn as
    /// the first screen (`FirstScreenCache`); the data itself is an empty placeholder until then.
    public var preloaded: OverviewFacts?
    public var size: Size
    public var shouldQuit = false
    /// A list moved and its detail has not caught up yet.
    public var detailPending = false
    /// Someone else saved the file since it was loaded.
    public var changedOnDisk = false
    /// The open form's draft as last kept in the recovery journal, if one is kept.
    public var keptDraft: FormDraft?
    /// The partner's EWP file last compared with, which Up recalls in the next comparison's prompt.
    public var lastIIAFile = ""

    public init(data: DataSnapshot, size: Size, themes: [Theme] = [Theme.fallback], themeIndex: Int = 0) {
        self.data = data
        self.size = size
        self.themes = themes.isEmpty ? [Theme.fallback] : themes
        self.themeIndex = min(themeIndex, self.themes.count - 1)
        panes = Dictionary(uniqueKeysWithValues: Pane.allCases.map { ($0, PaneState()) })
        // Partner rows (sorting every partner) wait until the pane is opened; the others are small.
        for pane in [Pane.objectives, .events, .contacts] { refreshRows(pane) }
        panes[.overview]!.rows = Array(data.endingSoon.items.indices)
        rowsRevision = data.store.revision
    }

    public var theme: Theme { themes[themeIndex] }

    /// What the first screen shows of the network: the cached facts while the file loads, then the data's.
    public var overview: any OverviewSource {
        if let preloaded { return preloaded }
        return data
    }

    public var current: PaneState {
        get { panes[pane]! }
        set { panes[pane] = newValue }
    }

    /// The record under the selection of a pane, if any.
    public func selectedRecord(in pane: Pane) -> Record? {
        guard let state = panes[pane], state.rows.indices.contains(state.selected) else { return nil }
        return data.record(pane, at: state.rows[state.selected])
    }

    public var location: Location {
        let pane = current
        let detail = pane.focusOnLinks ? DetailSelection(link: pane.selectedLink, field: pane.selectedField, agreement: pane.selectedAgreement) : nil
        return Location(pane: self.pane, recordId: selectedRecord(in: self.pane)?.id, detail: detail)
    }

    /// Recomputes a pane's rows from its order and filter, keeping the selected record selected.
    /// `edits`: those the network had since the rows were made; the selected record is followed
    /// through them to its new place, and when it was deleted the row under it is selected.
    public mutating func refreshRows(_ pane: Pane, following edits: [ListEdit] = []) {
        guard pane != .overview, var state = panes[pane] else { return }
        var previous = state.rows.indices.contains(state.selected) ? state.rows[state.selected] : nil
        var deletedRow: Int?
        for edit in edits where edit.kind == pane.kind {
            guard let position = previous else { break }
            previous = edit.shifted(position)
            if previous == nil { deletedRow = state.selected }
        }
        var rows = order(of: pane)
        if !state.filter.isEmpty, let query = try? SearchQuery(parsing: state.filter, today: data.today) {
            let hits = data.index.matchingPositions(query, kind: pane.kind!, in: data.network, today: data.today)
            rows = rows.filter { hits.contains($0) }
        }
        state.rows = rows
        state.selected = previous.flatMap { rows.firstIndex(of: $0) } ?? deletedRow ?? 0
        state.selected = min(state.selected, max(0, rows.count - 1))
        state.selectedLink = 0
        state.detailRow = state.selected
        panes[pane] = state
    }

    /// The record the detail of a pane shows.
    public func detailRecord(in pane: Pane) -> Record? {
        guard let state = panes[pane], state.rows.indices.contains(state.detailRow) else { return nil }
        return data.record(pane, at: state.rows[state.detailRow])
    }

    /// Work the first screen did not need, done while the user reads it: the search index and
    /// the sorted partner list; and, while a form is open, the lookalike index. Returns whether
    /// there was any.
    public mutating func prepareInBackground() -> Bool {
        // The directory, once loaded, also tells duplicate detection the institutions' codes.
        if data.document.directory == nil, let directory = data.directory { data.document.directory = directory }
        // The sorted list first, then the indexes: each one's temporary texts are freed before
        // the next is made, so that their peaks do not add up.
        if panes[.partners]!.rows.isEmpty && !data.network.partners.isEmpty && panes[.partners]!.filter.isEmpty {
            refreshRows(.partners)
            return true
        }
        if !data.hasIndex {
            data.store.prepareIndex()
            _ = data.index
            FreedMemory.giveBack()
            return true
        }
        if let keeper = data.firstScreenKeeper, keeper.step(data) { return true }
        // Duplicate detection's index, while a form is open (the user types for seconds), so
        // that applying it only updates the index; not before, where its slices would hold up
        // row moves and filter keys.
        guard case .form = modal, data.readOnlyReason == nil else { return false }
        return data.document.prepareLookalikes()
    }

    /// After the network changed: derived data catches up with the edits, every list is made
    /// again from its order (kept by the store). `kind` limits the lists made again to that
    /// kind's: an edit of a partner moves no contact.
    public mutating func networkChanged(kind: RecordKind? = nil) {
        let edits = data.store.edits(since: rowsRevision) ?? []
        rowsRevision = data.store.revision
        data.catchUp()
        for pane in Pane.allCases where pane != .overview && (kind == nil || pane.kind == kind) { refreshRows(pane, following: edits) }
        panes[.overview]!.rows = Array(data.endingSoon.items.indices)
        panes[.overview]!.selected = min(panes[.overview]!.selected, max(0, panes[.overview]!.rows.count - 1))
        // The selection followed its record (an undo puts it back in its place): the list
        // scrolls to show it.
        Reducer.clampScroll(&self)
        settleDetail()
    }

    /// The store's revision the lists' rows were last made at after a change.
    private var rowsRevision = 0

    /// Lets every detail catch up with its selection.
    public mutating func settleDetail() {
        for pane in Pane.allCases { panes[pane]!.detailRow = panes[pane]!.selected }
        detailPending = false
    }

    private func order(of pane: Pane) -> [Int] {
        switch pane {
        case .overview: []
        case .partners: data.store.partnerOrder(by: partnerSort, ascending: sortAscending, today: data.today)
        case .objectives, .events, .contacts: data.store.order(of: pane.kind!, today: data.today)
        }
    }
}
