#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an encoder's bytes go as they are made (`JSONWriter(streamingTo:)`): a save's temporary
/// file (`FileOutput`), so that a 140 MB network is never held whole in memory.
protocol ByteOutput: AnyObject {
    /// How many bytes the writer gathers before it hands them over.
    var bufferSize: Int { get }
    func write(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// A file written front to back through `calls.write`. A write that fails is remembered, not
/// thrown, and nothing is written after it: the encoder feeding it runs to its end, and the
/// caller asks `failure` once (AtomicFile does, and then removes the file).
public final class FileOutput: ByteOutput {
    /// 1 MB: large enough that the calls cost nothing beside the copying, small enough to stay
    /// in the processor's caches.
    public static let defaultBufferSize = 1 << 20

    let descriptor: Int32
    let calls: FileSystemCalls
    let bufferSize: Int
    /// Bytes written so far.
    private(set) var count = 0
    /// The errno of the first write that failed.
    private(set) var failure: Int32?
    /// Up to where the kernel was asked to start writing the bytes to disk.
    private var writebackStarted = 0
    private let startWriteback = Writeback.starter()

    init(descriptor: Int32, calls: FileSystemCalls, bufferSize: Int = FileOutput.defaultBufferSize) {
        self.descriptor = descriptor
        self.calls = calls
        self.bufferSize = max(1, bufferSize)
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, let start = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let result = calls.write(descriptor, start + done, bytes.count - done)
            if result < 0 && errno == EINTR { continue }
            if result <= 0 {
                // A write of nothing is a full disk that did not say so.
                failure = result < 0 ? errno : ENOSPC
                return
            }
            done += result
        }
        count += done
        if count - writebackStarted >= Writeback.step, let startWriteback {
            _ = startWriteback(descriptor, Int64(writebackStarted), Int64(count - writebackStarted), Writeback.write)
            writebackStarted = count
        }
    }
}

/// The bytes written so far go to disk while the rest is made, so that the fsync at the end
/// waits for the last few megabytes, not for 140 (40 ms of a save at 100,000 partners on this
/// machine's disk, 4 ms so). Only a start: durability is still the fsync's.
private enum Writeback {
    /// sync_file_range(2), Linux's; Swift's Glibc module leaves it out (it is behind _GNU_SOURCE).
    typealias Starter = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

    /// SYNC_FILE_RANGE_WRITE: start writing the dirty pages of the range, without waiting.
    static let write: UInt32 = 2
    /// Asked every 8 MB.
    static let step = 8 << 20

    /// The C library's sync_file_range, where there is one.
    static func starter() -> Starter? {
        #if os(Linux)
        guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: Starter.self)
        #else
        return nil
        #endif
    }
}
