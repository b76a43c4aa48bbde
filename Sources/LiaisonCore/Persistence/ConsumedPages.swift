#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pages of a read-only file mapping that a reader has moved past, given back to the kernel
/// every few megabytes as it goes: a 200 MB file read front to back then never counts whole in
/// the process's memory. The pages are the file's, so touching one again (an error message that
/// quotes a key read long before) reads it back from the page cache.
///
/// Only for a mapping of a file: the pages of bytes in memory would be lost (zeroed), not dropped.
public struct ConsumedPages {
    /// How far the reader moves on between two calls to the kernel.
    private static let step = 8 << 20
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    private let mapping: UnsafeRawPointer?
    /// Up to where the pages were given back.
    private var dropped = 0

    /// `from`: where this reader starts (a second thread's part of the file); the pages before
    /// it are another reader's and are never given back by this one.
    public init(fileMapping: UnsafeRawPointer?, from start: Int = 0) {
        mapping = fileMapping
        dropped = (start + Self.pageSize - 1) / Self.pageSize * Self.pageSize
    }

    /// The reader is done with every byte before `offset`.
    public mutating func release(before offset: Int) {
        guard let mapping, offset - dropped >= Self.step else { return }
        let end = offset / Self.pageSize * Self.pageSize
        guard end > dropped else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: mapping + dropped), end - dropped, MADV_DONTNEED)
        dropped = end
    }
}
