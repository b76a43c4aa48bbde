#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// The SHA-256 of a file's bytes, with the version (`FileStorage`'s identity stamp: device,
/// inode, size, modification and change times) of the file they were read from: what a cache of
/// something made from the file is keyed by, so that it is never used for other bytes.
///
/// Read a megabyte at a time into one buffer, not mapped: the digest runs beside a loaded
/// network (after a start or a save) and must not add the file's size to the process's memory.
public struct FileDigest: Equatable, Sendable {
    public var sha256: String
    public var version: StorageVersion

    static let chunkSize = 1 << 20

    /// Nil when the file cannot be read, or changed while it was read (its stamp before and after
    /// differ): those bytes may be no one version of the file.
    public static func of(path: String) -> FileDigest? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let before = FileStamp(info)
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunkSize)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        // Written in place while read (its change time moved), or replaced (the path is another file).
        guard fstat(fd, &info) == 0, FileStamp(info) == before, FileStamp.of(path: path) == before,
              let version = FileStorage.version(before) else { return nil }
        return FileDigest(sha256: hex(hasher.finalize()), version: version)
    }

    /// Bytes as lowercase hexadecimal, two digits each.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(UInt($0) + 0x100, radix: 16).dropFirst() }.joined()
    }
}
