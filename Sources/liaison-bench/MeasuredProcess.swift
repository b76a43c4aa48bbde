// Programs started for measuring, with posix_spawn (no fork of this process, whose threads a
// fork would leave half-copied): the wall time to their end and their peak memory (wait4's
// rusage, which is the child's alone).
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock.
func now() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// glibc's POSIX_SPAWN_SETSID (spawn.h, behind _GNU_SOURCE, which Swift's Glibc module leaves out).
private let spawnInNewSession: Int16 = 0x80

/// How a measured program ended.
struct ProcessEnd: Sendable {
    var seconds: Double
    /// ru_maxrss of the child, in MiB.
    var peakMemoryMB: Double
    var status: Int32
}

/// A started program: its id and when it was started.
struct MeasuredProcess {
    let pid: pid_t
    let started: Double
    let program: String

    /// Starts `program` with exactly `environment`. `terminal` (a pseudo-terminal's device)
    /// becomes its standard input, output and error and, in a session of its own, its
    /// controlling terminal; without one, input is /dev/null, output goes to `output` (made anew)
    /// or /dev/null, errors to `errors`. `closing` are this process's descriptors the child must
    /// not inherit.
    static func start(_ program: String, _ arguments: [String], environment: [String: String],
                      terminal: String? = nil, output: String? = nil, errors: String? = nil, closing: [Int32] = []) throws -> MeasuredProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        for descriptor in closing { posix_spawn_file_actions_addclose(&actions, descriptor) }
        if let terminal {
            // glibc makes the new session before the file actions, so the terminal opened first
            // becomes the controlling one, as a login's does.
            posix_spawnattr_setflags(&attributes, spawnInNewSession)
            posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, errors ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        let argv = ([program] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let started = now()
        let result = posix_spawn(&pid, program, &actions, &attributes, argv + [nil], envp + [nil])
        guard result == 0 else { throw BenchError("\(program) could not be started: \(String(cString: strerror(result)))") }
        return MeasuredProcess(pid: pid, started: started, program: program)
    }

    /// Waits for the end; after `timeout` seconds (from now) the program is killed and this throws.
    func wait(timeout: Double) throws -> ProcessEnd {
        let deadline = now() + timeout
        while true {
            if let end = try end() { return end }
            if now() > deadline {
                kill(pid, SIGKILL)
                _ = try? end(blocking: true)
                throw BenchError("\(program) did not end in time; it was killed")
            }
            usleep(200)
        }
    }

    /// The end, if the program has ended (or, `blocking`, once it has).
    func end(blocking: Bool = false) throws -> ProcessEnd? {
        var status: Int32 = 0
        var usage = rusage()
        let waited = wait4(pid, &status, blocking ? 0 : WNOHANG, &usage)
        if waited == 0 || (waited < 0 && errno == EINTR) { return nil }
        guard waited == pid else { throw BenchError("waiting for \(program): \(String(cString: strerror(errno)))") }
        let seconds = now() - started
        // Exited: the status's high byte; killed by a signal: 128 + the signal, as shells say.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessEnd(seconds: seconds, peakMemoryMB: Double(usage.ru_maxrss) / 1024, status: code)
    }

    /// Runs a program to its end, its output into `output` or thrown away; a failure names the
    /// program and its errors.
    static func run(_ program: String, _ arguments: [String], environment: [String: String], output: String? = nil, errors: String,
                    timeout: Double = 600) throws -> ProcessEnd {
        let end = try start(program, arguments, environment: environment, output: output, errors: errors).wait(timeout: timeout)
        guard end.status == 0 else {
            let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw BenchError("\(([program] + arguments).joined(separator: " ")) ended with status \(end.status): \(text.prefix(500))")
        }
        return end
    }
}
