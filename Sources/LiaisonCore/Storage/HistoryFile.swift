#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The audit trail of a data file: `NAME.history.jsonl` beside it (`network.json.history.jsonl`),
/// JSON Lines, only ever appended to. Made with the data file's group and group bits and no
/// world bits, so every member of the office's group can add to it and no one else can read it.
struct HistoryFile {
    let path: String
    /// The data file, whose group and mode a new history takes.
    let dataPath: String

    init(dataPath: String) {
        self.dataPath = dataPath
        self.path = dataPath + ".history.jsonl"
    }

    /// Appends one save's entries with one write, so a crash cuts at most the end of them.
    /// Durable when it returns, like the save it records.
    func append(_ entries: [AuditEntry]) throws(FileError) {
        guard !entries.isEmpty else { return }
        let fd = try open()
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, "cannot be read: \(POSIX.errorText())") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileError(path: path, "is not a regular file; the history is kept only in one") }
        var last: UInt8?
        if info.st_size > 0 {
            var byte: UInt8 = 0
            guard pread(fd, &byte, 1, off_t(info.st_size - 1)) == 1 else { throw FileError(path: path, "cannot be read: \(POSIX.errorText())") }
            last = byte
        }
        let buffer = AuditTrail.lines(of: entries, after: last)
        var written = 0
        repeat {
            written = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        } while written < 0 && errno == EINTR
        guard written == buffer.count else {
            throw FileError(path: path, "the change was saved, but could not be added to the history: \(written < 0 ? POSIX.errorText() : "the disk is full")")
        }
        guard fdatasync(fd) == 0 else {
            throw FileError(path: path, "the change was saved, but the history could not be flushed to disk: \(POSIX.errorText())")
        }
    }

    /// Opened for appending, never through a symbolic link (one planted there would have the
    /// lines written into another file of the saver's); made with the data file's group.
    private func open() throws(FileError) -> Int32 {
        // O_NONBLOCK: a FIFO planted in its place makes the open fail instead of hang.
        let flags = O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK
        var fd = Glibc.open(path, flags | O_CREAT | O_EXCL, 0o600)
        if fd >= 0 {
            GroupSharedFile.adopt(fd, like: dataPath, allowed: 0o660)
        } else if errno == EEXIST {
            fd = Glibc.open(path, flags)
        }
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "is a symbolic link; the history is never written through one" : POSIX.errorText()
            throw FileError(path: path, "cannot be opened to add to the history: \(reason)")
        }
        return fd
    }

    /// The trail, oldest first; empty when there is none yet.
    func read() throws(FileError) -> AuditTrail {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 && errno == ENOENT { return AuditTrail() }
        guard fd >= 0 else { throw FileError(path: path, "cannot be opened: \(errno == ELOOP ? "it is a symbolic link" : POSIX.errorText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw FileError(path: path, "is not a regular file") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw FileError(path: path, "cannot be read: \(POSIX.errorText())") }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return AuditTrail(bytes: bytes)
    }
}
