/// Where a network lives: a file today (FileStorage), memory in tests (MemoryStorage), a database
/// later. The Document does everything else (rules, stamps, merging, the journal's contents)
/// through this seam, so nothing outside a storage knows what the data is kept in.
public protocol NetworkStorage: AnyObject {
    /// What people call it in messages: the file's name, a database's.
    var name: String { get }
    /// The network as stored now, with its version and what its load found.
    func load() throws(StorageError) -> StoredNetwork
    /// The version stored now, cheaply: a save or a check for changes by others compares it.
    func currentVersion() -> StorageVersion?
    /// Runs `body` holding the write lock, so that no one else saves between its compare and its write.
    func withWriteLock<T>(_ body: () throws(StorageError) -> T) throws(StorageError) -> T
    /// Writes the network (inside `withWriteLock`) and returns the version it is stored as.
    func write(_ network: Network) throws(StorageError) -> StorageVersion?
    /// The same with the records of `stamped` in place of the network's, copying from `source`
    /// the bytes of records not in `changed` where the storage can (SourceText); also returns
    /// where the records are in what was written.
    func write(_ network: Network, stamped: [String: Record], reusing source: SourceText?,
               changed: Set<String>) throws(StorageError) -> (version: StorageVersion?, source: SourceText?)
    /// Adds one save's entries to the audit trail, with one write (inside `withWriteLock`, after
    /// `write`). The trail is only ever appended to.
    func appendHistory(_ entries: [AuditEntry]) throws(StorageError)
    /// The audit trail, oldest first.
    func history() throws(StorageError) -> AuditTrail
    /// Where this session's unsaved changes are kept until they are saved or dropped; nil for none.
    func recoveryJournal(user: String) -> RecoveryJournal?
    /// Journals this user's sessions left without saving (none that a running session holds),
    /// and those that were found but may not be trusted, with why.
    func endedSessionJournals(user: String, excluding own: RecoveryJournal?) -> EndedSessions
}

extension NetworkStorage {
    /// A storage with no bytes to copy writes the network whole.
    public func write(_ network: Network, stamped: [String: Record], reusing source: SourceText?,
                      changed: Set<String>) throws(StorageError) -> (version: StorageVersion?, source: SourceText?) {
        (try write(network.replacing(stamped)), nil)
    }
}

/// A version of the stored network, opaque to everyone but its storage.
public struct StorageVersion: Hashable, Sendable {
    public let token: String

    public init(_ token: String) { self.token = token }
}

public struct StoredNetwork: Sendable {
    public var network: Network
    public var version: StorageVersion?
    /// Warnings the load found (errors refuse it).
    public var warnings: [Diagnostic]
    /// Why this network must not be written, if it must not.
    public var readOnlyReason: String?
    /// Where each record's bytes are as stored, for a save that copies those of unchanged ones.
    public var source: SourceText?

    public init(network: Network, version: StorageVersion?, warnings: [Diagnostic] = [], readOnlyReason: String? = nil,
                source: SourceText? = nil) {
        self.network = network
        self.version = version
        self.warnings = warnings
        self.readOnlyReason = readOnlyReason
        self.source = source
    }
}

public struct StorageError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// The stored data breaks the format's rules (as opposed to not being reachable at all).
    public var diagnostics: [Diagnostic]

    public init(_ description: String, diagnostics: [Diagnostic] = []) {
        self.description = description
        self.diagnostics = diagnostics
    }
}

/// Where this session's unsaved changes are kept, entry by entry, durable as each is made.
public protocol RecoveryJournal: AnyObject {
    /// Where it is, for messages.
    var location: String { get }
    /// Why changes cannot be kept there, or nil; asked once at the start, to say so at once.
    func prepare() -> String?
    func append(_ entry: Journal.Entry) throws(StorageError)
    /// Keeps an open form's draft in place of the one kept before (an entry appended drops it).
    func keepDraft(_ draft: FormDraft) throws(StorageError)
    /// Drops the draft: its form was left or applied.
    func dropDraft()
    /// Drops it: the changes were saved, or the user let them go.
    func remove()
}

/// The journal of a session that ended without saving, while its changes are offered.
public protocol EndedSessionJournal: AnyObject {
    var location: String { get }
    /// When it was last written, in seconds since 1970, if the storage knows.
    var lastWritten: Int? { get }
    /// What it holds, or nil once it is removed or set aside.
    func contents() -> Journal.Contents?
    /// Lets go of it, left in place: its changes could not all be applied, so the next start
    /// offers it again.
    func release()
    func remove()
}

public struct EndedSessions {
    public var journals: [EndedSessionJournal] = []
    /// Journals found but not offered, each with its place and why (not ours, open to others, a link).
    public var notOffered: [String] = []

    public init(journals: [EndedSessionJournal] = [], notOffered: [String] = []) {
        self.journals = journals
        self.notOffered = notOffered
    }
}
