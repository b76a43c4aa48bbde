import Foundation
import Testing
@testable import LiaisonCore

/// The same save, merge, reload and recovery behaviour on every storage: a file, and memory.
enum StorageKind: String, CaseIterable, CustomTestStringConvertible {
    case file, memory

    var testDescription: String { rawValue }

    /// A storage holding the network; two calls on the same directory give two views of one place.
    func make(_ network: Network, in directory: TemporaryDirectory) throws -> NetworkStorage {
        switch self {
        case .file:
            let path = directory.file("n.json")
            if !FileManager.default.fileExists(atPath: path) { try NetworkFile.save(network, to: path) }
            return FileStorage(path: path)
        case .memory:
            return MemoryStorage(network: network)
        }
    }
}

/// Two people on one stored network: each has their own Document on the same storage.
struct TwoEditors {
    let directory = TemporaryDirectory()
    let storage: NetworkStorage
    let mine: Document
    let theirs: Document

    init(_ kind: StorageKind) throws {
        storage = try kind.make(try Fixtures.sample(), in: directory)
        mine = try Document(storage: storage, editor: "ada", account: "ada", now: { "2026-11-25T09:00:00Z" })
        // A memory storage is one object; a file is opened again, as a colleague's process would.
        let other = kind == .file ? try kind.make(Network(), in: directory) : storage
        theirs = try Document(storage: other, editor: "ben", account: "ben", now: { "2026-11-25T08:00:00Z" })
    }
}

@Suite("Document: save, merge, reload on every storage", .serialized)
struct DocumentSaveTests {
    @Test("a save after someone else's merges both; a conflict writes nothing", arguments: StorageKind.allCases)
    func mergeOnSave(_ kind: StorageKind) throws {
        let editors = try TwoEditors(kind)
        defer { editors.directory.remove() }
        var other = try #require(editors.theirs.store.partner(id: "utokyo"))
        other.notes = "theirs"
        #expect(editors.theirs.put(.partner(other)).isApplied)
        #expect(editors.theirs.save() == .saved(merged: false))

        var tokyo = try #require(editors.mine.store.partner(id: "osaka"))
        tokyo.notes = "mine"
        #expect(editors.mine.put(.partner(tokyo)).isApplied)
        #expect(editors.mine.save() == .saved(merged: true))
        let stored = try editors.storage.load().network
        #expect(stored.partners.first { $0.id == "utokyo" }?.notes == "theirs")
        #expect(stored.partners.first { $0.id == "osaka" }?.notes == "mine")

        // Now both change the same value: nothing is written, and the conflict names who saved.
        var again = try #require(editors.theirs.store.partner(id: "osaka"))
        again.notes = "ben's"
        _ = editors.theirs.reload()
        again = try #require(editors.theirs.store.partner(id: "osaka"))
        again.notes = "ben's"
        editors.theirs.put(.partner(again))
        #expect(editors.theirs.save() == .saved(merged: false))
        var clash = try #require(editors.mine.store.partner(id: "osaka"))
        clash.notes = "ada's"
        editors.mine.put(.partner(clash))
        let before = try editors.storage.load().network
        guard case .conflicts(let found) = editors.mine.save() else {
            Issue.record("expected conflicts")
            return
        }
        #expect(try editors.storage.load().network == before)
        #expect(found.conflicts.map(\.kind) == [.field("notes")], "who changed it and when are never a conflict")
        #expect(found.conflicts[0].savedBy == "ben")
        #expect(found.conflicts[0].savedByText(you: "ada")?.hasPrefix("ben on ") == true)
        // The same login in another session (a second terminal, a shared office account) is named as such.
        #expect(found.conflicts[0].savedByText(you: "ben")?.hasPrefix("you, in another session, on ") == true)

        // Kept mine: the record names its real editor, recomputed after the merge.
        #expect(editors.mine.save(resolving: found, keepMine: [true]) == .saved(merged: false))
        let saved = try #require(try editors.storage.load().network.partners.first { $0.id == "osaka" })
        #expect(saved.notes == "ada's")
        #expect(saved.updatedBy == "ada")
        #expect(saved.updatedAt == "2026-11-25T09:00:00Z")
    }

    @Test("reload merges the unsaved changes into what others saved", arguments: StorageKind.allCases)
    func reload(_ kind: StorageKind) throws {
        let editors = try TwoEditors(kind)
        defer { editors.directory.remove() }
        var other = try #require(editors.theirs.store.partner(id: "utokyo"))
        other.city = "Bunkyō"
        editors.theirs.put(.partner(other))
        _ = editors.theirs.save()
        #expect(editors.mine.changedByOthers)
        var mine = try #require(editors.mine.store.partner(id: "osaka"))
        mine.city = "Suita, Osaka"
        editors.mine.put(.partner(mine))
        #expect(editors.mine.reload() == .reloaded(keptUnsaved: true))
        #expect(!editors.mine.changedByOthers)
        #expect(editors.mine.store.partner(id: "utokyo")?.city == "Bunkyō")
        #expect(editors.mine.store.partner(id: "osaka")?.city == "Suita, Osaka")
        // The kept change is still this session's: the save stamps it and puts it in the trail.
        #expect(editors.mine.save() == .saved(merged: false))
        let saved = try #require(editors.storage.load().network.partners.first { $0.id == "osaka" })
        #expect(saved.city == "Suita, Osaka")
        #expect(saved.updatedBy == "ada")
        #expect(saved.updatedAt == "2026-11-25T09:00:00Z")
        #expect(try editors.storage.history().entries.contains { $0.recordId == "osaka" && $0.account == "ada" })
    }

    @Test("a failed write keeps the changes unsaved", arguments: [StorageKind.memory])
    func failedWrite(_ kind: StorageKind) throws {
        let storage = MemoryStorage(network: try Fixtures.sample())
        let document = try Document(storage: storage, editor: "ada")
        var partner = try #require(document.store.partner(id: "osaka"))
        partner.city = "Suita, Osaka"
        document.put(.partner(partner))
        storage.failNextWrite = "the disk is full"
        #expect(document.save() == .failed("the disk is full"))
        #expect(document.unsavedChanges == 1)
        #expect(document.save() == .saved(merged: false))
    }

    @Test("format while another process saves keeps that save (through the lock and merge)")
    func rewriteKeepsOthersEdit() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("n.json")
        try NetworkFile.save(try Fixtures.sample(), to: path)
        for round in 0..<10 {
            let formatter = try Document(storage: FileStorage(path: path))
            let editor = try Document(storage: FileStorage(path: path), editor: "ada")
            var partner = try #require(editor.store.partner(id: "osaka"))
            partner.notes = "round \(round)"
            editor.put(.partner(partner))
            #expect(editor.save() == .saved(merged: false))
            #expect(formatter.rewrite() == .saved(merged: true))
            #expect(try NetworkFile.load(path: path).network.partners.first { $0.id == "osaka" }?.notes == "round \(round)")
        }
    }
}

@Suite("The save lock of a shared file")
struct FileLockTests {
    @Test("a lock made by the first saver has the data file's mode and group, whatever the umask")
    func lockFollowsTheFile() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("n.json")
        try NetworkFile.save(try Fixtures.sample(), to: path)
        chmod(path, 0o664)
        let old = umask(0o022)
        defer { umask(old) }
        let document = try Document(storage: FileStorage(path: path), editor: "ada", journaling: false)
        var partner = try #require(document.store.partner(id: "osaka"))
        partner.notes = "group-writable"
        document.put(.partner(partner))
        #expect(document.save() == .saved(merged: false))
        var info = stat()
        #expect(stat(path + ".lock", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o664, "a colleague in the group can take the lock")
        var data = stat()
        stat(path, &data)
        #expect(info.st_gid == data.st_gid)
    }
}

@Suite("Undo goes on across saves: a save is a point in the history, not its end", .serialized)
struct UndoAcrossSavesTests {
    @Test("an edit saved, undone and saved again: the file is back as it was (stamped), redo gives the edit back", arguments: StorageKind.allCases)
    func undoSaved(_ kind: StorageKind) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let storage = try kind.make(try Fixtures.sample(), in: directory)
        let document = try Document(storage: storage, editor: "ada", account: "ada", now: { "2026-11-25T09:00:00Z" }, journaling: false)
        let original = try #require(document.store.partner(id: "osaka"))
        var edited = original
        edited.city = "Toyonaka"
        let putPartner = document.put(.partner(edited))
        #expect(document.store.unsavedChanges == 1, "\(putPartner)")
        var added = Contact()
        (added.id, added.name) = ("new-desk", "New desk")
        let putContact = document.put(.contact(added))
        #expect(document.store.unsavedChanges == 2, "\(putContact)")
        #expect(document.save() == .saved(merged: false))
        #expect(document.store.unsavedChanges == 0)

        // Back over the save: the contact added goes, then the city comes back.
        #expect(document.undo() != nil && document.store.contact(id: "new-desk") == nil)
        #expect(document.undo() != nil && document.store.partner(id: "osaka")?.city == original.city)
        #expect(document.store.unsavedChanges == 2)
        #expect(document.save() == .saved(merged: false))
        let reread = try Document(storage: kind == .file ? kind.make(Network(), in: directory) : storage, journaling: false)
        #expect(reread.store.partner(id: "osaka")?.city == original.city)
        #expect(reread.store.partner(id: "osaka")?.updatedBy == "ada", "the change back is stamped as this account's")
        #expect(reread.store.contact(id: "new-desk") == nil)

        // Redo gives the saved edit back, stamped as it was saved.
        #expect(document.redo() != nil)
        #expect(document.store.partner(id: "osaka")?.city == "Toyonaka")
        #expect(document.store.partner(id: "osaka")?.updatedAt == "2026-11-25T09:00:00Z")
        #expect(document.store.unsavedChanges == 1)
    }
}

@Suite("Document: rules, links, duplicates, recovery")
struct DocumentEditTests {
    func sample() throws -> Document {
        try Document(storage: MemoryStorage(network: try Fixtures.sample()), editor: "ada")
    }

    @Test("values a person may not enter are refused; a legacy value does not block other edits")
    func verdicts() throws {
        let document = try sample()
        var partner = try #require(document.store.partner(id: "utokyo"))
        partner.status = "actve"
        guard case .refused(let problems) = document.put(.partner(partner)) else {
            Issue.record("status actve was accepted")
            return
        }
        #expect(problems.map(\.description) == ["status: \"actve\" is not one of active, planned, suspended, ended (did you mean active?)"])

        // A file that already has the unknown value loads (a warning), and other fields stay editable.
        var network = try Fixtures.sample()
        let index = try #require(network.partners.firstIndex { $0.id == "utokyo" })
        network.partners[index].status = "actve"
        let legacy = try Document(storage: MemoryStorage(network: network))
        var edited = network.partners[index]
        edited.city = "Tokyo (Hongō)"
        #expect(legacy.put(.partner(edited)).isApplied)

        // A plain warning (a malformed Erasmus code) is accepted and reported.
        var coded = try #require(document.store.partner(id: "utokyo"))
        coded.erasmusCode = "tokyo-1"
        guard case .applied(_, let warnings) = document.put(.partner(coded)) else {
            Issue.record("a malformed Erasmus code was refused")
            return
        }
        #expect(warnings.map(\.path) == ["erasmusCode"])
    }

    @Test("deleting a record takes its links along in one change; undo restores both")
    func deleteWithLinks() throws {
        let document = try sample()
        let before = document.network
        let deletion = try #require(document.deletion(of: "japan-desk"))
        #expect(deletion.unlinked.count == 7, "4 partners and 3 events link to the Japan desk")
        #expect(document.delete(id: "japan-desk").isApplied)
        #expect(Validation.check(document.network).warnings.isEmpty, "no link points to the deleted contact")
        #expect(document.store.record(id: "japan-desk") == nil)
        document.undo()
        #expect(document.network == before)
    }

    @Test("a partner like one already there is refused unless allowed")
    func lookalikes() throws {
        let document = try sample()
        let partner = Fixtures.newPartner("uba", name: "Universidad de Buenos Aires", country: "AR")
        #expect(document.put(.partner(partner)).isApplied)
        var again = partner
        again.id = "uba-2"
        again.name = "Universidad de Buenos Áires"
        guard case .lookalike(let match) = document.put(.partner(again)) else {
            Issue.record("a second Universidad de Buenos Aires in AR was added without a word")
            return
        }
        #expect(match.partner.id == "uba")
        #expect(document.put(.partner(again), allowLookalike: true).isApplied)
        // Kept as a lookalike, it is not asked about again for an edit of another field ...
        again.notes = "the faculty of law"
        #expect(document.put(.partner(again)).isApplied)
        // ... but an edit that makes a partner look like another is.
        var other = try #require(document.store.partner(id: "osaka"))
        other.name = "Universidad de Buenos Aires"
        other.country = "AR"
        guard case .lookalike = document.put(.partner(other)) else {
            Issue.record("renaming a partner to another's name and country was not asked about")
            return
        }
    }

    @Test("a name with its umlauts written out looks like the one with them; one without the dots still does", arguments: [
        ("ETH Zuerich", "ethz"), ("ETH Zurich", "ethz"), ("eth  zürich", "ethz"), ("ETH Zu\u{308}rich", "ethz"),
    ])
    func lookalikeUmlauts(name: String, id: String) throws {
        let document = try sample()
        guard case .lookalike(let match) = document.put(.partner(Fixtures.newPartner("new", name: name, country: "CH"))) else {
            Issue.record("\(name) in CH was added beside ETH Zürich")
            return
        }
        #expect(match.partner.id == id)
        #expect(document.put(.partner(Fixtures.newPartner("new", name: name, country: "AT"))).isApplied, "another country is another partner")
    }

    @Test("a name without its leading The, or the other's short name, looks like it in the same country", arguments: [
        ("University of Tokyo", "the same name in the same country"), ("UTokyo", "its short name UTokyo as name, in the same country"),
    ])
    func lookalikeTheAndShortName(name: String, reason: String) throws {
        let document = try sample()
        guard case .lookalike(let match) = document.put(.partner(Fixtures.newPartner("new", name: name, country: "JP"))) else {
            Issue.record("\(name) in JP was added beside The University of Tokyo (UTokyo)")
            return
        }
        #expect(match.partner.id == "utokyo" && match.reason == reason)
        var index = Lookalike.Index(store: document.store)
        index.add(Fixtures.newPartner("other", name: "Other", country: "JP"))
        #expect(index.match(Fixtures.newPartner("new", name: name, country: "JP"))?.id == "utokyo", "the import's index agrees")
        #expect(document.put(.partner(Fixtures.newPartner("new", name: name, country: "KR"))).isApplied, "another country is another partner")
    }

    @Test("edit, undo, quit: the next start offers nothing")
    func undoneChangesAreNotRecovered() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("n.json")
        try NetworkFile.save(try Fixtures.sample(), to: path)
        var first: Document? = try Document(storage: FileStorage(path: path), editor: "ada")
        var partner = try #require(first?.store.partner(id: "osaka"))
        partner.city = "Suita, Osaka"
        first?.put(.partner(partner))
        first?.undo()
        let next = try Document(storage: FileStorage(path: path), editor: "ada")
        #expect(next.pendingRecovery() == nil)

        // A change kept when the session ends is offered and applied.
        first?.redo()
        first = nil  // the session ends without saving: its journal's lock goes with it
        let third = try Document(storage: FileStorage(path: path), editor: "ada")
        let offer = try #require(third.pendingRecovery())
        #expect(third.recover(offer).applied == 1)
        #expect(third.store.partner(id: "osaka")?.city == "Suita, Osaka")
    }

    @Test("two sessions of one login keep separate journals; a live session's is never offered or dropped")
    func twoSessionsOfOneLogin() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("n.json")
        try NetworkFile.save(try Fixtures.sample(), to: path)
        let first = try Document(storage: FileStorage(path: path), editor: "ada")
        var osaka = try #require(first.store.partner(id: "osaka"))
        osaka.notes = "first session"
        first.put(.partner(osaka))

        var second: Document? = try Document(storage: FileStorage(path: path), editor: "ada")
        #expect(second?.pendingRecovery() == nil, "the first session is alive: its changes are not offered")
        var tokyo = try #require(second?.store.partner(id: "utokyo"))
        tokyo.notes = "second session"
        second?.put(.partner(tokyo))

        // The first saves: its journal goes, the second's stays.
        #expect(first.save() == .saved(merged: false))
        #expect(directory.names().filter { $0.hasSuffix(".liaison-recovery") }.count == 1)

        // The second ends without saving: a new session is offered exactly its change.
        second = nil
        let third = try Document(storage: FileStorage(path: path), editor: "ada")
        let offer = try #require(third.pendingRecovery())
        #expect(offer.entries.map(\.summary) == ["partner utokyo: The University of Tokyo"])
        #expect(third.recover(offer).applied == 1)
        #expect(third.store.partner(id: "utokyo")?.notes == "second session")
        #expect(third.store.partner(id: "osaka")?.notes == "first session")
    }

    @Test("single links take one id; lists split on commas")
    func linkFields() throws {
        let document = try sample()
        let contact = try #require(document.store.record(id: "japan-desk"))
        #expect(throws: FieldAssignment.Failure.self) { try FieldAssignment.apply([("partnerId", "utokyo, ")], to: contact) }
        let linked = try FieldAssignment.apply([("partnerId", "utokyo")], to: contact)
        #expect(document.put(linked).isApplied)
        let missing = try FieldAssignment.apply([("partnerId", "no-such-partner")], to: contact)
        guard case .refused(let problems) = document.put(missing) else {
            Issue.record("a link to nothing was accepted")
            return
        }
        #expect(problems.first?.path == "partnerId")
    }

    @Test("the Erasmus code rule")
    func erasmusCodes() {
        for code in ["PL KRAKOW01", "D  BOCHUM01", "F  PARIS001", "DTRIER01", "E  LA-CORU01", "UK LONDON029"] {
            #expect(Validation.isErasmusCode(code), "\(code)")
        }
        for code in ["", "PL KRAKOW", "pl krakow01", "PL   KRAKOW01", "PL KRAKOW0001", "KRAKOW01 PL"] {
            #expect(!Validation.isErasmusCode(code), "\(code)")
        }
    }

    @Test("an agreement's signing date is read, written and edited through the table")
    func signingDate() throws {
        let document = try sample()
        let partner = try #require(document.store.partner(id: "utokyo"))
        var rows = AgreementRows.rows(of: partner)
        try #require(!rows.isEmpty)
        rows[0].values["signingDate"] = "2019-04-01"
        let updated = try AgreementRows.apply(rows, to: partner) { _ in "unused" }
        #expect(updated.agreements[0].signingDate == Day("2019-04-01"))
        let bytes = NetworkCoding.encode(.partner(updated))
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"signingDate\": \"2019-04-01\""))
    }
}

extension EditOutcome {
    var isApplied: Bool {
        if case .applied = self { return true }
        return false
    }
}
