import Dispatch
import LiaisonCore
import Synchronization

/// Keeps the first-screen cache in step with the data file: after a start or a save, once the
/// store holds just what the file holds (nothing unsaved), another thread hashes the file, and
/// when the keys pause the overview's facts are kept under that hash. A version already kept (or
/// found in the cache at the start) is not hashed again.
public final class FirstScreenKeeper {
    let cache: FirstScreenCache
    let dataPath: String
    /// The file's version whose first screen the cache holds, or that was tried.
    private var settled: StorageVersion?
    private var digesting: BackgroundDigest?

    /// `kept`: the version the cache was found to hold at the start, with the facts the load
    /// confirmed.
    public init(cache: FirstScreenCache, dataPath: String, kept: StorageVersion? = nil) {
        self.cache = cache
        self.dataPath = dataPath
        settled = kept
    }

    /// Asked when the keys pause: starts hashing the file, or keeps the facts once it is hashed.
    /// Returns whether it wrote the cache.
    public func step(_ data: DataSnapshot) -> Bool {
        guard let version = unkeptVersion(of: data) else { return false }
        guard let digesting else {
            digesting = BackgroundDigest(path: dataPath)
            return false
        }
        guard let digest = digesting.outcome else { return false }
        keep(digest, of: version, data)
        return true
    }

    /// At the end of a session: what is hashing is waited for, or hashed now, and kept, so that
    /// a session shorter than the hash still leaves its first screen for the next start.
    public func finish(_ data: DataSnapshot) {
        guard let version = unkeptVersion(of: data) else { return }
        keep(digesting?.wait() ?? FileDigest.of(path: dataPath), of: version, data)
    }

    /// The file's version when the store holds just it and the cache does not yet.
    private func unkeptVersion(of data: DataSnapshot) -> StorageVersion? {
        guard data.store.unsavedChanges == 0, let version = data.document.version,
              version != settled else { return nil }
        return version
    }

    /// Keeps the facts if the bytes hashed are the version the store holds; either way that
    /// version is settled (a file that cannot be hashed is not read again and again).
    private func keep(_ digest: FileDigest?, of version: StorageVersion, _ data: DataSnapshot) {
        digesting = nil
        settled = version
        guard let digest, digest.version == version else { return }
        cache.keep(OverviewFacts(data), for: dataPath, digest: digest, today: data.today)
    }
}

/// A file's digest made on a thread of its own.
final class BackgroundDigest: Sendable {
    private let result = Mutex<FileDigest??>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        DispatchQueue(label: "liaison.first-screen-digest").async { [self] in
            let digest = FileDigest.of(path: path)
            result.withLock { $0 = .some(digest) }
            done.signal()
        }
    }

    /// The digest once made (nil inside: the file could not be read whole as one version).
    var outcome: FileDigest?? { result.withLock { $0 } }

    func wait() -> FileDigest? {
        if let outcome { return outcome }
        done.wait()
        return outcome ?? nil
    }
}
