/// One network being worked on: the store, the version it was loaded from, the rules every edit
/// must pass, change stamps, the recovery journal, and save, reload and recovery. Every front end
/// (the dashboard, each CLI command that writes, importers) edits through a Document, so each of
/// these is decided here once. Each operation returns an outcome value; none prints or asks.
public final class Document {
    public let store: Store
    public let storage: NetworkStorage
    /// The network as stored when it was loaded or last saved: the base of three-way merges.
    public var base: Network { stored.network(from: store) }
    /// The base, kept so that the store's edits copy nothing (`StoredBase`).
    private var stored: StoredBase
    public private(set) var version: StorageVersion?
    public let warnings: [Diagnostic]
    public let readOnlyReason: String?
    /// Who is editing: the login name stamped on changed records.
    public let editor: String
    /// Who saves, in the audit trail: the account of the process's real user id.
    public let account: String
    /// Now, as RFC 3339 UTC text (a parameter so tests can fix it).
    private let now: @Sendable () -> String
    private let journal: RecoveryJournal?
    /// Journals of sessions that ended without saving, while their changes are offered.
    private var offered: [EndedSessionJournal] = []
    /// Why unsaved changes could not be kept in the journal, if they could not.
    public private(set) var journalProblem: String?
    /// Why the last save's changes could not be added to the audit trail, or the trail read.
    public private(set) var historyProblem: String?
    /// The audit trail's entries by record, as read once, until a save or a reload changes it.
    private var cachedHistory: [String: [AuditEntry]]?
    /// Where the base's records are in the stored bytes: a save copies those it did not change.
    /// Set with the base (the version it was read as, kept beside it to never pair it with another).
    private var baseSource: (source: SourceText, version: StorageVersion?)?

    /// `journaling` keeps unsaved changes for recovery: an interactive session's need. A command
    /// that edits and saves at once (or only tries, with --dry-run) leaves no journal.
    public init(storage: NetworkStorage, readOnlyReason: String? = nil, editor: String = ChangeStamp.loginName(),
                account: String = ChangeStamp.accountName(), now: @escaping @Sendable () -> String = ChangeStamp.now,
                journaling: Bool = true) throws(StorageError) {
        let stored = try storage.load()
        self.storage = storage
        self.store = Store(network: stored.network)
        self.stored = StoredBase(stored.network)
        self.baseSource = stored.source.map { ($0, stored.version) }
        self.version = stored.version
        self.warnings = stored.warnings
        self.readOnlyReason = readOnlyReason ?? stored.readOnlyReason
        self.editor = editor
        self.account = account
        self.now = now
        self.journal = journaling ? Self.journal(on: storage, readOnly: self.readOnlyReason != nil, editor: editor) : nil
        // Said at the start, not at the first edit: the user should know before typing anything.
        self.journalProblem = journal?.prepare()
    }

    /// The journal a session keeps its unsaved changes in: none for a read-only one.
    public static func journal(on storage: NetworkStorage, readOnly: Bool, editor: String = ChangeStamp.loginName()) -> RecoveryJournal? {
        readOnly ? nil : storage.recoveryJournal(user: editor)
    }

    public var network: Network { store.network }
    public var name: String { storage.name }
    public var unsavedChanges: Int { store.unsavedChanges }

    // MARK: rules

    /// What the rules say of a record about to be put: the problems that refuse it, and the
    /// warnings to show. A problem the record already had (a legacy value loaded from the file)
    /// does not refuse an edit of another field; a new one does.
    public func verdict(for record: Record) -> Verdict {
        let before = store.record(id: record.id).flatMap { $0.kind == record.kind ? $0 : nil }
        let now = problems(of: record)
        let old = before.map(problems(of:)) ?? []
        let introduced = now.filter { !old.contains($0) }
        return Verdict(refusing: now.errors + introduced.filter { $0.severity == .warning && $0.refusesInput },
                       warnings: introduced.filter { !$0.refusesInput })
    }

    private func problems(of record: Record) -> [Diagnostic] {
        Validation.check(record) + Validation.missingLinks(of: record) { id, kind in
            store.position(of: id)?.kind == kind
        }
    }

    /// The reference directory, where the front end loaded one: duplicate detection then also
    /// knows an institution by its directory entry's names (`Lookalike`).
    public var directory: DirectoryIndex? {
        didSet {
            lookalikeIndex = nil
            lookalikeSlices = nil
        }
    }
    /// The partners indexed for `lookalike(of:)`, for the store's revision it was built at.
    private var lookalikeIndex: (revision: Int, index: Lookalike.Index)?

    /// Builds the index `lookalike(of:)` asks, if it is not built: the dashboard does this while
    /// the user reads the first screen, so that the first edit only updates it. Returns whether
    /// there was anything to build.
    /// Built in slices (`slice` partners a call), so that a key typed meanwhile waits for one
    /// slice, not for 100,000 partners; an edit between slices starts it again.
    @discardableResult
    public func prepareLookalikes(slice: Int = 2_500) -> Bool {
        guard lookalikeIndex == nil else { return false }
        var (revision, index, done) = lookalikeSlices ?? (store.revision, Lookalike.Index(store: store, directory: directory, partners: 0), 0)
        if revision != store.revision { (revision, index, done) = (store.revision, Lookalike.Index(store: store, directory: directory, partners: 0), 0) }
        lookalikeSlices = nil
        let end = done + min(slice, store.partners.count - done)
        index.addPartners(done..<end)
        if end == store.partners.count {
            lookalikeIndex = (revision, index)
        } else {
            lookalikeSlices = (revision, index, end)
        }
        return true
    }
    private var lookalikeSlices: (revision: Int, index: Lookalike.Index, done: Int)?

    /// A partner already in the network that the given one looks like (same Erasmus code, PIC,
    /// SCHAC code, folded name and country, or a directory entry's name and code), other than itself.
    public func lookalike(of record: Record) -> Lookalike? {
        guard case .partner(let partner) = record else { return nil }
        // Editing a partner that already looked like another (loaded so) is not asked again; so
        // an edit of other fields (notes, a quota) needs no index: `liaison set` at 100,000
        // partners would build one for nothing.
        if case .partner(let old)? = store.record(id: partner.id), Lookalike.sameKeys(old, partner) { return nil }
        if let built = lookalikeIndex, built.revision != store.revision {
            // Catching up with the edits since costs what they changed; too many, and it is built anew.
            if let edits = store.edits(since: built.revision) {
                var index = built.index
                lookalikeIndex = nil
                index.follow(edits)
                lookalikeIndex = (store.revision, index)
            } else {
                lookalikeIndex = nil
            }
        }
        // What the slices have not indexed yet is indexed now, at once.
        if lookalikeIndex == nil { prepareLookalikes(slice: .max) }
        guard let index = lookalikeIndex?.index, let match = index.lookalike(of: partner) else { return nil }
        // Editing a partner that already looked like another (loaded so) is not asked again.
        if case .partner(let old)? = store.record(id: partner.id), index.lookalike(of: old)?.partner.id == match.partner.id {
            return nil
        }
        return match
    }

    // MARK: editing

    /// Adds or changes a record, if the rules allow it. A partner that looks like another is
    /// refused as `.lookalike` unless `allowLookalike`.
    @discardableResult
    public func put(_ record: Record, allowLookalike: Bool = false) -> EditOutcome {
        guard readOnlyReason == nil else { return .readOnly(readOnlyReason!) }
        if store.record(id: record.id) == record { return .unchanged }
        let verdict = verdict(for: record)
        guard verdict.refusing.isEmpty else { return .refused(verdict.refusing) }
        if !allowLookalike, let match = lookalike(of: record) { return .lookalike(match) }
        return perform([.put(record)], summary: nil, warnings: verdict.warnings)
    }

    /// Adds or changes many records as one undoable change (an import), each by the rules `put`
    /// applies. Any record the rules refuse refuses the whole change: nothing changes. Lookalike
    /// partners are not asked about: an import takes a lookalike as the row's own record.
    @discardableResult
    public func put(_ records: [Record], summary: String) -> EditOutcome {
        guard readOnlyReason == nil else { return .readOnly(readOnlyReason!) }
        let changed = records.filter { store.record(id: $0.id) != $0 }
        guard !changed.isEmpty else { return .unchanged }
        var refusing: [Diagnostic] = [], warnings: [Diagnostic] = []
        for record in changed {
            let verdict = verdict(for: record)
            refusing += verdict.refusing.map { Diagnostic($0.severity, path: "\(record.id).\($0.path)", $0.message, refusesInput: $0.refusesInput) }
            warnings += verdict.warnings
        }
        guard refusing.isEmpty else { return .refused(refusing) }
        return perform(changed.map { .put($0) }, summary: summary, warnings: warnings)
    }

    /// What deleting a record takes along: the links to it in other records.
    public func deletion(of id: String) -> Deletion? {
        guard let record = store.record(id: id) else { return nil }
        return Deletion(record: record, network: store.network)
    }

    /// Deletes a record and the links to it, as one undoable change.
    @discardableResult
    public func delete(id: String) -> EditOutcome {
        guard readOnlyReason == nil else { return .readOnly(readOnlyReason!) }
        guard let deletion = deletion(of: id) else { return .refused([Diagnostic(.error, path: "", "no record has the id \"\(id)\"")]) }
        // The record first, so the change is about it (its summary, `before`), then the links.
        let edits = [Store.Edit.delete(id: id)] + deletion.unlinked.map { Store.Edit.put($0.record) }
        return perform(edits, summary: "delete \(deletion.record.kind.rawValue) \(deletion.record.displayName)", warnings: [])
    }

    private func perform(_ edits: [Store.Edit], summary: String?, warnings: [Diagnostic]) -> EditOutcome {
        stored.releaseWhole()
        do {
            let change = try store.apply(edits, summary: summary)
            journal(change)
            return .applied(change, warnings: warnings)
        } catch {
            switch error {
            case .invalid(let diagnostics): return .refused(diagnostics)
            default: return .refused([Diagnostic(.error, path: "id", error.description)])
            }
        }
    }

    @discardableResult
    public func undo() -> Store.Change? {
        stored.releaseWhole()
        guard let change = store.undo() else { return nil }
        journal(change.inverse)
        return change
    }

    @discardableResult
    public func redo() -> Store.Change? {
        stored.releaseWhole()
        guard let change = store.redo() else { return nil }
        journal(change)
        return change
    }

    /// A new id for a record from its name or title, unused in the network.
    /// A name with no Latin letters or digits (東京大学) gives the kind's name: `partner`, `partner-2`.
    public func newId(from name: String, kind: RecordKind? = nil, reserved: Set<String> = []) -> String {
        ChangeStamp.newId(from: name, fallback: kind?.rawValue ?? "record") { store.position(of: $0) != nil || reserved.contains($0) || store.isAgreementId($0) }
    }

    /// Keeps each change in the journal as it is made; back at the stored state, the journal
    /// goes, so a later start offers nothing that is not a change.
    private func journal(_ change: Store.Change) {
        stored.note(change)
        guard let journal else { return }
        if store.unsavedChanges == 0 {
            journal.remove()
            return
        }
        do throws(StorageError) {
            for step in change.steps {
                guard let id = (step.after ?? step.before)?.id else { continue }
                let operation: Journal.Entry.Operation = step.after.map { .put($0) } ?? .delete(id)
                try journal.append(Journal.Entry(operation: operation, base: baseRecord(id: id)))
            }
        } catch {
            journalProblem = error.description
        }
    }

    // MARK: a form left open

    /// Keeps an open form's texts in the journal, in place of the draft kept before, so a
    /// dropped connection or a killed session loses nothing typed. Asked when typing pauses and
    /// when the session is stopped, not per key: each is a write flushed to disk.
    public func keepDraft(_ draft: FormDraft) {
        guard let journal else { return }
        do throws(StorageError) {
            try journal.keepDraft(draft)
        } catch {
            journalProblem = error.description
        }
    }

    /// Drops the kept draft: its form was left, or applied (then the change is journaled as any).
    /// With no unsaved change the journal goes with it, as after an undo back to the stored state.
    public func dropDraft() {
        guard let journal else { return }
        if store.unsavedChanges == 0 {
            journal.remove()
        } else {
            journal.dropDraft()
        }
    }

    /// A record as the stored version the session started from has it.
    public func baseRecord(id: String) -> Record? { stored.record(id: id, in: store) }

    // MARK: saving

    /// Saves under the write lock: compared with the stored version, merged three ways with what
    /// others saved since, records this session changed stamped, then written.
    public func save() -> SaveOutcome {
        if let readOnlyReason { return .failed("read-only: \(readOnlyReason)") }
        guard store.unsavedChanges > 0 || !changedIds().isEmpty else { return .nothingToSave }
        return write(nil, over: nil, at: version)
    }

    /// Writes the network even when nothing changed (`liaison format`): in canonical form, under
    /// the lock, merged with what others saved meanwhile like any save, so it drops no one's edit.
    public func rewrite() -> SaveOutcome {
        if let readOnlyReason { return .failed("read-only: \(readOnlyReason)") }
        return write(nil, over: nil, at: version)
    }

    /// Saves the merge of a conflicted save with each conflict decided (`keepMine[i]`), against
    /// the version the conflicts were found in.
    public func save(resolving conflicts: SaveConflicts, keepMine: [Bool]) -> SaveOutcome {
        write(Merge.resolve(conflicts.merge, keepMine: keepMine), over: conflicts.theirs, at: conflicts.version)
    }

    /// Writes `resolved` (a merge with its conflicts decided), or with nil the store's own
    /// network; `start` nil: over this document's base, whose records the store keeps (`StoredBase`).
    /// The store's network is never held across the save: the store then takes the stamped
    /// records in place, where a copy held would make it copy its lists (100,000 partners).
    private func write(_ resolved: Network?, over start: Network?, at startVersion: StorageVersion?) -> SaveOutcome {
        let changed = changedIds()
        do {
            return try storage.withWriteLock { () throws(StorageError) -> SaveOutcome in
                // The network to write when it is not the store's: a merge's.
                var result = resolved
                // What is stored as this save starts: the trail records the difference to it.
                var stored = start
                // Bytes to copy: the base's, or on a merged save those of "theirs" as loaded
                // here (records this session did not change are theirs byte for byte).
                var source = baseSource.flatMap { $0.version == startVersion ? $0.source : nil }
                var merged = false
                if storage.currentVersion() != startVersion {
                    let theirs = try storage.load()
                    let merge = Merge.merge(base: start ?? base, mine: resolved ?? store.network, theirs: theirs.network)
                    guard merge.conflicts.isEmpty else {
                        return .conflicts(SaveConflicts(merge: merge, theirs: theirs.network, version: theirs.version))
                    }
                    result = merge.network
                    merged = true
                    stored = theirs.network
                    source = theirs.source
                }
                let time = now()
                // The records this save changed, stamped, are written in place of the network's:
                // stamping a copy of the network would copy its lists to change a few.
                let saving = result.map { AuditDiff.records(with: changed, in: $0) }
                    ?? Dictionary(uniqueKeysWithValues: changed.compactMap { id in store.record(id: id).map { (id, $0) } })
                let stamped = saving.mapValues { ChangeStamp.stamped($0, at: time, by: editor) }
                let written = try storage.write(result ?? store.network, stamped: stamped, reusing: source, changed: changed)
                recordHistory(from: stored, to: stamped, ids: changed, at: time)
                if result != nil {
                    result?.replace(with: stamped)
                    adopt(result, stamped: nil, version: written.version)
                } else {
                    adopt(nil, stamped: Array(stamped.values), version: written.version)
                }
                baseSource = written.source.map { ($0, written.version) }
                return .saved(merged: merged)
            }
        } catch {
            return .failed(error.description)
        }
    }

    /// Adds what this save wrote to the audit trail: the difference between what was stored and
    /// what is written, in the records this session changed. Others' changes merged in are the
    /// same on both sides, so they are never put down to this account. The save is done by now:
    /// a trail that cannot be written is reported (`historyProblem`), not a failed save.
    /// `stored` nil: what was stored is this document's base.
    private func recordHistory(from stored: Network?, to written: [String: Record], ids: Set<String>, at stamp: String) {
        let before = stored.map { AuditDiff.records(with: ids, in: $0) }
            ?? Dictionary(uniqueKeysWithValues: ids.compactMap { id in baseRecord(id: id).map { (id, $0) } })
        let entries = AuditDiff.entries(from: before, to: written, time: AuditEntry.time(fromStamp: stamp), account: account)
        do {
            try storage.appendHistory(entries)
            historyProblem = nil
        } catch {
            historyProblem = error.description
        }
    }

    /// A record's saved changes, oldest first. The trail is read once, and again only after a
    /// save or a reload: a detail drawn on every key does not read the file each time.
    public func history(of id: String) -> [AuditEntry] {
        if let cachedHistory { return cachedHistory[id] ?? [] }
        var byRecord: [String: [AuditEntry]] = [:]
        do {
            for entry in try storage.history().entries { byRecord[entry.recordId, default: []].append(entry) }
        } catch {
            historyProblem = error.description
        }
        cachedHistory = byRecord
        return byRecord[id] ?? []
    }

    /// Ids of the records this session changed, compared with the version it started from:
    /// only the records edited are compared, never the whole network.
    private func changedIds() -> Set<String> {
        stored.changedIds.filter { store.record(id: $0) != baseRecord(id: $0) }
    }

    /// What is stored now (stamps, others' changes) becomes what is shown and the new base:
    /// the network written, or with `stamped`, when the save merged nothing in, the store's own
    /// with the records the save stamped; the store takes just those, and what is derived from
    /// it follows them instead of being built anew.
    private func adopt(_ network: Network?, stamped: [Record]?, version: StorageVersion?) {
        cachedHistory = nil
        self.version = version
        if let stamped {
            store.adoptSaved(stamped)
        } else if let network {
            store.replaceAll(with: network)
        }
        // The store's records are now the stored ones.
        stored = StoredBase(nil)
        store.markSaved()
        journal?.remove()
    }

    /// Whether someone saved since this document loaded or saved.
    public var changedByOthers: Bool { storage.currentVersion() != version }

    /// Loads the stored network again and merges the unsaved changes into it, as a save would.
    public func reload() -> ReloadOutcome {
        let theirs: StoredNetwork
        do {
            theirs = try storage.load()
        } catch {
            return .failed(error.description)
        }
        let merge = Merge.merge(base: base, mine: store.network, theirs: theirs.network)
        guard merge.conflicts.isEmpty else { return .conflicts(merge.conflicts) }
        let changedHere = stored.changedIds
        stored = StoredBase(theirs.network)
        cachedHistory = nil
        version = theirs.version
        let kept = merge.network != theirs.network
        if kept { stored.keepChanged(changedHere, storedIn: theirs.network) }
        store.replaceAll(with: merge.network, unsaved: kept)
        return .reloaded(keptUnsaved: kept)
    }

    // MARK: recovery

    /// Unsaved changes that sessions which ended without saving left, if they change anything,
    /// described journal by journal; and journal files found but not trusted (named, left in
    /// place). Journals of sessions still running (the same login in another terminal) are not
    /// touched; those offered stay locked by this session until recovered or dropped.
    public func pendingRecovery() -> RecoveryOffer? {
        guard journal != nil else { return nil }
        let found = storage.endedSessionJournals(user: editor, excluding: journal)
        offered = found.journals
        var journals: [RecoveryOffer.Journal] = []
        for ended in offered {
            let contents = ended.contents() ?? Journal.Contents(entries: [])
            let pending = contents.entries.filter { entry in
                switch entry.operation {
                case .put(let record): store.record(id: record.id) != record
                case .delete(let id): store.record(id: id) != nil
                }
            }
            guard !pending.isEmpty || contents.unreadableLines > 0 || contents.draft != nil else { continue }
            journals.append(RecoveryOffer.Journal(location: ended.location, lastWritten: ended.lastWritten, entries: contents.entries,
                                                  unreadableLines: contents.unreadableLines,
                                                  changes: RecoveryOffer.changes(in: contents.entries), draft: contents.draft))
        }
        if journals.isEmpty { discardRecovery() }
        guard !journals.isEmpty || !found.notOffered.isEmpty else { return nil }
        return RecoveryOffer(journals: journals, notOffered: found.notOffered)
    }

    /// Applies recovered changes as unsaved edits, merged three ways with what the file holds
    /// now (`RecoveryMerge`): what others saved since is kept. When a recovered change clashes
    /// with theirs, nothing is applied and the conflicts come back to be decided
    /// (`recover(resolving:keepMine:)`); the journals stay until then.
    public func recover(_ offer: RecoveryOffer) -> RecoveryOutcome {
        let merge = RecoveryMerge(offer: offer, onto: store.network)
        guard merge.conflicts.isEmpty else { return RecoveryOutcome(applied: 0, refused: [], conflicts: merge) }
        return applyRecovered(merge.result.network, ids: merge.ids)
    }

    /// Applies recovered changes with each conflict decided: `keepMine[i]` keeps the recovered
    /// value of conflict i, else the file's.
    public func recover(resolving merge: RecoveryMerge, keepMine: [Bool]) -> RecoveryOutcome {
        applyRecovered(merge.resolved(keepMine: keepMine), ids: merge.ids)
    }

    /// Makes the recovered records what `network` has, one undoable change each, kept in this
    /// session's journal. Then the ended sessions' journals go, unless the rules refused a
    /// change: then they stay where they are, offered again at the next start. A form an ended
    /// session left open is not applied: it comes back in the outcome, to be opened again.
    private func applyRecovered(_ network: Network, ids: [String]) -> RecoveryOutcome {
        // Forms come back one at a time, the newest first: the journals holding the others
        // stay, so that the next start offers their forms again and none is lost.
        // Each journal is read once: its draft, if it holds one.
        let drafts = offered.map { $0.contents()?.draft }
        let withForm = offered.indices.filter { drafts[$0] != nil }
        let reopened = withForm.last
        let draft = reopened.flatMap { drafts[$0] }
        var applied = 0
        var refused: [String] = []
        stored.releaseWhole()
        for id in ids {
            let wanted = network.record(id: id), current = store.record(id: id)
            guard wanted != current else { continue }
            do {
                journal(try store.apply(wanted.map { .put($0) } ?? .delete(id: id), summary: "recovered change"))
                applied += 1
            } catch {
                let what = (wanted ?? current).map { "\($0.kind.rawValue) \(id)" } ?? id
                refused.append("\(what): \(error.description)")
            }
        }
        for (index, journal) in offered.enumerated() {
            let holdsAnotherForm = drafts[index] != nil && index != reopened
            refused.isEmpty && !holdsAnotherForm ? journal.remove() : journal.release()
        }
        offered = []
        return RecoveryOutcome(applied: applied, refused: refused, conflicts: nil, draft: draft,
                               formsKept: withForm.count - (reopened == nil ? 0 : 1))
    }

    /// Drops the changes ended sessions left: the user chose not to recover them.
    public func discardRecovery() {
        offered.forEach { $0.remove() }
        offered = []
    }

    /// Leaves the changes ended sessions left where they are, for the next start to offer
    /// again: the user put the question off.
    public func postponeRecovery() {
        offered.forEach { $0.release() }
        offered = []
    }

    /// Drops this session's journal: the user quits without saving.
    public func discardUnsaved() {
        journal?.remove()
        unsavedDiscarded = true
    }

    private var unsavedDiscarded = false

    /// The unsaved changes the journal keeps for the next start to offer: none where no journal
    /// is kept, or once the user discarded them on quitting.
    public var unsavedInJournal: Int {
        guard journal != nil, journalProblem == nil, !unsavedDiscarded else { return 0 }
        return store.unsavedChanges
    }
}

/// What the rules say of a record.
public struct Verdict: Equatable, Sendable {
    /// Problems that refuse the record: errors, and warnings about values a person may not enter.
    public var refusing: [Diagnostic]
    /// Problems shown, with the record accepted.
    public var warnings: [Diagnostic]
}

public enum EditOutcome: Equatable, Sendable {
    case applied(Store.Change, warnings: [Diagnostic])
    /// The record is as it was: nothing to do.
    case unchanged
    /// The rules the record breaks; nothing changed.
    case refused([Diagnostic])
    /// A partner that looks like one already there; nothing changed.
    case lookalike(Lookalike)
    case readOnly(String)
}

public enum SaveOutcome: Equatable, Sendable {
    case saved(merged: Bool)
    case nothingToSave
    /// Both sides changed the same values; nothing was written.
    case conflicts(SaveConflicts)
    case failed(String)
}

/// A save's conflicts, the merge with their values where the sides differ, and the version it was
/// made against, so the conflicts can be decided and saved against that version.
public struct SaveConflicts: Equatable, Sendable {
    public var merge: Merge.Result
    public var theirs: Network
    public var version: StorageVersion?

    public var conflicts: [Merge.Conflict] { merge.conflicts }
}

public enum ReloadOutcome: Equatable, Sendable {
    case reloaded(keptUnsaved: Bool)
    case conflicts([Merge.Conflict])
    case failed(String)
}

public struct RecoveryOutcome: Equatable, Sendable {
    public var applied: Int
    /// Changes the rules refused, each with its record and why; their journals stay in place
    /// and are offered again at the next start.
    public var refused: [String]
    /// Recovered changes that clash with changes saved since: nothing was applied; each is to
    /// be decided.
    public var conflicts: RecoveryMerge?
    /// The form the newest ended session left open, to be opened again with its texts.
    public var draft: FormDraft? = nil
    /// Forms other ended sessions left open, kept in their journals for the next start.
    public var formsKept = 0
}
