#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files a save makes beside the data file for everyone who works on it (the lock, the audit
/// trail) get the data file's group and its permission bits when they are created, whatever the
/// creator's umask: so any member of the office's group can use them after any other.
enum GroupSharedFile {
    /// Gives a file just created (`fd`) the group of the data file and the bits of its mode that
    /// `allowed` lets through; without a data file, `allowed` less the umask.
    static func adopt(_ fd: Int32, like dataPath: String?, allowed: mode_t) {
        var info = stat()
        if let dataPath, stat(dataPath, &info) == 0 {
            // Fails harmlessly for someone outside the group; a setgid directory gave it anyway.
            fchown(fd, uid_t.max, info.st_gid)
            fchmod(fd, info.st_mode & allowed)
        } else {
            fchmod(fd, allowed & ~POSIX.currentUmask())
        }
    }
}
