/// A network held in memory: the second storage behind the seam, for tests. Another Document on
/// the same MemoryStorage stands for a colleague saving meanwhile.
public final class MemoryStorage: NetworkStorage {
    public private(set) var network: Network
    private var revision = 1
    private var journals: [String: [MemoryJournal]] = [:]
    public var readOnlyReason: String?
    /// Set to make the next write fail, as a full disk would.
    public var failNextWrite: String?
    public private(set) var writes = 0

    public init(network: Network) {
        self.network = network
    }

    public var name: String { "memory" }

    public func load() throws(StorageError) -> StoredNetwork {
        StoredNetwork(network: network, version: currentVersion(), warnings: Validation.check(network).warnings,
                      readOnlyReason: readOnlyReason)
    }

    public func currentVersion() -> StorageVersion? { StorageVersion(String(revision)) }

    public func withWriteLock<T>(_ body: () throws(StorageError) -> T) throws(StorageError) -> T {
        // One thread of tests at a time uses a memory storage; there is no one to wait for.
        try body()
    }

    public func write(_ network: Network) throws(StorageError) -> StorageVersion? {
        if let failure = failNextWrite {
            failNextWrite = nil
            throw StorageError(failure)
        }
        self.network = network
        revision += 1
        writes += 1
        return currentVersion()
    }

    /// The audit trail's bytes, as a file would hold them (a test may cut its last line short).
    public var historyBytes: [UInt8] = []

    public func appendHistory(_ entries: [AuditEntry]) throws(StorageError) {
        historyBytes += AuditTrail.lines(of: entries, after: historyBytes.last)
    }

    /// How often the trail was read: a document reads it once, and again after a save or reload.
    public private(set) var historyReads = 0

    public func history() throws(StorageError) -> AuditTrail {
        historyReads += 1
        return AuditTrail(bytes: historyBytes)
    }

    /// A new session's journal; it counts as live until a test says its session ended.
    public func recoveryJournal(user: String) -> RecoveryJournal? {
        let journal = MemoryJournal(location: "memory journal \(journals[user, default: []].count + 1) of \(user)")
        journals[user, default: []].append(journal)
        return journal
    }

    /// The journals of a user's sessions, oldest first: for tests to look into, and to end.
    public func journals(of user: String) -> [MemoryJournal] { journals[user, default: []] }

    public func endedSessionJournals(user: String, excluding own: RecoveryJournal?) -> EndedSessions {
        EndedSessions(journals: journals[user, default: []].filter { !$0.isLive && $0 !== own && $0.contents() != nil })
    }
}

public final class MemoryJournal: RecoveryJournal, EndedSessionJournal {
    public let location: String
    /// Whether its session still runs (a file journal's flock); a test ends it by setting false.
    public var isLive = true
    public var lastWritten: Int?
    private var stored: [Journal.Entry]?
    /// The open form's draft, while kept; it counts as contents like a change.
    public private(set) var draft: FormDraft?

    public init(location: String) {
        self.location = location
    }

    public func append(_ entry: Journal.Entry) throws(StorageError) {
        stored = (stored ?? []) + [entry]
        draft = nil
    }

    public func keepDraft(_ draft: FormDraft) throws(StorageError) {
        if stored == nil { stored = [] }
        self.draft = draft
    }

    public func dropDraft() { draft = nil }

    public func prepare() -> String? { nil }

    public func entries() -> [Journal.Entry]? { stored }

    public func contents() -> Journal.Contents? { stored.map { Journal.Contents(entries: $0, draft: draft) } }

    /// Left as it is: an ended session's journal stays offered.
    public func release() {}

    public func remove() {
        stored = nil
        draft = nil
    }
}
