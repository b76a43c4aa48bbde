import Foundation
import Testing
import LiaisonCore

/// Runs the real `liaison` binary, as a script or a user over SSH would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// `.uncaughtSignal` when a signal ended the program; `status` is then the signal's number.
        var reason: Process.TerminationReason = .exit
        /// Killed after the run's timeout.
        var hung = false
    }

    static let binary = executable("liaison")
    static let bench = executable("liaison-bench")

    /// One of the package's executables: the test runner lives in the same build folder as the
    /// executables it depends on.
    static func executable(_ name: String) -> String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return repositoryRoot + "/.build/debug/" + name
    }

    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var sample: String { repositoryRoot + "/sample-data/rub-network.json" }

    /// A copy of the sample network in a folder of its own, for a session that writes to it
    /// (and its recovery journal): the folder and the file.
    static func copyOfSample(_ name: String) throws -> (directory: String, path: String) {
        let directory = NSTemporaryDirectory() + "liaison-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/network.json"
        try FileManager.default.copyItem(atPath: CLI.sample, toPath: path)
        return (directory, path)
    }

    /// Runs the program; its stdout is read into the result, or goes to `output` when given
    /// (a full device, a pipe nobody reads), and is then empty in the result. With `timeout`, a
    /// run still going after that many seconds is killed (SIGKILL) and reported as `hung`: for
    /// tests of what must not hang, so that a hang fails instead of stalling the suite.
    static func run(_ arguments: [String], environment: [String: String] = [:], data: String? = sample, program: String = binary,
                    output: FileHandle? = nil, timeout: Double? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LIAISON_TODAY": "2026-11-24"]
        if let data { env["LIAISON_DATA"] = data }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        // stderr goes to a file: with two pipes, a large output on one could block the child.
        let errorPath = NSTemporaryDirectory() + "liaison-cli-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        process.standardOutput = output ?? out
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer) }
        let outData = output == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        killer.cancel()
        let errorText = String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: errorText,
                      reason: process.terminationReason,
                      hung: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}

/// Programs outside the project that some tests run. Without one, those tests are reported as
/// skipped with the reason; on CI (`CI` set) .ci/run has installed them all, so there a missing
/// one fails the tests instead of hiding a missing install step.
enum Tools {
    static let onCI = ProcessInfo.processInfo.environment["CI"] != nil

    static func onPath(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    static let tmux = onCI || onPath("tmux")
    static let python = onCI || onPath("python3")
    /// Headless Chromium and poppler's pdfinfo and pdftotext, for printing the report.
    static let chromium = onCI || (onPath("chromium") && onPath("pdfinfo") && onPath("pdftotext"))

    /// Whether python3 can import a module (with CI set it must: .ci/run installs them).
    static func pythonHas(_ module: String) -> Bool {
        if onCI { return true }
        guard python else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import \(module)"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let icalendar = pythonHas("icalendar")
    static let vobject = pythonHas("vobject")
    static let openpyxl = pythonHas("openpyxl")
}
