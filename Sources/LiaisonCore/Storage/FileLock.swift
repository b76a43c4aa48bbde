#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
