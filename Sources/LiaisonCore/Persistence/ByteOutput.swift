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
    }
}
