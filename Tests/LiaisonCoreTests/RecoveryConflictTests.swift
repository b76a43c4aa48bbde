import Foundation
import Testing
@testable import LiaisonCore

/// Recovered changes that clash with changes saved since the session ended are asked about, one
/// conflict at a time, and nothing of them is lost meanwhile: the ended session's journal stays
/// until its changes are applied or dropped.
@Suite("Recovery conflicts are decided, never set aside")
struct RecoveryConflictTests {
    /// A memory network as a colleague saved it, and a journal of an ended session of `ada` that
    /// changed records from `original` (the version it started from).
    private struct Ended {
        let storage: MemoryStorage
        let original: Network

        /// `saved`: what the colleague changed in partners since.
        init(saved: [(id: String, change: (inout Partner) -> Void)] = []) throws {
            original = try Fixtures.sample()
            var now = original
            for (id, change) in saved {
                let index = try #require(now.partners.firstIndex { $0.id == id })
                change(&now.partners[index])
            }
            storage = MemoryStorage(network: now)
        }

        /// An ended session's journal with one entry per change made to a partner of `original`.
        @discardableResult
        func session(_ changes: [(id: String, change: (inout Partner) -> Void)]) throws -> MemoryJournal {
            let journal = try #require(storage.recoveryJournal(user: "ada") as? MemoryJournal)
            for (id, change) in changes {
                let before = try #require(original.partners.first { $0.id == id })
                var after = before
                change(&after)
                try journal.append(Journal.Entry(operation: .put(.partner(after)), base: .partner(before)))
            }
            journal.isLive = false
            return journal
        }

        func start() throws -> Document { try Document(storage: storage, editor: "ada") }
    }

    @Test("a recovered field a colleague changed since is a conflict: nothing applied, the journal stays until it is decided")
    func conflictIsAsked() throws {
        let bench = try Ended(saved: [("osaka", { $0.city = "City-J2" })])
        let journal = try bench.session([("osaka", { $0.city = "A-unsaved-city" })])
        let document = try bench.start()
        let offer = try #require(document.pendingRecovery())
        let outcome = document.recover(offer)
        let merge = try #require(outcome.conflicts)
        #expect(outcome.applied == 0)
        #expect(merge.conflicts.map(\.description) == [#"partner osaka: city is "A-unsaved-city" here and "City-J2" in the file"#])
        #expect(document.store.partner(id: "osaka")?.city == "City-J2")
        #expect(document.unsavedChanges == 0)
        #expect(journal.contents() != nil, "the journal is kept while the conflict is undecided")

        // Keeping mine: the recovered value becomes an unsaved change, and the journal goes.
        let resolved = document.recover(resolving: merge, keepMine: [true])
        #expect(resolved.applied == 1 && resolved.refused.isEmpty && resolved.conflicts == nil)
        #expect(document.store.partner(id: "osaka")?.city == "A-unsaved-city")
        #expect(document.unsavedChanges == 1)
        #expect(journal.contents() == nil)
        #expect(document.save() == .saved(merged: false))
        #expect(bench.storage.network.partners.first { $0.id == "osaka" }?.city == "A-unsaved-city")
    }

    @Test("keeping the file's value applies the rest of the record's recovered changes and drops only the clashing value")
    func keepTheirs() throws {
        let bench = try Ended(saved: [("osaka", { $0.city = "City-J2" })])
        let journal = try bench.session([("osaka", { $0.city = "A-unsaved-city"; $0.notes = "recovered note" })])
        let document = try bench.start()
        let merge = try #require(recoverOffered(document).conflicts)
        #expect(merge.conflicts.count == 1)
        #expect(document.recover(resolving: merge, keepMine: [false]).applied == 1)
        let osaka = try #require(document.store.partner(id: "osaka"))
        #expect(osaka.city == "City-J2" && osaka.notes == "recovered note")
        #expect(journal.contents() == nil, "decided: the choice was made explicitly")
    }

    @Test("several ended sessions, only some entries clash: all are asked at once, every other change is applied after")
    func severalSessions() throws {
        let stamp = { (partner: inout Partner) in
            partner.updatedBy = "jonas"
            partner.updatedAt = "2026-11-24T10:00:00Z"
        }
        let bench = try Ended(saved: [("osaka", { $0.city = "City-J2"; stamp(&$0) }), ("utokyo", { $0.notes = "colleague" }),
                                      ("tsukuba", stamp)])
        let older = try bench.session([("osaka", { $0.city = "older city" }), ("tsukuba", { $0.notes = "older note" })])
        let newer = try bench.session([("osaka", { $0.notes = "newer osaka note" }), ("utokyo", { $0.notes = "newer note" }),
                                       ("tsukuba", { $0.notes = "newer note" })])
        let document = try bench.start()
        let offer = try #require(document.pendingRecovery())
        #expect(offer.journals.count == 2)
        let merge = try #require(document.recover(offer).conflicts)
        // The older session's city against the file's; the newer session's notes of utokyo
        // against the file's, and of tsukuba against the older session's: each is asked.
        #expect(merge.conflicts.map { "\($0.id) \($0.kind)" } == [#"osaka field("city")"#, #"utokyo field("notes")"#, #"tsukuba field("notes")"#])
        // Who saved: jonas saved osaka's city; tsukuba's notes clash with the older session's, not his.
        #expect(merge.conflicts.map(\.savedBy) == ["jonas", nil, nil])
        #expect(document.unsavedChanges == 0)
        #expect(older.contents() != nil && newer.contents() != nil)

        let outcome = document.recover(resolving: merge, keepMine: [true, false, true])
        #expect(outcome.applied == 2)
        let partner = { (id: String) in document.store.partner(id: id) }
        #expect(partner("osaka")?.city == "older city" && partner("osaka")?.notes == "newer osaka note")
        #expect(partner("utokyo")?.notes == "colleague")
        #expect(partner("tsukuba")?.notes == "newer note")
        #expect(older.contents() == nil && newer.contents() == nil)
    }

    @Test("a recovered change the rules refuse leaves its journal, offered again at the next start")
    func refusedStays() throws {
        let bench = try Ended()
        let journal = try bench.session([("osaka", { $0.name = "" }), ("utokyo", { $0.notes = "fine" })])
        let document = try bench.start()
        let outcome = try recoverOffered(document)
        #expect(outcome.applied == 1)
        #expect(outcome.refused.count == 1 && outcome.refused[0].hasPrefix("partner osaka: "), "\(outcome.refused)")
        #expect(journal.contents() != nil)
        let next = try bench.start()
        #expect(next.pendingRecovery()?.changeCount == 2)
    }

    @Test("on files: maria's unsaved city, jonas saves the same field, maria's session is killed; the next start asks, applies, saves")
    func onFiles() throws {
        let (directory, path) = try sampleFile()
        defer { directory.remove() }
        func city(_ document: Document?, _ text: String) throws {
            var osaka = try #require(document?.store.partner(id: "osaka"))
            osaka.city = text
            #expect(document?.put(.partner(osaka)).isApplied == true)
        }
        var maria: Document? = try Document(storage: FileStorage(path: path), editor: "maria")
        try city(maria, "A-unsaved-city")
        let jonas = try Document(storage: FileStorage(path: path), editor: "jonas")
        try city(jonas, "City-J2")
        #expect(jonas.save() == .saved(merged: false))
        maria = nil  // killed: its journal's lock goes with it
        let journals = { directory.names().filter { $0.contains(".liaison-recovery") } }
        #expect(journals().count == 1)

        // A start that leaves the conflict undecided changes nothing: the next one asks again.
        do {
            let undecided = try Document(storage: FileStorage(path: path), editor: "maria")
            #expect(try recoverOffered(undecided).conflicts?.conflicts.count == 1)
        }
        #expect(journals().count == 1 && !journals()[0].hasSuffix(".kept"))

        let again = try Document(storage: FileStorage(path: path), editor: "maria")
        let merge = try #require(recoverOffered(again).conflicts)
        #expect(again.recover(resolving: merge, keepMine: [true]).applied == 1)
        #expect(journals().count == 1, "the ended session's journal went; this session's holds the change")
        #expect(again.save() == .saved(merged: false))
        #expect(journals().isEmpty)
        #expect(try NetworkFile.load(path: path).network.partners.first { $0.id == "osaka" }?.city == "A-unsaved-city")
    }

    @Test("a journal an older version set aside as ….kept is offered at the next start")
    func keptJournalsAreOffered() throws {
        let (directory, path) = try sampleFile()
        defer { directory.remove() }
        var first: Document? = try Document(storage: FileStorage(path: path), editor: "ada")
        var osaka = try #require(first?.store.partner(id: "osaka"))
        osaka.notes = "set aside"
        first?.put(.partner(osaka))
        first = nil
        let journal = try #require(directory.names().first { $0.hasSuffix(".liaison-recovery") })
        #expect(rename(directory.file(journal), directory.file(journal + ".kept")) == 0)

        let next = try Document(storage: FileStorage(path: path), editor: "ada")
        let offer = try #require(next.pendingRecovery())
        #expect(next.recover(offer).applied == 1)
        #expect(next.store.partner(id: "osaka")?.notes == "set aside")
        #expect(next.save() == .saved(merged: false))
        #expect(directory.names().filter { $0.contains(".liaison-recovery") }.isEmpty)
    }
}

/// Recovers what the document's start offers.
private func recoverOffered(_ document: Document) throws -> RecoveryOutcome {
    document.recover(try #require(document.pendingRecovery()))
}

/// A temporary folder with the sample network saved in it, and the file's path.
private func sampleFile() throws -> (TemporaryDirectory, String) {
    let directory = TemporaryDirectory()
    let path = directory.file("n.json")
    try NetworkFile.save(try Fixtures.sample(), to: path)
    return (directory, path)
}
