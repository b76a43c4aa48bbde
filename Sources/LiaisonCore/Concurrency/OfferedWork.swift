import Dispatch
import Synchronization

/// Work offered to a second thread while this one does its own share: `result()` takes it back
/// and does it here when no thread has begun it yet, and waits for it otherwise. On a server
/// whose cores are busy with other users' work, a thread may be slow to start; then this one
/// never waits for it.
final class OfferedWork<Result: Sendable>: Sendable {
    private let work: @Sendable () -> Result
    /// Whoever sets this first does the work: the second thread or `result()`.
    private let taken = Atomic<Bool>(false)
    private let outcome = Mutex<Result?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Result) {
        self.work = work
        // A queue of its own, not the global one: a queue made with a label gets a thread even
        // when the global pool's (which on Linux also runs Swift's tasks) are all busy or waiting.
        DispatchQueue(label: "liaison.offered-work").async { [self] in
            guard take() else { return }
            let result = work()
            outcome.withLock { $0 = result }
            finished.signal()
        }
    }

    private func take() -> Bool {
        taken.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }

    /// The work's result, done here if no other thread has begun it.
    func result() -> Result {
        if take() { return work() }
        finished.wait()
        return outcome.withLock { $0.take()! }
    }

    /// `first` and `second` at once, the second offered to another thread; their results.
    static func both<First>(_ first: () -> First, _ second: @escaping @Sendable () -> Result) -> (First, Result) {
        let offered = OfferedWork(second)
        let firstResult = first()
        return (firstResult, offered.result())
    }
}
