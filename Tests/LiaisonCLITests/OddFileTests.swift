import Foundation
import Testing
import LiaisonCore

enum OddFiles {
    /// A FIFO named like a data file, in a folder of its own.
    static func fifo() throws -> (directory: String, path: String) {
        let directory = NSTemporaryDirectory() + "liaison-odd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fifo = directory + "/pipe.json"
        mkfifo(fifo, 0o600)
        return (directory, fifo)
    }
}

/// Data files that are not plain files: a FIFO, a device, a directory, a symbolic link.
@Suite("Odd data files")
struct OddFileTests {
    /// Each command that reads the data file, on a FIFO (which blocks a reader with no writer),
    /// a device and a directory: refused with the kind named, at once rather than hanging.
    @Test("validate, show and set refuse a FIFO, a device and a directory, and do not hang",
          arguments: [["validate"], ["show", "utokyo"], ["set", "utokyo", "city=Kyoto"]])
    func specialFilesRefused(_ command: [String]) throws {
        let (directory, fifo) = try OddFiles.fifo()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (path, kind) in [(fifo, "a named pipe (FIFO)"), ("/dev/zero", "a character device"), (directory, "a directory")] {
            let result = try CLI.run(command, data: path, timeout: 20)
            #expect(!result.hung, "liaison \(command.joined(separator: " ")) hung on \(kind)")
            #expect(result.status != 0)
            #expect(result.stderr.contains("\(path): is \(kind), not a regular file"), "\(result.stderr)")
        }
    }

    @Test("set through a symbolic link saves the real file; the link stays a link")
    func setThroughLink() throws {
        let (directory, path) = try CLI.copyOfSample("link")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let link = directory + "/link.json"
        symlink(path, link)
        let result = try CLI.run(["set", "utokyo", "city=Kyoto"], data: link)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try NetworkFile.load(path: path).network.partners.first { $0.id == "utokyo" }?.city == "Kyoto")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == path)
    }
}

@Suite("Odd data files in the dashboard", .enabled(if: Tools.tmux, "tmux is not installed (.ci/run installs it)"))
struct OddFileDashboardTests {
    @Test("the dashboard on a FIFO says what it is and ends instead of hanging")
    func dashboardRefusesFifo() throws {
        let (directory, fifo) = try OddFiles.fifo()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try TmuxSession(width: 240, environment: ["LIAISON_DATA": fifo])
        #expect(tmux.wait(for: "EXITED").contains("\(fifo): is a named pipe (FIFO), not a regular file"))
        #expect(tmux.exitStatus == 2)
    }
}
