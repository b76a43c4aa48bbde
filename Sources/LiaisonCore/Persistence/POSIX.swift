#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls a save makes, replaceable so that tests can make any one of them fail.
public struct FileSystemCalls: Sendable {
    public var write: @Sendable (_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int
    public var fsync: @Sendable (_ fd: Int32) -> Int32
    public var rename: @Sendable (_ from: String, _ to: String) -> Int32
    public var link: @Sendable (_ from: String, _ to: String) -> Int32

    public static let system = FileSystemCalls(
        write: { fd, buffer, count in Glibc.write(fd, buffer, count) },
        fsync: { fd in Glibc.fsync(fd) },
        rename: { from, to in Glibc.rename(from, to) },
        link: { from, to in Glibc.link(from, to) }
    )
}

/// What `stat` says about a file, enough to notice that someone else replaced or changed it.
public struct FileStamp: Equatable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modifiedSeconds: Int
    public var modifiedNanoseconds: Int
    /// The inode's change time: set by the kernel on every write, never by a tool. Tools that
    /// write a file in place may keep its size and put its modification time back (`cp -p`,
    /// `rsync --inplace -t`, `touch -r`); only this tells such a write from no write.
    public var changedSeconds: Int
    public var changedNanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        changedSeconds = Int(info.st_ctim.tv_sec)
        changedNanoseconds = Int(info.st_ctim.tv_nsec)
    }

    public static func of(path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }
}

enum POSIX {
    /// The process's umask, which can only be read by setting it: set and put straight back.
    static func currentUmask() -> mode_t {
        let current = umask(0o022)
        umask(current)
        return current
    }

    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// Reads a whole regular file.
    static func readFile(_ path: String) throws(FileError) -> (bytes: [UInt8], stamp: FileStamp) {
        try withMappedFile(path) { bytes, stamp in (Array(bytes), stamp) }
    }

    /// Calls `body` with a regular file's bytes mapped into memory (read-only, private).
    /// Anything but a regular file is refused before it is opened: opening a FIFO for reading
    /// waits for a writer, and opening a device can have effects of its own.
    static func withMappedFile<T>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>, FileStamp) -> T) throws(FileError) -> T {
        try withMappedFile(path) { bytes, stamp, _ in body(bytes, stamp) }
    }

    /// The same, also handing the open descriptor (valid only during `body`: `dup` it to keep it).
    /// `readOnce`: `body` reads the bytes once, front to back, and gives the pages behind it back
    /// (ConsumedPages): the pages are then read in as it goes (the kernel reads ahead), not all
    /// made resident up front.
    static func withMappedFile<T>(_ path: String, readOnce: Bool = false,
                                  _ body: (UnsafeBufferPointer<UInt8>, FileStamp, Int32) -> T) throws(FileError) -> T {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileError(path: path, "cannot be opened: \(errorText())") }
        try requireRegular(info, path)
        // O_NONBLOCK: should the file be swapped for a FIFO after the check, open still returns.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, "cannot be opened: \(errorText())") }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, "cannot be read: \(errorText())") }
        try requireRegular(info, path)
        let size = Int(info.st_size)
        guard size > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0), FileStamp(info), fd) }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE | (readOnce ? 0 : MAP_POPULATE), fd, 0), mapping != MAP_FAILED else {
            throw FileError(path: path, "cannot be read: \(errorText())")
        }
        defer { munmap(mapping, size) }
        if readOnce { _ = madvise(mapping, size, MADV_SEQUENTIAL) }
        let stamp = FileStamp(info)
        let (result, torn) = try MappingGuard.reading(mapping, count: size) { () throws(FileError) -> T in
            body(UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: size), stamp, fd)
        }
        // Written while read (cut short under the mapping, or its bytes changed: the change time
        // moved): what was read may be parts of two versions, none of them the file.
        guard !torn, fstat(fd, &info) == 0, FileStamp(info) == stamp else { throw FileError.changedWhileRead(path) }
        return result
    }

    static func requireRegular(_ info: stat, _ path: String) throws(FileError) {
        guard info.st_mode & S_IFMT != S_IFREG else { return }
        throw FileError(path: path, "is \(kindName(info.st_mode)), not a regular file; Liaison reads and writes only regular files")
    }

    /// What a non-regular file is, in plain words.
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    /// The file a path names, with a symbolic link in its last part followed to the real file, so
    /// that what is kept beside the file (lock, temporary, backup, journals) is beside that file.
    /// A path that is not a link, or a link that leads nowhere, is kept as given.
    static func followingLink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Makes a folder and its missing parents with the mode; what fails shows when it is used.
    static func makeDirectories(_ directory: String, mode: mode_t) {
        var partial = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            partial += "/" + component
            mkdir(partial, mode)
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// The names in a directory (`.` and `..` left out), or nil if it cannot be listed.
public enum DirectoryNames {
    public static func list(in directory: String) -> [String]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

/// A file could not be read or written; the message names the file and what failed.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// Another program wrote the file while it was read: reading it again gets one version.
    static func changedWhileRead(_ path: String) -> FileError {
        FileError(path: path, changedWhileReadMessage)
    }

    static let changedWhileReadMessage = "changed while it was read (another program wrote it meanwhile); try again"

    var isChangedWhileRead: Bool { message == Self.changedWhileReadMessage }
}

/// The C library's malloc_trim(0), where there is one (glibc's; Swift's Glibc module leaves
/// malloc.h out): memory freed after a large piece of work (the temporary texts of a sort or of
/// the search index) goes back to the kernel, instead of staying in the process's free lists
/// and counting into its resident size.
public enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    public static func giveBack() {
        #if os(Linux)
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
