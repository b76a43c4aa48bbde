#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Saving a file that others may be editing too: under an exclusive lock on NAME.lock, the file
/// on disk is compared with the version these edits started from; if someone saved in between,
/// their version and these edits are merged three ways before anything is written.
public enum SharedSave {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case file(FileError)
        /// The file on disk no longer loads; nothing was written.
        case unreadable(NetworkFile.LoadError)
        /// Both sides changed the same thing; nothing was written. The merge (with their values
        /// where the sides differ) and the file it was made against come along, so the conflicts
        /// can be resolved and saved against that version.
        case conflicts(Merge.Result, theirs: Network, theirStamp: FileStamp?)

        public var description: String {
            switch self {
            case .file(let error): return error.description
            case .unreadable(let error): return "the file changed on disk and no longer loads, so nothing was saved: \(error)"
            case .conflicts(let merge, _, _):
                return "someone else saved changes to the same values; nothing was saved:\n" + merge.conflicts.map { "  \($0)" }.joined(separator: "\n")
            }
        }
    }

    public struct Saved: Sendable {
        /// What is now on disk: these edits, merged with others' where there were any.
        public var network: Network
        public var stamp: FileStamp?
        /// Whether others' changes were merged in.
        public var merged: Bool
    }

    /// Writes `mine` to `path`, merging with changes saved since `base` was loaded (at `baseStamp`).
    public static func save(_ mine: Network, base: Network, baseStamp: FileStamp?, to path: String,
                            calls: FileSystemCalls = .system) throws(Failure) -> Saved {
        let lock: FileLock
        do {
            lock = try FileLock(path: path + ".lock")
        } catch {
            throw .file(error)
        }
        defer { lock.release() }

        var result = mine
        var merged = false
        let current = FileStamp.of(path: path)
        if current != nil && current != baseStamp {
            let theirs: NetworkFile
            do {
                theirs = try NetworkFile.load(path: path)
            } catch {
                throw .unreadable(error)
            }
            let merge = Merge.merge(base: base, mine: mine, theirs: theirs.network)
            guard merge.conflicts.isEmpty else { throw .conflicts(merge, theirs: theirs.network, theirStamp: theirs.stamp) }
            result = merge.network
            merged = true
        }
        do {
            let stamp = try NetworkFile.save(result, to: path, calls: calls)
            return Saved(network: result, stamp: stamp, merged: merged)
        } catch {
            throw .file(error)
        }
    }
}

/// An exclusive flock on a lock file beside the data file (never on the data file itself, which a
/// save replaces). The kernel releases it when the holder exits, however it exits.
final class FileLock {
    private let fd: Int32

    init(path: String) throws(FileError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw FileError(path: path, "cannot be opened to lock the file for saving: \(POSIX.errorText())") }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let error = FileError(path: path, "cannot be locked: \(POSIX.errorText())")
            close(fd)
            throw error
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
