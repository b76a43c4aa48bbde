#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive flock on a lock file beside the data file (never on the data file itself, which a
/// save replaces). The kernel releases it when the holder exits, however it exits.
final class FileLock {
    private let fd: Int32

    /// `like` is the data file: a lock made new gets its permission bits and group, so that
    /// everyone who may save the file may take the lock, whatever the first saver's umask.
    /// A lock file one may not write is opened for reading: flock needs no write permission.
    init(path: String, like dataPath: String? = nil) throws(FileError) {
        var descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            GroupSharedFile.adopt(descriptor, like: dataPath, allowed: 0o666)
        } else if errno == EEXIST {
            descriptor = open(path, O_RDWR | O_CLOEXEC)
            if descriptor < 0 && errno == EACCES { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
        }
        fd = descriptor
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
