// A program on a pseudo-terminal, driven as a user's terminal drives it: keys written to the
// master side, the screen's bytes read back from it as they come.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What came back for a start (the launch, a key): how long to the answer's last byte, and its size.
struct Answer: Sendable {
    var seconds: Double
    var bytes: Int
}

/// glibc's pseudo-terminal calls, which Swift's Glibc module leaves out (stdlib.h declares them
/// only for _XOPEN_SOURCE): looked up by name in the C library already loaded.
private enum TerminalCalls {
    static let openMaster = symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    static let grant = symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    static let unlock = symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    static let name = symbol("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self)

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function {
        // A null handle is RTLD_DEFAULT: the libraries already loaded.
        guard let address = dlsym(nil, name) else { preconditionFailure("the C library has no \(name)") }
        return unsafeBitCast(address, to: type)
    }
}

final class PseudoTerminal {
    let process: MeasuredProcess
    private let master: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    /// Everything read for the answer being waited for: for the message when it does not come,
    /// and for `trace`.
    private var recent: [UInt8] = []
    /// Told each answer as text (escape sequences dropped), to check by eye what was timed.
    var trace: ((String) -> Void)?

    /// Starts `program` on a new pseudo-terminal of `columns` × `rows`.
    init(_ program: String, _ arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        let master = TerminalCalls.openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
        var name = [CChar](repeating: 0, count: 128)
        guard master >= 0, TerminalCalls.grant(master) == 0, TerminalCalls.unlock(master) == 0, TerminalCalls.name(master, &name, name.count) == 0 else {
            throw BenchError("no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else { throw BenchError("the pseudo-terminal's size could not be set") }
        self.master = master
        do {
            process = try MeasuredProcess.start(program, arguments, environment: environment, terminal: String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), closing: [master])
        } catch {
            close(master)
            throw error
        }
    }

    /// Set once `finish` has reaped the program.
    private var ended = false

    /// A session given up halfway (an answer that did not come) leaves no program behind.
    deinit {
        close(master)
        if !ended {
            kill(process.pid, SIGKILL)
            _ = try? process.end(blocking: true)
        }
    }

    /// Sends keys; returns the time just before they were written. Not after: the write wakes
    /// the program, which on a busy machine may answer before this process runs again.
    @discardableResult
    func send(_ keys: String) throws -> Double {
        let bytes = Array(keys.utf8)
        let sent = now()
        let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw BenchError("keys could not be sent to \(process.program)") }
        return sent
    }

    /// Reads until `watch` says the answer begun at `start` is complete.
    func answer(since start: Double, _ watch: AnswerWatch, timeout: Double, what: String) throws -> Answer {
        var watch = watch
        recent.removeAll(keepingCapacity: true)
        while !watch.isComplete(at: now()) {
            let remaining = timeout - (now() - start)
            guard remaining > 0 else {
                throw BenchError("\(what): no complete answer from \(process.program) within \(Int(timeout)) s; it showed: \(Self.readable(recent.suffix(600)))")
            }
            let wait = min(remaining, watch.wait(at: now()) ?? remaining)
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32((wait * 1000).rounded(.up)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            // EIO: the program closed its terminal (it ended).
            guard count > 0 else { throw BenchError("\(what): \(process.program) closed its terminal; it showed: \(Self.readable(recent.suffix(600)))") }
            let chunk = Array(buffer[0..<count])
            watch.receive(chunk, at: now())
            recent += chunk
        }
        let answer = Answer(seconds: watch.lastByte.map { $0 - start } ?? 0, bytes: watch.bytes)
        trace?(String(format: "%@: %.2f ms, %d bytes: ", what, answer.seconds * 1000, answer.bytes) + Self.readable(recent))
        return answer
    }

    /// Waits until the program has been quiet for `quiet` seconds: what it does when keys
    /// pause (the dashboard's detail, its background work) is done before the next key.
    func settle(quiet: Double = 0.3, timeout: Double = 60) throws {
        let start = now()
        while now() - start < timeout {
            guard try readSome(waiting: quiet) else { return }
        }
        throw BenchError("\(process.program) did not go quiet within \(Int(timeout)) s")
    }

    /// Reads what came within `seconds`, and throws it away; false when nothing came.
    private func readSome(waiting seconds: Double) throws -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(seconds * 1000))
        if ready < 0 && errno == EINTR { return true }
        guard ready > 0 else { return false }
        return read(master, &buffer, buffer.count) > 0
    }

    /// Sends `keys` (quit) and waits for the end, reading what the program still writes so that
    /// it never blocks on a full terminal; killed if the end does not come.
    func finish(keys: String, timeout: Double = 10) throws -> ProcessEnd {
        _ = try? send(keys)
        let deadline = now() + timeout
        defer { ended = true }
        while now() < deadline {
            if let end = try process.end() { return end }
            _ = try readSome(waiting: 0.01)
        }
        return try process.wait(timeout: 0)
    }

    /// Terminal output as text for a message: escape sequences dropped.
    static func readable(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: Array(bytes), as: UTF8.self)
            .replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]|\u{1B}[()][0-9A-B]|\u{1B}[=>]", with: " ", options: .regularExpression)
    }
}
