import Foundation
import Testing
@testable import LiaisonCore

@Suite("The audit trail: what each save changed, by whom", .serialized)
struct AuditTests {
    private func partner(_ document: Document, _ id: String) throws -> Partner {
        guard case .partner(let partner)? = document.store.record(id: id) else { throw Missing(id: id) }
        return partner
    }

    private struct Missing: Error { var id: String }

    /// Changes a partner through the document, as a form would.
    private func edit(_ document: Document, _ id: String, _ change: (inout Partner) -> Void) throws {
        var record = try partner(document, id)
        change(&record)
        #expect(document.put(.partner(record)) != .unchanged)
    }

    private func history(_ storage: NetworkStorage) throws -> [AuditEntry] {
        try storage.history().entries
    }

    @Test("a changed field is one line with its path, label, old and new value; stamps are not changes", arguments: StorageKind.allCases)
    func changedFields(_ kind: StorageKind) throws {
        let editors = try TwoEditors(kind)
        defer { editors.directory.remove() }
        let document = editors.mine
        try edit(document, "utokyo") { tokyo in
            tokyo.city = "Bunkyō"
            tokyo.agreements[1].end = Day("2027-06-30")
            tokyo.agreements[1].quota?.incoming = 6
        }
        #expect(document.save() == .saved(merged: false))

        let entries = try history(editors.storage)
        #expect(entries.map(\.field) == ["city", "agreements[1].end", "agreements[1].quota.incoming"])
        #expect(entries.map(\.label) == ["City", "Agreement 2: End", "Agreement 2: Quota incoming"])
        #expect(entries[1].old == .string("2027-03-31") && entries[1].new == .string("2027-06-30"))
        #expect(entries[2].old == .number("4") && entries[2].new == .number("6"))
        #expect(entries.allSatisfy { $0.time == "2026-11-25T09:00:00+00:00" && $0.account == "ada" })
        #expect(entries.allSatisfy { $0.recordKind == .partner && $0.recordId == "utokyo" && $0.change == .changed })
        #expect(entries[1].summary == "Agreement 2: End: 2027-03-31 → 2027-06-30")
        #expect(try partner(document, "utokyo").updatedBy == "ada", "the record was stamped, and the stamp is no entry")
    }

    @Test("added and deleted records are one line each, with the whole record; a deletion's unlinking follows it", arguments: StorageKind.allCases)
    func addedAndDeleted(_ kind: StorageKind) throws {
        let editors = try TwoEditors(kind)
        defer { editors.directory.remove() }
        let document = editors.mine
        #expect(document.put(.partner(Fixtures.newPartner("wien", name: "Universität Wien", country: "AT"))) != .unchanged)
        #expect(document.delete(id: "japan-desk") != .unchanged)
        #expect(document.save() == .saved(merged: false))

        let entries = try history(editors.storage)
        #expect(entries.prefix(2).map(\.change) == [.deleted, .added])
        #expect(entries[0].recordId == "japan-desk" && entries[0].field == nil && entries[0].new == nil)
        #expect(entries[0].old?.objectValue?.string("name") == "Japan Desk")
        #expect(entries[1].new?.objectValue?.string("name") == "Universität Wien" && entries[1].old == nil)
        #expect(entries[1].summary == "added partner Universität Wien")
        let unlinked = entries.dropFirst(2)
        #expect(!unlinked.isEmpty && unlinked.allSatisfy { $0.field == "contactIds" && $0.change == .changed })
        #expect(unlinked.contains { $0.recordId == "utokyo" && $0.old == .array([.string("utokyo-iro"), .string("japan-desk")]) })
    }

    @Test("a merged save puts down only this session's changes, never the colleague's it merged in", arguments: StorageKind.allCases)
    func mergedSave(_ kind: StorageKind) throws {
        let editors = try TwoEditors(kind)
        defer { editors.directory.remove() }
        try edit(editors.theirs, "utokyo") { $0.city = "Bunkyō" }
        try edit(editors.theirs, "osaka") { $0.status = "suspended" }
        #expect(editors.theirs.save() == .saved(merged: false))
        try edit(editors.mine, "utokyo") { $0.notes = "Met in Bochum" }
        #expect(editors.mine.save() == .saved(merged: true))

        let entries = try history(editors.storage)
        #expect(entries.filter { $0.account == "ben" }.map { "\($0.recordId) \($0.field ?? "")" } == ["osaka status", "utokyo city"])
        #expect(entries.filter { $0.account == "ada" }.map { "\($0.recordId) \($0.field ?? "")" } == ["utokyo notes"])
        let merged = try partner(editors.mine, "utokyo")
        #expect(merged.city == "Bunkyō" && merged.notes == "Met in Bochum")
    }

    @Test("a decided conflict puts down what this save wrote over the colleague's value, and nothing when theirs is kept", arguments: StorageKind.allCases)
    func resolvedConflict(_ kind: StorageKind) throws {
        for keepMine in [true, false] {
            let editors = try TwoEditors(kind)
            defer { editors.directory.remove() }
            try edit(editors.theirs, "utokyo") { $0.city = "Bunkyō" }
            #expect(editors.theirs.save() == .saved(merged: false))
            try edit(editors.mine, "utokyo") { $0.city = "Hongo" }
            guard case .conflicts(let conflicts) = editors.mine.save() else {
                Issue.record("expected a conflict")
                continue
            }
            #expect(editors.mine.save(resolving: conflicts, keepMine: [keepMine]) == .saved(merged: false))
            let ada = try history(editors.storage).filter { $0.account == "ada" }
            if keepMine {
                #expect(ada.map(\.field) == ["city"])
                #expect(ada.first?.old == .string("Bunkyō") && ada.first?.new == .string("Hongo"))
            } else {
                #expect(ada.isEmpty, "\(ada)")
            }
        }
    }

    @Test("a nested record removed before others is one change, not one per record after it (matched by id)")
    func nestedRecordRemoved() throws {
        let document = try Document(storage: MemoryStorage(network: try Fixtures.sample()), editor: "ada", account: "ada")
        let removed = try partner(document, "utokyo").agreements[0]
        try edit(document, "utokyo") { $0.agreements.removeFirst() }
        #expect(document.save() == .saved(merged: false))
        let entries = try history(document.storage)
        #expect(entries.map(\.field) == ["agreements[0]"])
        #expect(entries.first?.label == "Agreement 1")
        #expect(entries.first?.old?.objectValue?.string("id") == removed.id && entries.first?.new == nil)
    }

    @Test("a save that changes nothing adds nothing; an edit and its undo neither")
    func nothingToRecord() throws {
        let storage = MemoryStorage(network: try Fixtures.sample())
        let document = try Document(storage: storage, editor: "ada", account: "ada")
        try edit(document, "utokyo") { $0.city = "Bunkyō" }
        document.undo()
        #expect(document.save() == .nothingToSave)
        #expect(document.rewrite() == .saved(merged: false))
        #expect(storage.historyBytes.isEmpty)
    }

    @Test("control characters and line breaks stay inside one line, escaped")
    func escapedLine() throws {
        let entry = AuditEntry(time: "2026-11-25T14:02:00+00:00", account: "ana", recordKind: .partner, recordId: "x", change: .changed,
                               field: "notes", label: "Notes", old: .string("a\nb"), new: .string("\u{1B}]0;owned\u{07}\r\n"))
        let line = entry.line
        #expect(line.last == 0x0A && line.filter { $0 < 0x20 } == [0x0A], "one line, no raw control bytes")
        #expect(AuditEntry(line: line.dropLast()[...]) == entry)
    }

    @Test("times: the stamp's UTC time with its offset, read back to the second")
    func times() {
        #expect(AuditEntry.time(fromStamp: "2026-11-25T14:02:11Z") == "2026-11-25T14:02:11+00:00")
        #expect(AuditEntry.secondsSinceEpoch("2026-11-25T14:02:11+00:00") == AuditEntry.secondsSinceEpoch("2026-11-25T15:02:11+01:00"))
        #expect(AuditEntry.secondsSinceEpoch("1970-01-01T00:01:00Z") == 60)
        #expect(AuditEntry.secondsSinceEpoch("yesterday") == nil)
    }
}

@Suite("The audit trail's file: NAME.history.jsonl", .serialized)
struct HistoryFileTests {
    /// A document on a copy of the sample, in a directory of its own.
    private func document(in directory: TemporaryDirectory, mode: mode_t = 0o660, group: gid_t? = nil) throws -> (Document, String) {
        let path = directory.file("network.json")
        try NetworkFile.save(try Fixtures.sample(), to: path)
        chmod(path, mode)
        if let group { chown(path, uid_t.max, group) }
        return (try Document(storage: FileStorage(path: path), editor: "ada", account: "ada", journaling: false), path)
    }

    private func edit(_ document: Document, city: String) {
        guard case .partner(var tokyo)? = document.store.record(id: "utokyo") else { return }
        tokyo.city = city
        document.put(.partner(tokyo))
    }

    /// A group other than the process's own, when there is one it may give files: root may give
    /// any; another user one of their supplementary groups.
    private func otherGroup() -> gid_t? {
        let own = getgid()
        if geteuid() == 0 { return own == 100 ? 0 : 100 }
        var groups = [gid_t](repeating: 0, count: 64)
        let count = getgroups(Int32(groups.count), &groups)
        return groups.prefix(Int(max(count, 0))).first { $0 != own }
    }

    @Test("made with the data file's group and group bits and no world bits, whatever the umask")
    func modeAndGroup() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        for (dataMode, expected) in [(mode_t(0o660), mode_t(0o660)), (0o644, 0o640), (0o666, 0o660), (0o600, 0o600)] {
            let directory = TemporaryDirectory()
            defer { directory.remove() }
            let group = otherGroup()
            let (document, path) = try document(in: directory, mode: dataMode, group: group)
            edit(document, city: "Bunkyō")
            #expect(document.save() == .saved(merged: false))
            var info = stat()
            #expect(lstat(path + ".history.jsonl", &info) == 0)
            #expect(info.st_mode & 0o7777 == expected, "data \(String(dataMode, radix: 8)): history \(String(info.st_mode & 0o7777, radix: 8))")
            var data = stat()
            stat(path, &data)
            #expect(info.st_gid == data.st_gid)
            if let group { #expect(info.st_gid == group) }
        }
    }

    @Test("a line a crash cut short is skipped, and the next save starts a new line after it")
    func tornLine() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (document, path) = try document(in: directory)
        edit(document, city: "Bunkyō")
        #expect(document.save() == .saved(merged: false))
        edit(document, city: "Hongo")
        #expect(document.save() == .saved(merged: false))
        let history = path + ".history.jsonl"
        let whole = try #require(FileManager.default.contents(atPath: history))
        // A crash in the middle of the second save's write: its line cut in two.
        try whole.prefix(whole.count - 20).write(to: URL(fileURLWithPath: history))
        let torn = try FileStorage(path: path).history()
        #expect(torn.entries.map(\.new) == [.string("Bunkyō")])
        #expect(torn.unreadableLines == 1)

        edit(document, city: "Komaba")
        #expect(document.save() == .saved(merged: false))
        let after = try FileStorage(path: path).history()
        #expect(after.entries.map(\.new) == [.string("Bunkyō"), .string("Komaba")])
        #expect(after.unreadableLines == 1)
        #expect(document.history.entries(of: "utokyo").count == 2, "the document reads the trail again after its save")
    }

    @Test("never written through a symbolic link: the save stands, the problem is reported, the link's target is untouched")
    func symbolicLink() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (document, path) = try document(in: directory)
        let target = directory.write("secret", "mine\n")
        symlink(target, path + ".history.jsonl")
        edit(document, city: "Bunkyō")
        #expect(document.save() == .saved(merged: false))
        #expect(document.historyProblem?.contains("symbolic link") == true, "\(document.historyProblem ?? "no problem")")
        #expect(directory.contents("secret") == Array("mine\n".utf8))
        #expect(try NetworkFile.load(path: path).network.partners.first { $0.id == "utokyo" }?.city == "Bunkyō")
    }
}

extension JSONValue {
    var objectValue: JSONObject? {
        if case .object(let object) = self { object } else { nil }
    }
}
