#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A mapped file that another program cuts short while it is read (`cp` over it, an editor
/// that writes in place) makes the kernel stop the process with SIGBUS at the first page past
/// the new end. While a mapping is read through `MappingGuard.reading`, a SIGBUS inside it puts a
/// page of zeros there instead (the reader then meets bytes that are not JSON) and marks the
/// read torn, so that the caller reads the file again rather than the process dying. A SIGBUS
/// anywhere else goes to the handler that was there before (the dashboard's, which gives the
/// terminal back), or ends the process as it would have.
///
/// One mapping is guarded at a time: a second read waits for the first.
enum MappingGuard {
    /// The guarded mapping's first address and the one past its end; 0 and 0 when none is.
    private static let start = Atomic<Int>(0)
    private static let end = Atomic<Int>(0)
    /// Whether a page of the guarded mapping was past the file's end.
    private static let torn = Atomic<Bool>(false)
    /// The handler that was there before, as a `(Int32) -> Void` C function's address (0: none,
    /// the default action).
    private static let previous = Atomic<Int>(0)
    private static let oneAtATime = Mutex<Void>(())

    /// Calls `body` with the mapping guarded; returns its result and whether the file was cut
    /// short under it (then the bytes `body` read are not the file's).
    static func reading<T>(_ mapping: UnsafeRawPointer, count: Int, _ body: () throws(FileError) -> T) throws(FileError) -> (T, torn: Bool) {
        try oneAtATime.withLock { _ throws(FileError) -> (T, torn: Bool) in
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { _, info, _ in MappingGuard.fault(at: info?.pointee._sifields._sigfault.si_addr) }
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(SIGBUS, &action, &old)
            previous.store(old.sa_flags & SA_SIGINFO == 0 ? unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) : 0, ordering: .releasing)
            torn.store(false, ordering: .releasing)
            start.store(Int(bitPattern: mapping), ordering: .releasing)
            end.store(Int(bitPattern: mapping) + count, ordering: .releasing)
            defer {
                start.store(0, ordering: .releasing)
                end.store(0, ordering: .releasing)
                sigaction(SIGBUS, &old, nil)
            }
            let result = try body()
            return (result, torn.load(ordering: .acquiring))
        }
    }

    /// The SIGBUS handler: only calls that are safe in a signal handler (mmap, signal).
    private static func fault(at address: UnsafeMutableRawPointer?) {
        let at = Int(bitPattern: address)
        if at >= start.load(ordering: .acquiring) && at < end.load(ordering: .acquiring) && at != 0 {
            let page = Int(getpagesize())
            let pageStart = UnsafeMutableRawPointer(bitPattern: at / page * page)
            // Zeros where the file's bytes were: the read goes on, and fails, and is done again.
            if mmap(pageStart, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED {
                torn.store(true, ordering: .releasing)
                return
            }
        }
        // Not ours: the handler before, then the default action when the fault comes again.
        signal(SIGBUS, SIG_DFL)
        let handler = previous.load(ordering: .acquiring)
        let defaultHandler = unsafeBitCast(SIG_DFL, to: Int.self), ignore = unsafeBitCast(SIG_IGN, to: Int.self)
        if handler != 0 && handler != defaultHandler && handler != ignore {
            unsafeBitCast(handler, to: (@convention(c) (Int32) -> Void).self)(SIGBUS)
        }
    }
}
