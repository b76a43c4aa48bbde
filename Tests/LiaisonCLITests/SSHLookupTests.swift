import Foundation
import Testing
import LiaisonCore

/// `liaison --ssh-lookups` as an SSH forced command: what the client sent arrives in
/// SSH_ORIGINAL_COMMAND. (SSHTests runs the same through a real sshd.)
@Suite("Lookups sent over SSH to a forced command")
struct SSHLookupTests {
    private func forced(_ sent: String, data: String = CLI.sample, extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["--data", data, "--ssh-lookups"] + extra, environment: ["SSH_ORIGINAL_COMMAND": sent], data: nil)
    }

    @Test("a lookup runs on the forced command's file, its words split as a shell would, without one")
    func lookupRuns() throws {
        let found = try forced("liaison find \"ETH Zürich\" --limit 1")
        #expect(found.status == 0)
        #expect(found.stdout.contains("ethz") && found.stdout.contains("ETH Zürich"))
        let shown = try forced("/usr/local/bin/liaison show 'utokyo'")
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("東京大学"))
        // $(…), ; and > are text here: no shell runs them.
        let literal = try forced("find $(touch /tmp/liaison-ssh-owned) ; > /tmp/liaison-ssh-owned")
        #expect(literal.status == 1)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/liaison-ssh-owned"))
    }

    @Test("commands that write, another data file, a file argument, an output file, a workbook and an open quote are refused with exit 2; the file is untouched")
    func refusals() throws {
        let (directory, path) = try CLI.copyOfSample("ssh-lookup")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = FileManager.default.contents(atPath: path)
        let cases = [
            ("set utokyo city=Kyoto", "\"set\" is not one"),
            ("delete utokyo", "\"delete\" is not one"),
            ("format", "\"format\" is not one"),
            ("find x --data=/etc/passwd", "--data is not accepted"),
            ("show utokyo --data /etc/passwd", "--data is not accepted"),
            ("validate /etc/passwd", "\"/etc/passwd\" is not accepted"),
            ("find 'open", "without its closing '"),
            ("export --format csv -o \(directory)/out.csv", "-o is not accepted"),
            ("export --format xlsx -o\(directory)/out.xlsx", "-o is not accepted"),
            ("export --format json --output=\(directory)/out.json", "--output is not accepted"),
            ("export --format xlsx", "is not shown on a terminal"),
        ]
        for (sent, reason) in cases {
            let result = try forced(sent, data: path)
            #expect(result.status == 2, "\(sent)")
            #expect(result.stderr.contains(reason), "\(sent): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["network.json"])
    }

    @Test("a command sent that is not valid UTF-8 is refused, shown with the byte, exit 2")
    func invalidUTF8() throws {
        // Through a shell: a Swift string cannot hold a Latin-1 ü (0xFC) alone.
        let result = try CLI.run(["-c", #"SSH_ORIGINAL_COMMAND="find M$(printf '\374')nchen" exec "$0" --data "$1" --ssh-lookups"#, CLI.binary, CLI.sample],
                                 data: nil, program: "/bin/sh")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(#"liaison: the command sent over SSH "find M\xFCnchen" is not valid UTF-8"#), "\(result.stderr)")
    }

    @Test("without a command sent, or without --ssh-lookups, it is the dashboard (which needs a terminal)")
    func dashboard() throws {
        for result in [try forced(""), try forced("liaison"), try CLI.run(["--data", CLI.sample], environment: ["SSH_ORIGINAL_COMMAND": "find kraków"], data: nil)] {
            #expect(result.status == 2)
            #expect(result.stderr.contains("the dashboard needs a terminal"))
        }
    }
}
