import LiaisonCore
import Synchronization

/// The reference directory for the new-partner form, loaded and indexed once on a thread of its
/// own when the dashboard starts (110,000 ROR records take most of a second), so that neither
/// the start nor a keystroke waits for it. Until it is there, and when nothing is imported or the
/// files cannot be read, the form offers nothing and says nothing.
public final class BackgroundDirectory: Sendable {
    private let loaded = Mutex<DirectoryIndex?>(nil)

    /// Starts loading: `load` runs off the main thread, once.
    public init(loading load: @escaping @Sendable () -> [DirectoryEntry]) {
        Task.detached(priority: .utility) { [self] in
            let entries = load()
            guard !entries.isEmpty else { return }
            let index = DirectoryIndex(entries)
            loaded.withLock { $0 = index }
        }
    }

    /// A directory already indexed (tests).
    public init(index: DirectoryIndex) {
        loaded.withLock { $0 = index }
    }

    /// The index, once it is loaded.
    public var index: DirectoryIndex? { loaded.withLock { $0 } }
}
