import Foundation
import Testing
import LiaisonCore

@Suite("liaison doctor")
struct DoctorCommandTests {
    @Test("a private file: nothing wrong, exit 0; the same file writable by everyone: the problem, its fix, exit 1")
    func exitStatus() throws {
        let (directory, path) = try CLI.copyOfSample("doctor")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        chmod(directory, 0o700)
        chmod(path, 0o600)
        let fine = try CLI.run(["doctor", path], environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"])
        #expect(fine.status == 0, "\(fine.stdout)\(fine.stderr)")
        #expect(fine.stdout.contains("ok       file       \(path): owner "))
        #expect(fine.stdout.contains("ok       locale     the locale (LANG=C.UTF-8) is UTF-8"))

        chmod(path, 0o666)
        let open = try CLI.run(["doctor"], environment: ["LIAISON_DATA": path, "LANG": "C", "TERM": "xterm-256color"])
        #expect(open.status == 1)
        #expect(open.stdout.contains("problem  file       every account on this server may change \(path)"))
        #expect(open.stdout.contains("fix: chmod o-rwx \(path)"))
        #expect(open.stdout.contains("fix: export LANG=C.UTF-8"))
    }

    @Test("--json: each check with its status, text and fix, and the counts; no TERM check into a pipe")
    func json() throws {
        let (directory, path) = try CLI.copyOfSample("doctor-json")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        chmod(path, 0o666)
        let result = try CLI.run(["doctor", "--json", path], environment: ["TERM": "no-such-terminal"])
        #expect(result.status == 1)
        let document = try #require(try CLI.json(result.stdout) as? [String: Any])
        let checks = try #require(document["checks"] as? [[String: Any]])
        #expect(document["file"] as? String == path)
        #expect(document["problems"] as? Int == checks.filter { $0["status"] as? String == "problem" }.count)
        let file = try #require(checks.first { $0["subject"] as? String == "file" })
        #expect(file["status"] as? String == "problem")
        #expect(file["fix"] as? String == "chmod o-rwx \(path)")
        // Its output is a pipe, not a terminal: the terminal type does not matter here.
        let terminal = try #require(checks.first { $0["subject"] as? String == "terminal" })
        #expect(terminal["status"] as? String == "ok")
        #expect(terminal["fix"] == nil)
    }

    @Test("the default file is checked, not created")
    func defaultNotCreated() throws {
        let home = NSTemporaryDirectory() + "liaison-doctor-home-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try CLI.run(["doctor"], environment: ["HOME": home], data: nil)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(home)/.local/share/liaison/network.json does not exist"))
        #expect(!FileManager.default.fileExists(atPath: home))
    }
}
