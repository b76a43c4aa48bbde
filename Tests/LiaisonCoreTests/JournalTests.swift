import Foundation
import Testing
@testable import LiaisonCore

@Suite("Recovery journal")
struct JournalTests {
    @Test("changes are kept as they are made, privately, and read back in order; a torn last line is ignored")
    func roundTrip() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("n.json")
        try NetworkFile.save(try Fixtures.sample(), to: path)
        let document = try Document(storage: FileStorage(path: path), editor: "ada")
        let store = document.store
        var tokyo = try #require(store.partner(id: "utokyo"))
        tokyo.notes = "line one\nline two"
        document.put(.partner(tokyo))
        // Cairo University has no links to it, so its delete is one step.
        document.delete(id: "cairo")
        document.undo()
        // This session's journal: the one journal beside the file.
        let name = try #require(directory.names().first { $0.hasSuffix(".liaison-recovery") })
        #expect(name.hasPrefix(".n.json.ada."))
        let journal = Journal(path: directory.file(name))
        var info = stat()
        stat(journal.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)

        // A crash in the middle of a write leaves half a line.
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"put": "partner", "record": {"id": "x"#.utf8))
        try handle.close()

        let entries = try #require(Journal.read(path: journal.path))
        #expect(entries.count == 3)
        #expect(entries[0].operation == .put(.partner(tokyo)))
        #expect(entries[1].operation == .delete("cairo"))
        #expect(entries[2].summary == "partner cairo: Cairo University")

        // Replaying gives the state the session had.
        let replay = Store(network: try Fixtures.sample())
        for entry in entries {
            switch entry.operation {
            case .put(let record): try replay.apply(.put(record))
            case .delete(let id): try replay.apply(.delete(id: id))
            }
        }
        // The same records; one deleted and restored by undo comes back at the end, not in its place.
        func byId(_ network: Network) -> [String: Partner] { Dictionary(uniqueKeysWithValues: network.partners.map { ($0.id, $0) }) }
        #expect(byId(replay.network) == byId(store.network))
        journal.remove()
        #expect(Journal.read(path: journal.path) == nil)
    }

    @Test("the journal lives beside the file")
    func location() {
        #expect(Journal.path(for: "/tmp/n.json", user: "ada") == "/tmp/.n.json.ada.liaison-recovery")
    }

    @Test("a journal for a file in a folder one may not write goes under the state directory",
          .enabled(if: geteuid() != 0, "to root, access(2) calls every folder writable, /proc included"))
    func locationWhenNotWritable() {
        #expect(Journal.path(for: "/proc/n.json", user: "ada", stateHome: "/home/ada/.local/state") == "/home/ada/.local/state/liaison/%proc%n.json.ada.liaison-recovery")
    }
}
