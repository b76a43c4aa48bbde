import Foundation
import Testing
@testable import LiaisonCore

/// A data file in a folder of its own, and a state folder of its own for journals that may not
/// live beside it; sessions on it as Documents.
private struct JournalBench {
    let data = TemporaryDirectory()
    let state = TemporaryDirectory()
    let path: String

    init(folderMode: mode_t? = nil) throws {
        path = data.file("n.json")
        try NetworkFile.save(try Fixtures.sample(), to: path)
        if let folderMode { chmod(data.path, folderMode) }
    }

    func session(_ user: String = "ada") throws -> Document {
        let storage = FileStorage(path: path)
        storage.stateHome = state.path
        return try Document(storage: storage, editor: user)
    }

    /// The journal files in a folder.
    func journals(in directory: TemporaryDirectory) -> [String] {
        directory.names().filter { $0.hasSuffix(".liaison-recovery") }.map(directory.file)
    }

    var stateFolder: String { state.file("liaison") }

    func remove() {
        data.remove()
        state.remove()
    }
}

/// Changes a partner's notes through a document.
private func note(_ document: Document?, _ id: String, _ text: String) throws {
    var partner = try #require(document?.store.partner(id: id))
    partner.notes = text
    #expect(document?.put(.partner(partner)).isApplied == true)
}

private func mode(of path: String) -> mode_t {
    var info = stat()
    lstat(path, &info)
    return info.st_mode & 0o7777
}

@Suite("Recovery journal")
struct JournalTests {
    @Test("the changes the journal keeps for the next start: counted until discarded on quitting; none when read-only")
    func unsavedInJournal() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let session = try bench.session()
        try note(session, "utokyo", "one")
        #expect(session.unsavedInJournal == 1)
        session.discardUnsaved()
        #expect(session.unsavedInJournal == 0)
        #expect(session.store.unsavedChanges == 1)
        let storage = FileStorage(path: bench.path)
        storage.stateHome = bench.state.path
        let readOnly = try Document(storage: storage, readOnlyReason: "opened with --read-only")
        #expect(readOnly.unsavedInJournal == 0)
    }

    @Test("changes are kept as they are made, privately, and read back in order; a torn last line is counted and skipped")
    func roundTrip() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let document = try bench.session()
        let store = document.store
        var tokyo = try #require(store.partner(id: "utokyo"))
        tokyo.notes = "line one\nline two"
        document.put(.partner(tokyo))
        // Cairo University has no links to it, so its delete is one step.
        document.delete(id: "cairo")
        document.undo()
        // This session's journal: the one journal beside the file, in a folder only its owner may write.
        let journal = try #require(bench.journals(in: bench.data).first)
        #expect(POSIX.fileName(of: journal).hasPrefix(".n.json.ada."))
        #expect(mode(of: journal) == 0o600)

        // A crash in the middle of a write leaves half a line.
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"op": "put", "record": {"id": "x"#.utf8))
        try handle.close()

        let contents = Journal.parse(try FileContents.read(journal))
        #expect(contents.unreadableLines == 1)
        let entries = contents.entries
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
        document.discardUnsaved()
        #expect(bench.journals(in: bench.data).isEmpty)
    }

    @Test("beside the file in a folder only its owner may write; under the state folder where others may write (2770, 1777)")
    func location() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        #expect(Journal.path(for: bench.path, user: "ada", session: "s", stateHome: bench.state.path) == bench.data.file(".n.json.ada.s.liaison-recovery"))
        for shared: mode_t in [0o2770, 0o1777, 0o775] {
            chmod(bench.data.path, shared)
            let flattened = bench.path.replacingOccurrences(of: "/", with: "%")
            #expect(Journal.path(for: bench.path, user: "ada", session: "s", stateHome: bench.state.path) == "\(bench.stateFolder)/\(flattened).ada.s.liaison-recovery")
        }
    }

    @Test("in a shared office folder (2770) the journal goes to the state folder, made 0700; nothing is left beside the file")
    func sharedFolder() throws {
        let bench = try JournalBench(folderMode: 0o2770)
        defer { bench.remove() }
        let document = try bench.session()
        #expect(document.journalProblem == nil)
        try note(document, "osaka", "kept privately")
        #expect(bench.data.names() == ["n.json"])
        #expect(mode(of: bench.stateFolder) == 0o700)
        let journal = try #require(bench.journals(in: TemporaryDirectory(existing: bench.stateFolder)).first)
        #expect(mode(of: journal) == 0o600)
        #expect(Journal.parse(try FileContents.read(journal)).entries.count == 1)
    }

    @Test("a state folder others may write in, or not the user's, is refused with a message naming it; edits go on, unjournaled")
    func unsafeStateFolder() throws {
        let bench = try JournalBench(folderMode: 0o2770)
        defer { bench.remove() }
        mkdir(bench.stateFolder, 0o700)
        chmod(bench.stateFolder, 0o777)
        let document = try bench.session()
        let folder = bench.stateFolder
        #expect(document.journalProblem == "\(folder): others may write in it (mode 777), so unsaved changes are not journaled; chmod 700 \(folder)")
        try note(document, "osaka", "not journaled")
        #expect(TemporaryDirectory(existing: folder).names().isEmpty)
        #expect(document.pendingRecovery()?.notOffered == ["\(folder): others may write in it (mode 777), so no journal in it is offered"])
        if geteuid() == 0 {
            chmod(bench.stateFolder, 0o700)
            chown(bench.stateFolder, 65534, 65534)
            let other = try bench.session()
            #expect(other.journalProblem?.contains("belongs to someone else (uid 65534)") == true)
        }
    }

    @Test("8 edits with the 3rd line cut short (a full disk, no line break after it): the other 7 are offered, 1 line named unreadable")
    func tornLineInTheMiddle() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        var first: Document? = try bench.session()
        let ids = try #require(first?.store.network.partners.prefix(8).map(\.id))
        for (index, id) in ids.enumerated() { try note(first, id, "edit \(index + 1)") }
        let journal = try #require(bench.journals(in: bench.data).first)
        first = nil
        // The third line loses its second half and its line break; the fourth follows it directly.
        let lines = try FileContents.read(journal).split(separator: 0x0A).map { Array($0) }
        #expect(lines.count == 8)
        var torn: [UInt8] = []
        for (index, line) in lines.enumerated() {
            torn += index == 2 ? Array(line.prefix(line.count / 2)) : line + [0x0A]
        }
        #expect(FileManager.default.createFile(atPath: journal, contents: Data(torn), attributes: [.posixPermissions: 0o600]))

        let next = try bench.session()
        let offer = try #require(next.pendingRecovery())
        #expect(offer.journals.count == 1)
        #expect(offer.journals[0].unreadableLines == 1)
        #expect(offer.entries.count == 7)
        #expect(offer.lines.contains("  1 line of this journal could not be read (cut short?) and is not offered"))
        #expect(next.recover(offer).applied == 7)
        for (index, id) in ids.enumerated() where index != 2 {
            #expect(next.store.partner(id: id)?.notes == "edit \(index + 1)")
        }
    }

    @Test("several ended sessions are offered, each with its time and what changed per field; a second start meanwhile is offered none of them")
    func severalJournalsDescribed() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        var one: Document? = try bench.session()
        var osaka = try #require(one?.store.partner(id: "osaka"))
        let oldCity = osaka.city
        osaka.city = "Toyonaka"
        one?.put(.partner(osaka))
        var two: Document? = try bench.session()
        two?.delete(id: "cairo")
        var added = try #require(two?.store.partner(id: "utokyo"))
        added.id = "kyoto-u"
        added.name = "Kyoto University"
        added.erasmusCode = nil
        added.schacCode = nil
        added.agreements = []
        two?.put(.partner(added), allowLookalike: true)
        let journals = bench.journals(in: bench.data)
        one = nil
        two = nil
        // Times a minute apart: the older journal comes first.
        let times = [1_790_000_000, 1_790_000_060]
        let first = try #require(journals.first { String(decoding: (try? FileContents.read($0)) ?? [], as: UTF8.self).contains(#""id":"osaka""#) })
        let ordered = [first] + journals.filter { $0 != first }
        for (journal, time) in zip(ordered, times) {
            var stamps = [timespec(tv_sec: time, tv_nsec: 0), timespec(tv_sec: time, tv_nsec: 0)]
            utimensat(AT_FDCWD, journal, &stamps, 0)
        }

        let next = try bench.session()
        let offer = try #require(next.pendingRecovery())
        #expect(offer.journals.map(\.location) == ordered)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = .current
        #expect(offer.journals.map(\.time) == times.map { formatter.string(from: Date(timeIntervalSince1970: TimeInterval($0))) })

        let city = try #require(Schema.field("city", of: .partner)).label
        #expect(offer.journals[0].changes == [RecoveryOffer.RecordChange(kind: .changed, recordKind: .partner, id: "osaka", name: osaka.name,
                                                                       fields: [.init(label: city, old: oldCity ?? "(none)", new: "Toyonaka")])])
        let second = offer.journals[1].changes
        #expect(second.map(\.heading) == ["deleted partner cairo (Cairo University)", "new partner kyoto-u (Kyoto University)"])
        #expect(second[1].fields.contains(.init(label: try #require(Schema.field("name", of: .partner)).label, old: "(none)", new: "Kyoto University")))
        #expect(offer.lines.contains("    \(city): \(oldCity ?? "(none)") → Toyonaka"))

        // While this start offers them, they are locked: another start at the same moment sees none.
        let meanwhile = try bench.session()
        #expect(meanwhile.pendingRecovery() == nil)
        #expect(next.recover(offer).applied == 3)
        #expect(bench.journals(in: bench.data).count == 1, "the recovered journals are gone; this session's holds their changes")
    }

    @Test("an agreement's changed end date is described with the agreement's label")
    func agreementChangeDescribed() throws {
        let network = try Fixtures.sample()
        let partner = try #require(network.partners.first { !$0.agreements.isEmpty })
        var changed = partner
        changed.agreements[0].end = Day("2031-08-31")
        let changes = RecoveryOffer.fieldChanges(from: .partner(partner), to: .partner(changed))
        #expect(changes == [.init(label: Schema.label(forPath: "agreements[0].end", in: .partner),
                                  old: partner.agreements[0].end.map { "\($0)" } ?? "(none)", new: "2031-08-31")])
    }
}

@Suite("Recovery journals that others could have touched")
struct JournalAttackTests {
    /// A journal left by a session of this user that ended: real lines, as a session writes them.
    private func endedJournal(_ bench: JournalBench, text: String = "ended") throws -> String {
        var session: Document? = try bench.session()
        try note(session, "osaka", text)
        let journal = try #require(bench.journals(in: bench.data).first)
        session = nil
        return journal
    }

    @Test("a journal others may read or write (0666) is not offered, is named with why, and is left in place")
    func openModeRefused() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let journal = try endedJournal(bench)
        chmod(journal, 0o666)
        let next = try bench.session()
        let offer = try #require(next.pendingRecovery())
        #expect(offer.journals.isEmpty)
        #expect(offer.notOffered == ["\(journal): nothing is offered from it: others may read or write it (mode 666, where a journal is 0600); it was left in place"])
        next.discardRecovery()
        #expect(FileManager.default.fileExists(atPath: journal))
    }

    @Test("a journal that belongs to another user is not offered", .enabled(if: geteuid() == 0, "only root can give a file to another user"))
    func foreignOwnerRefused() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let journal = try endedJournal(bench)
        chown(journal, 65534, 65534)
        let offer = try #require(try bench.session().pendingRecovery())
        #expect(offer.journals.isEmpty)
        #expect(offer.notOffered.first?.contains("belongs to someone else (uid 65534)") == true)
    }

    @Test("a symbolic link or a FIFO at a journal's name is not followed, not offered, and does not hang the start")
    func linkAndFifoRefused() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let journal = try endedJournal(bench)
        let elsewhere = bench.state.file("elsewhere")
        rename(journal, elsewhere)
        symlink(elsewhere, journal)
        let fifo = bench.data.file(".n.json.ada.1-fifo.liaison-recovery")
        mkfifo(fifo, 0o600)
        let offer = try #require(try bench.session().pendingRecovery())
        #expect(offer.journals.isEmpty)
        #expect(offer.notOffered.sorted() == ["\(journal): nothing is offered from it: it is a symbolic link; it was left in place",
                                              "\(fifo): nothing is offered from it: it is a named pipe (FIFO); it was left in place"].sorted())
    }

    @Test("a link or file planted at this session's journal name is never written through: another name is taken, made 0600")
    func plantedAtOwnName() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let victim = bench.state.file("victim")
        _ = bench.state.write("victim", "someone's file")
        chmod(victim, 0o640)
        let journal = Journal(for: bench.path, user: "ada")
        let planted = journal.path
        symlink(victim, planted)
        try journal.append(Journal.Entry(operation: .delete("cairo")))
        #expect(bench.state.contents("victim") == Array("someone's file".utf8))
        #expect(mode(of: victim) == 0o640)
        #expect(journal.path != planted)
        #expect(mode(of: journal.path) == 0o600)
        #expect(Journal.parse(try FileContents.read(journal.path)).entries == [Journal.Entry(operation: .delete("cairo"))])
        journal.remove()
    }

    @Test("forged and broken lines in a journal are skipped and counted; a record the file's rules refuse is not taken")
    func forgedLines() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let journal = try endedJournal(bench, text: "genuine")
        let forged = [
            #"{"op": "put", "kind": "partner", "record": {"id": "osaka"}}"#,  // no name, no country
            #"{"op": "put", "kind": "wizard", "record": {"id": "x", "name": "X"}}"#,
            #"{"op": "drop", "id": "cairo"}"#,
            "not json at all",
        ]
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        handle.seekToEndOfFile()
        handle.write(Data((forged.joined(separator: "\n") + "\n").utf8))
        try handle.close()
        let next = try bench.session()
        let offer = try #require(next.pendingRecovery())
        #expect(offer.journals.first?.unreadableLines == forged.count)
        #expect(offer.entries.count == 1)
        #expect(next.recover(offer).applied == 1)
        #expect(next.store.partner(id: "osaka")?.notes == "genuine")
    }
}

/// A draft of the partner form with one field typed into (by key), the others as they were.
private func draft(of partner: Partner, typing text: String, into key: String) -> FormDraft {
    FormDraft(kind: .partner, recordId: partner.id, agreementIds: partner.agreements.map(\.id),
              fields: FieldAssignment.texts(of: .partner(partner)).map { entry in
                  FormDraft.Field(key: entry.field.key, text: entry.field.key == key ? text : entry.text, original: entry.text)
              })
}

@Suite("Recovery journal: a form left open")
struct DraftJournalTests {
    @Test("a draft replaces the one before it, so the journal holds one; a change applied or the form left cuts it off")
    func draftReplaced() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let document = try bench.session()
        let nims = try #require(document.store.partner(id: "nims"))
        document.keepDraft(draft(of: nims, typing: "Tsuku", into: "city"))
        document.keepDraft(draft(of: nims, typing: "Tsukuba-typed", into: "city"))
        let journal = try #require(bench.journals(in: bench.data).first)
        #expect(mode(of: journal) == 0o600)
        var contents = Journal.parse(try FileContents.read(journal))
        #expect(contents.draft == draft(of: nims, typing: "Tsukuba-typed", into: "city"))
        #expect(contents.entries.isEmpty && contents.unreadableLines == 0)
        #expect(try FileContents.read(journal).filter { $0 == 0x0A }.count == 1, "one line: the latest draft")

        // The form applied: the change is journaled as any, the draft is gone.
        var changed = nims
        changed.city = "Tsukuba-typed"
        #expect(document.put(.partner(changed)).isApplied)
        contents = Journal.parse(try FileContents.read(journal))
        #expect(contents.draft == nil)
        #expect(contents.entries.map(\.operation) == [.put(.partner(changed))])

        // Another form typed into and left: the change stays, its draft goes.
        document.keepDraft(draft(of: changed, typing: "left behind", into: "notes"))
        #expect(Journal.parse(try FileContents.read(journal)).draft != nil)
        document.dropDraft()
        contents = Journal.parse(try FileContents.read(journal))
        #expect(contents.draft == nil && contents.entries.count == 1 && contents.unreadableLines == 0)
    }

    @Test("a draft left with no unsaved change removes the journal; a document that does not journal (the CLI) writes none")
    func draftAloneAndNoJournaling() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        let document = try bench.session()
        let nims = try #require(document.store.partner(id: "nims"))
        document.keepDraft(draft(of: nims, typing: "typed", into: "city"))
        #expect(bench.journals(in: bench.data).count == 1)
        document.dropDraft()
        #expect(bench.journals(in: bench.data).isEmpty)

        let storage = FileStorage(path: bench.path)
        storage.stateHome = bench.state.path
        let command = try Document(storage: storage, editor: "ada", journaling: false)
        command.keepDraft(draft(of: nims, typing: "typed", into: "city"))
        #expect(bench.journals(in: bench.data).isEmpty && bench.journals(in: bench.state).isEmpty)
    }

    @Test("the next start offers a form left open with what was typed per field; recovering gives it back, not applied")
    func draftOfferedAndReturned() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        var ended: Document? = try bench.session()
        let nims = try #require(ended?.store.partner(id: "nims"))
        var osaka = try #require(ended?.store.partner(id: "osaka"))
        osaka.city = "Toyonaka"
        ended?.put(.partner(osaka))
        let typed = draft(of: nims, typing: "NIMS-typed-in-form", into: "city")
        ended?.keepDraft(typed)
        ended = nil

        let next = try bench.session()
        let offer = try #require(next.pendingRecovery())
        #expect(offer.journals.count == 1)
        #expect(offer.journals[0].draft == typed)
        let city = try #require(Schema.field("city", of: .partner)).label
        #expect(offer.lines.contains("  a form left open: partner nims, \(city): \(nims.city ?? "(none)") → NIMS-typed-in-form"))
        #expect(offer.lines[0].hasSuffix("1 record changed, a form left open"))

        let outcome = next.recover(offer)
        #expect(outcome.applied == 1 && outcome.draft == typed)
        #expect(next.store.partner(id: "nims")?.city == nims.city, "a draft is never applied unchecked")
        #expect(next.store.partner(id: "osaka")?.city == "Toyonaka")
    }

    @Test("a form left open alone, with no change applied, is offered too")
    func draftAloneOffered() throws {
        let bench = try JournalBench()
        defer { bench.remove() }
        var ended: Document? = try bench.session()
        let nims = try #require(ended?.store.partner(id: "nims"))
        ended?.keepDraft(draft(of: nims, typing: "", into: "city"))
        ended = nil
        let offer = try #require(try bench.session().pendingRecovery())
        #expect(offer.lines.first?.hasSuffix(": a form left open") == true)
        #expect(offer.lines.contains { $0.hasSuffix("→ (none)") })
    }

    @Test("a draft line among changes leaves them as they are; a change after it ends it; a torn one is counted and skipped")
    func draftLinesAmongChanges() throws {
        let network = try Fixtures.sample()
        let nims = try #require(network.partners.first { $0.id == "nims" })
        var changed = nims
        changed.notes = "line one\nline two \"quoted\""
        let put = Journal.line(for: Journal.Entry(operation: .put(.partner(changed)), base: .partner(nims)))
        let typed = draft(of: changed, typing: String(repeating: "notes ⏎\n", count: 1_000), into: "notes")
        let line = typed.journalLine
        #expect(Journal.parse(put + line) == Journal.Contents(entries: [Journal.Entry(operation: .put(.partner(changed)), base: .partner(nims))], draft: typed))
        // A change after a draft (a cut that failed) means its form was applied: no draft is offered.
        #expect(Journal.parse(line + put).draft == nil)
        // Cut short by a crash, with a change written after it on the same line.
        let torn = Array(line.prefix(line.count / 2)) + put
        let contents = Journal.parse(torn)
        #expect(contents.unreadableLines == 1 && contents.entries.count == 1 && contents.draft == nil)
    }
}
