#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A network in a JSON file: loaded strictly, written atomically (AtomicFile), locked for saving
/// by `NAME.lock` beside it, its version the file's stamp, unsaved changes journaled privately
/// (Journal), saved changes in the audit trail `NAME.history.jsonl` beside it (HistoryFile). A
/// path that is a symbolic link stands for the file it leads to: the lock, the temporary, the
/// backup, the journals and the audit trail are that file's, so saving through the link works.
public final class FileStorage: NetworkStorage {
    public let path: String

    public init(path: String) {
        self.path = POSIX.followingLink(path)
    }

    public var name: String { POSIX.fileName(of: path) }

    public func load() throws(StorageError) -> StoredNetwork {
        do {
            let file = try NetworkFile.load(path: path)
            return StoredNetwork(network: file.network, version: Self.version(file.stamp), warnings: file.warnings,
                                 readOnlyReason: file.readOnlyReason, source: file.source)
        } catch {
            throw Self.storageError(error)
        }
    }

    public func currentVersion() -> StorageVersion? { Self.version(FileStamp.of(path: path)) }

    public func withWriteLock<T>(_ body: () throws(StorageError) -> T) throws(StorageError) -> T {
        let lock: FileLock
        do {
            lock = try FileLock(path: path + ".lock", like: path)
        } catch {
            throw StorageError(error.description)
        }
        defer { lock.release() }
        return try body()
    }

    public func write(_ network: Network, stamped: [String: Record], reusing source: SourceText?,
                      changed: Set<String>) throws(StorageError) -> (version: StorageVersion?, source: SourceText?) {
        AtomicFile(path: path).removeStaleTemporaries()
        do {
            let saved = try NetworkFile.save(network, to: path, reusing: source, changed: changed, stamped: stamped)
            return (Self.version(saved.stamp), saved.source)
        } catch {
            throw StorageError(error.description)
        }
    }

    public func write(_ network: Network) throws(StorageError) -> StorageVersion? {
        // Inside the write lock: what a killed save left is cleared by the next one.
        AtomicFile(path: path).removeStaleTemporaries()
        do {
            return Self.version(try NetworkFile.save(network, to: path))
        } catch {
            throw StorageError(error.description)
        }
    }

    /// Journals go beside the file or under the state folder (JournalPlace decides); for tests,
    /// a state folder of their own.
    public var stateHome: String?

    /// Where the audit trail is: `NAME.history.jsonl` beside the file.
    public var historyPath: String { HistoryFile(dataPath: path).path }

    public func appendHistory(_ entries: [AuditEntry]) throws(StorageError) {
        do {
            try HistoryFile(dataPath: path).append(entries)
        } catch {
            throw StorageError(error.description)
        }
    }

    public func history() throws(StorageError) -> AuditTrail {
        do {
            return try HistoryFile(dataPath: path).read()
        } catch {
            throw StorageError(error.description)
        }
    }

    public func recoveryJournal(user: String) -> RecoveryJournal? {
        Journal(for: path, user: user, stateHome: stateHome)
    }

    public func endedSessionJournals(user: String, excluding own: RecoveryJournal?) -> EndedSessions {
        AbandonedJournal.find(in: JournalPlace.of(dataPath: path, user: user, stateHome: stateHome), excluding: own?.location)
    }

    /// Whether the file's bytes are the canonical form of what they hold (`liaison format --check`).
    public func isCanonical(_ network: Network) throws(StorageError) -> Bool {
        do {
            return try FileContents.read(path) == NetworkCoding.encode(network)
        } catch {
            throw StorageError(error.description)
        }
    }

    static func version(_ stamp: FileStamp?) -> StorageVersion? {
        stamp.map { StorageVersion("\($0.device):\($0.inode):\($0.size):\($0.modifiedSeconds).\($0.modifiedNanoseconds):\($0.changedSeconds).\($0.changedNanoseconds)") }
    }

    static func storageError(_ error: NetworkFile.LoadError) -> StorageError {
        switch error {
        case .unreadable: StorageError(error.description)
        case .invalid(_, let diagnostics): StorageError(error.description, diagnostics: diagnostics)
        }
    }
}

extension Journal: RecoveryJournal {
    public var location: String { path }

    public func append(_ entry: Entry) throws(StorageError) {
        do {
            try writeDurably(entry)
        } catch {
            throw StorageError(error.description)
        }
    }

    public func keepDraft(_ draft: FormDraft) throws(StorageError) {
        do {
            try writeDraftDurably(draft)
        } catch {
            throw StorageError(error.description)
        }
    }

    public func dropDraft() { cutDraft() }
}
