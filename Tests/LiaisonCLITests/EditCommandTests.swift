import Foundation
import Testing
import LiaisonCore

@Suite("liaison set and add", .serialized)
struct EditCommandTests {
    @Test("set changes fields, stamps the change and keeps a .bak; a rule it breaks refuses it")
    func set() throws {
        let (directory, path) = try CLI.copyOfSample("edit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try CLI.run(["set", "utokyo", "city=Bunkyō", "tags=japan,strategic", "notes="], data: path)
        #expect(result.status == 0)
        #expect(result.stderr.contains("changed utokyo"))
        let tokyo = try #require(try NetworkFile.load(path: path).network.partners.first { $0.id == "utokyo" })
        #expect(tokyo.city == "Bunkyō" && tokyo.tags == ["japan", "strategic"] && tokyo.notes == nil)
        #expect(tokyo.updatedAt.map(Validation.isTimestamp) == true)
        #expect(tokyo.updatedBy?.isEmpty == false)
        #expect(FileManager.default.fileExists(atPath: path + ".bak"))

        let before = FileManager.default.contents(atPath: path)
        let bad = try CLI.run(["set", "utokyo", "country=Japan"], data: path)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(#""Japan" is not an ISO 3166-1 alpha-2 code (did you mean JP?)"#))
        let unknown = try CLI.run(["set", "utokyo", "colour=red"], data: path)
        #expect(unknown.status == 1)
        let missing = try CLI.run(["set", "nobody", "city=X"], data: path)
        #expect(missing.status == 1)
        let malformed = try CLI.run(["set", "utokyo", "city"], data: path)
        #expect(malformed.status == 2)
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("an argument that is not valid UTF-8 is refused, named, with exit 2, before anything is read or written",
          arguments: [
              // The value of a field, of an option, and --data itself; each with the C1 CSI
              // byte 0x9B or a Latin-1 ü (0xFC) alone.
              (#"set utokyo "name=Osaka $(printf '\233')31m U""#, #"the argument "name=Osaka \x9B31m U""#),
              (#"add partner --name "M$(printf '\374')nchen" --country DE"#, #"the value of --name "M\xFCnchen""#),
              (#"show utokyo --data "/tmp/$(printf '\377').json""#, #"the value of --data "/tmp/\xFF.json""#),
          ])
    func invalidUTF8(command: String, named: String) throws {
        let (directory, path) = try CLI.copyOfSample("edit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = FileManager.default.contents(atPath: path)
        // Through a shell: a Swift string cannot hold bytes that are not UTF-8.
        let result = try CLI.run(["-c", "exec \"$0\" " + command, CLI.binary], data: path, program: "/bin/sh")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("liaison: " + named + " is not valid UTF-8; nothing was done"), "\(result.stderr)")
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["network.json"])
    }

    @Test("--dry-run shows the result and writes nothing")
    func dryRun() throws {
        let (directory, path) = try CLI.copyOfSample("edit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = FileManager.default.contents(atPath: path)
        let set = try CLI.run(["set", "osaka", "status=suspended", "--dry-run"], data: path)
        #expect(set.status == 0)
        #expect(set.stdout.contains(#""status": "suspended""#))
        let add = try CLI.run(["add", "partner", "--name", "Universität Wien", "--country", "AT", "--dry-run"], data: path)
        #expect(add.status == 0)
        #expect(add.stdout.contains(#""id": "universitat-wien""#))
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["network.json"], "no backup, lock or journal left beside it")
        let delete = try CLI.run(["delete", "japan-desk", "--dry-run"], data: path)
        #expect(delete.status == 0)
        #expect(delete.stdout.contains("and its link from event RUB Japan Science Days 2018 (japan-science-days-2018): Contacts"))
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("found trying it as a new user: no-op sets, spacing in names, names without Latin letters, control characters")
    func newUserFindings() throws {
        let (directory, path) = try CLI.copyOfSample("edit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A set that changes nothing writes nothing, so the last real backup stays.
        #expect(try CLI.run(["set", "utokyo", "status=suspended"], data: path).status == 0)
        let backup = FileManager.default.contents(atPath: path + ".bak")
        let same = try CLI.run(["set", "utokyo", "status=suspended"], data: path)
        #expect(same.status == 0)
        #expect(same.stderr.contains("already has these values"))
        #expect(FileManager.default.contents(atPath: path + ".bak") == backup)
        // Spacing does not make a partner new, and the name is stored trimmed.
        #expect(try CLI.run(["add", "partner", "--name", "Universidad de Buenos Aires", "--country", "AR"], data: path).status == 0)
        let spaced = try CLI.run(["add", "partner", "--name", "universidad  de buenos aires ", "--country", "AR"], data: path)
        #expect(spaced.status == 1)
        #expect(spaced.stderr.contains("was not added"))
        // A name with no Latin letters gets an id after its kind.
        #expect(try CLI.run(["add", "partner", "--name", "京都大学", "--country", "JP"], data: path).status == 0)
        #expect(try NetworkFile.load(path: path).network.partners.last?.id == "partner")
        // One-line text may not hold control characters; notes may hold line breaks.
        let control = try CLI.run(["set", "utokyo", "city=Tokyo\u{1B}[2J"], data: path)
        #expect(control.status == 1)
        #expect(control.stderr.contains("city: holds the control character U+001B"))
        #expect(try CLI.run(["set", "utokyo", "notes=line one\nline two"], data: path).status == 0)
    }

    @Test("delete removes the record and every link to it; validate then finds nothing dangling")
    func deleteWithLinks() throws {
        let (directory, path) = try CLI.copyOfSample("edit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let deleted = try CLI.run(["delete", "japan-desk"], data: path)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let network = try NetworkFile.load(path: path).network
        #expect(!network.contacts.contains { $0.id == "japan-desk" })
        #expect(!network.partners.contains { $0.contactIds.contains("japan-desk") })
        #expect(!network.events.contains { $0.contactIds.contains("japan-desk") })
        let validate = try CLI.run(["validate"], data: path)
        #expect(validate.status == 0)
        #expect(!validate.stdout.contains("japan-desk"))
        #expect(try CLI.run(["delete", "no-such-id"], data: path).status == 1)
    }

    @Test("add makes an id from the name, unique, and checks the record")
    func add() throws {
        let (directory, path) = try CLI.copyOfSample("edit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let add = ["add", "partner", "--name", "Universität Wien", "--country", "AT", "--city", "Wien", "--tag", "unic"]
        #expect(try CLI.run(add, data: path).status == 0)
        // The same name in the same country again is a duplicate: refused with the partner named.
        let again = try CLI.run(add, data: path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("Universität Wien (universitat-wien) has the same name in the same country"))
        #expect(try CLI.run(add + ["--allow-duplicate"], data: path).status == 0)
        let network = try NetworkFile.load(path: path).network
        #expect(network.partners.suffix(2).map(\.id) == ["universitat-wien", "universitat-wien-2"])
        let bad = try CLI.run(["add", "partner", "--name", "X", "--country", "Austria"], data: path)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("did you mean AT?"))
    }

    @Test("a file with a newer schemaVersion is read-only: edits are refused with the reason")
    func readOnly() throws {
        let directory = NSTemporaryDirectory() + "liaison-ro-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/n.json"
        try #"{"schemaVersion": 2, "institution": {"name": "R", "country": "DE"}, "partners": [{"id": "p", "name": "P", "country": "DE", "partnershipType": "exchange", "status": "active"}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["set", "p", "city=Bochum"], data: path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("read-only: schemaVersion 2 is newer"))
    }

    @Test("processes saving the same file at the same time lose nothing", .timeLimit(.minutes(3)))
    func concurrentSaves() throws {
        let (directory, path) = try CLI.copyOfSample("edit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ids = try NetworkFile.load(path: path).network.partners.prefix(8).map(\.id)
        for round in 1...3 {
            var processes: [Process] = []
            for id in ids {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = ["set", id, "notes=round \(round) by \(id)", "--data", path]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                processes.append(process)
            }
            for process in processes { try process.run() }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
            let network = try NetworkFile.load(path: path).network
            for id in ids {
                #expect(network.partners.first { $0.id == id }?.notes == "round \(round) by \(id)", "round \(round): \(id)")
            }
        }
    }
}
