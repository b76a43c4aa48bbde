#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents so that a crash or a full disk at any moment leaves either the
/// old file or the new one, never a mix: write a temporary file in the same directory, fsync it,
/// keep the old version as NAME.bak (unless told not to), rename over the original, fsync the
/// directory.
public struct AtomicFile {
    public let path: String
    public var calls: FileSystemCalls
    /// Whether the version replaced is kept as NAME.bak: for the network file, not for a file
    /// written from it (an export, a report), which can be made again.
    public var keepsBackup: Bool

    public init(path: String, calls: FileSystemCalls = .system, keepsBackup: Bool = true) {
        self.path = path
        self.calls = calls
        self.keepsBackup = keepsBackup
    }

    public var backupPath: String { path + ".bak" }

    public func write(_ bytes: [UInt8]) throws(FileError) {
        try write(bufferSize: max(1, bytes.count)) { output in bytes.withUnsafeBufferPointer { output.write($0) } }
    }

    /// Writes what `produce` hands its output, as it hands it over: the temporary file takes the
    /// bytes while they are made, so they are never all in memory at once. A write that fails
    /// stops the writing; the temporary is removed and the original left as it was.
    func write(bufferSize: Int = FileOutput.defaultBufferSize, _ produce: (FileOutput) -> Void) throws(FileError) {
        let directory = POSIX.directory(of: path)
        let existing = try existingFile()
        let mode = existing.map { $0.st_mode & 0o7777 } ?? defaultMode()

        var template = Array("\(directory)/\(temporaryPrefix)XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileError(path: path, "cannot be saved: cannot create a temporary file in \(directory): \(POSIX.errorText())") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var keepTemporary = false
        defer { if !keepTemporary { unlink(temporary) } }

        do throws(FileError) {
            let output = FileOutput(descriptor: fd, calls: calls, bufferSize: bufferSize)
            produce(output)
            if let failure = output.failure { throw step("writing the temporary file", failure) }
            try give(fd, mode: mode, groupOf: existing, what: "")
            guard calls.fsync(fd) == 0 else { throw step("flushing it to disk (fsync)") }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw step("closing the temporary file") }

        if keepsBackup, let existing { try keepBackup(of: existing) }
        guard calls.rename(temporary, path) == 0 else { throw step("replacing the file (rename)") }
        keepTemporary = true
        try syncDirectory(directory)
    }

    /// The file being replaced, if there is one; links and special files are refused, since
    /// writing through them would change some other file.
    private func existingFile() throws(FileError) -> stat? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw FileError(path: path, "cannot be saved: \(POSIX.errorText())")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return info
        case S_IFLNK: throw FileError(path: path, "is a symbolic link; Liaison does not write through links (open the file it points to instead)")
        default:
            try POSIX.requireRegular(info, path)
            return info
        }
    }

    /// The file's permission bits and group, whatever the saver's umask and primary group, so
    /// that everyone in the group who could save it before still can.
    private func give(_ fd: Int32, mode: mode_t, groupOf existing: stat?, what: String) throws(FileError) {
        guard fchmod(fd, mode) == 0 else { throw step("setting the permissions of \(what.isEmpty ? "the temporary file" : what)") }
        if let existing, existing.st_gid != getegid() {
            guard fchown(fd, uid_t.max, existing.st_gid) == 0 else {
                throw step("giving \(what.isEmpty ? "it" : what) the file's group (gid \(existing.st_gid))")
            }
        }
    }

    /// `.NAME.liaison-` and six characters from mkstemp: the temporary files of saves of this file.
    var temporaryPrefix: String { ".\(POSIX.fileName(of: path)).liaison-" }

    /// Removes temporaries that saves of this file left when they were killed before their rename.
    /// Call it only holding the file's write lock (`NAME.lock`): every save takes that lock
    /// first, so while it is held no save of this file is writing, and any temporary of this
    /// name is a dead save's.
    public func removeStaleTemporaries() {
        for candidate in staleTemporaries() { unlink(candidate) }
    }

    /// The temporaries of saves of this file in its directory: only names of our pattern, and
    /// only regular files. Without the write lock held, one of them may be a save going on.
    public func staleTemporaries() -> [String] {
        let directory = POSIX.directory(of: path)
        let prefix = temporaryPrefix
        var found: [String] = []
        for name in DirectoryNames.list(in: directory) ?? [] {
            guard name.hasPrefix(prefix) else { continue }
            let suffix = name.utf8.dropFirst(prefix.utf8.count)
            guard suffix.count == 6, suffix.allSatisfy(Self.isTemplateCharacter) else { continue }
            var info = stat()
            let candidate = "\(directory)/\(name)"
            guard lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            found.append(candidate)
        }
        return found
    }

    /// mkstemp fills its template with ASCII letters and digits.
    private static func isTemplateCharacter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private func defaultMode() -> mode_t { 0o666 & ~POSIX.currentUmask() }

    private func writeAll(_ bytes: [UInt8], to fd: Int32, what: String) throws(FileError) {
        let output = FileOutput(descriptor: fd, calls: calls)
        bytes.withUnsafeBufferPointer { output.write($0) }
        if let failure = output.failure { throw step("writing \(what)", failure) }
    }

    /// NAME.bak becomes the version being replaced. A hard link keeps it without copying and
    /// without a moment in which NAME is missing; file systems without links get a copy.
    private func keepBackup(of existing: stat) throws(FileError) {
        let staging = backupPath + ".liaison-new"
        unlink(staging)
        if calls.link(path, staging) != 0 {
            let (bytes, _) = try POSIX.readFile(path)
            let fd = open(staging, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw step("creating the backup \(backupPath)") }
            do throws(FileError) {
                try writeAll(bytes, to: fd, what: "the backup \(backupPath)")
                try give(fd, mode: existing.st_mode & 0o7777, groupOf: existing, what: "the backup \(backupPath)")
                guard calls.fsync(fd) == 0 else { throw step("flushing the backup \(backupPath)") }
            } catch {
                close(fd)
                unlink(staging)
                throw error
            }
            close(fd)
        }
        guard calls.rename(staging, backupPath) == 0 else {
            let error = step("keeping the previous version as \(backupPath)")
            unlink(staging)
            throw error
        }
    }

    private func syncDirectory(_ directory: String) throws(FileError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let failure = { (code: Int32) in
            FileError(path: path, "was saved, but flushing its directory \(directory) to disk failed: \(POSIX.errorText(code))")
        }
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        guard calls.fsync(fd) == 0 else { throw failure(errno) }
    }

    private func step(_ what: String, _ code: Int32 = errno) -> FileError {
        FileError(path: path, "was not saved: \(what) failed: \(POSIX.errorText(code))")
    }
}
