import Foundation
import Testing

/// Output that cannot be written is an error (a full disk: a message naming where, exit 2), and a
/// reader that went away ends the program quietly by SIGPIPE, as it does `cat`.
@Suite("Write errors on stdout")
struct WriteErrorTests {
    /// Every command that writes to stdout, with arguments that make it write.
    static let writingCommands: [[String]] = [
        ["find", "tokyo"], ["find", "tokyo", "--json"],
        ["show", "utokyo"], ["show", "utokyo", "--json"],
        ["list", "partners"], ["list", "events", "--json"],
        ["stats"], ["stats", "--json"],
        ["expiring", "--within", "1y"], ["expiring", "--within", "1y", "--json"],
        ["validate"], ["validate", "--json"],
        ["format", "--check"],
        ["export", "--format", "csv"], ["export", "--format", "json", "agreements"], ["export", "--format", "xlsx"],
        ["report"], ["report", "--format", "md"],
        ["themes"], ["doctor"], ["doctor", "--json"],
        ["set", "utokyo", "city=Bunkyo", "--dry-run"], ["delete", "utokyo", "--dry-run"],
        ["--help"], ["list", "--help"], ["--version"], ["--generate-completion-script", "bash"],
    ]

    @Test("A full disk: exit 2 and a message that names the device and the reason",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "/dev/full is missing"),
          arguments: writingCommands)
    func fullDisk(arguments: [String]) throws {
        try Self.expectFullDiskError(arguments)
    }

    @Test("history to a full disk, on a file with changes saved",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "/dev/full is missing"))
    func historyFullDisk() throws {
        let copy = try CLI.copyOfSample("write-error-history")
        defer { try? FileManager.default.removeItem(atPath: copy.directory) }
        #expect(try CLI.run(["set", "utokyo", "city=Bunkyo"], data: copy.path).status == 0)
        try Self.expectFullDiskError(["history"], data: copy.path)
        try Self.expectFullDiskError(["history", "utokyo", "--json"], data: copy.path)
    }

    static func expectFullDiskError(_ arguments: [String], data: String = CLI.sample) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try CLI.run(arguments, data: data, output: full)
        #expect(result.reason == .exit)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("liaison: the output could not be written to /dev/full: No space left on device"), "\(arguments): \(result.stderr)")
    }

    @Test("A delete whose output cannot be written stops before it saves")
    func deleteStopsUnsaved() throws {
        let copy = try CLI.copyOfSample("write-error")
        defer { try? FileManager.default.removeItem(atPath: copy.directory) }
        let before = try Data(contentsOf: URL(fileURLWithPath: copy.path))
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try CLI.run(["delete", "utokyo"], data: copy.path, output: full)
        #expect(result.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy.path)) == before)
        #expect(try CLI.run(["show", "utokyo"], data: copy.path).status == 0)
    }

    @Test("A closed pipe: ended by SIGPIPE with nothing on stderr", arguments: [["list", "partners"], ["export", "--format", "json"], ["--help"]])
    func closedPipe(arguments: [String]) throws {
        let result = try CLI.run(arguments, output: try Self.pipeNobodyReads())
        #expect(result.reason == .uncaughtSignal)
        #expect(result.status == SIGPIPE)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("A closed pipe with SIGPIPE ignored by the parent: ended by SIGPIPE all the same")
    func closedPipeWithSignalIgnored() throws {
        // sh ignores SIGPIPE and execs the program, which inherits the ignoring: its write
        // returns EPIPE instead of the signal arriving.
        let result = try CLI.run(["-c", "trap '' PIPE; exec \"$0\" \"$@\"", CLI.binary, "list", "partners"],
                                 program: "/bin/sh", output: try Self.pipeNobodyReads())
        #expect(result.reason == .uncaughtSignal)
        #expect(result.status == SIGPIPE)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("A closed stdout is a write error too")
    func closedStdout() throws {
        let result = try CLI.run(["-c", "exec \"$0\" \"$@\" >&-", CLI.binary, "list", "partners"], program: "/bin/sh")
        #expect(result.status == 2)
        #expect(result.stderr.contains("liaison: the output could not be written to standard output: Bad file descriptor"), "\(result.stderr)")
    }

    /// The write end of a pipe whose read end is already closed.
    static func pipeNobodyReads() throws -> FileHandle {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        return pipe.fileHandleForWriting
    }
}
