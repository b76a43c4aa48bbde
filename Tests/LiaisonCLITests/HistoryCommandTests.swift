import Foundation
import LiaisonCore
import Testing

@Suite("liaison history", .serialized)
struct HistoryCommandTests {
    /// A copy of the sample with a trail of three saves: two weeks ago, a month ago, in January.
    private func fileWithHistory() throws -> (directory: String, path: String) {
        let copy = try CLI.copyOfSample("history")
        let entries = [
            AuditEntry(time: "2026-01-10T08:00:00+00:00", account: "ben", recordKind: .partner, recordId: "osaka", change: .changed,
                       field: "status", label: "Status", old: .string("active"), new: .string("suspended")),
            AuditEntry(time: "2026-10-20T08:00:00+00:00", account: "ana", recordKind: .partner, recordId: "utokyo", change: .changed,
                       field: "agreements[1].end", label: "Agreement 2: End", old: .string("2026-12-31"), new: .string("2027-06-30")),
            AuditEntry(time: "2026-11-10T14:02:00+00:00", account: "ana", recordKind: .contact, recordId: "japan-desk", change: .deleted,
                       old: .object(JSONObject([("id", .string("japan-desk")), ("name", .string("Japan Desk"))]))),
        ]
        try Data(AuditTrail.lines(of: entries, after: nil)).write(to: URL(fileURLWithPath: copy.path + ".history.jsonl"))
        return copy
    }

    private func run(_ arguments: [String], data: String) throws -> CLI.Result {
        try CLI.run(arguments, environment: ["TZ": "UTC"], data: data)
    }

    @Test("lists the changes oldest first, in the local time, with who saved them and what changed")
    func everything() throws {
        let (directory, path) = try fileWithHistory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try run(["history"], data: path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines == [
            "TIME ACCOUNT RECORD CHANGE",
            "2026-01-10 08:00 ben partner osaka Status: active → suspended",
            "2026-10-20 08:00 ana partner utokyo Agreement 2: End: 2026-12-31 → 2027-06-30",
            "2026-11-10 14:02 ana contact japan-desk deleted contact Japan Desk",
        ])
        let berlin = try CLI.run(["history", "osaka"], environment: ["TZ": "Europe/Berlin"], data: path)
        #expect(berlin.stdout.contains("2026-01-10 09:00"), "shown in the local time zone: \(berlin.stdout)")
    }

    @Test("a long value changed is shown whole: wrapped in the table, never cut")
    func longValuesWhole() throws {
        let copy = try CLI.copyOfSample("history-long")
        defer { try? FileManager.default.removeItem(atPath: copy.directory) }
        let note = (1...12).map { "Sentence \($0) of a long note." }.joined(separator: " ") + " THE-END"
        let entry = AuditEntry(time: "2026-11-10T14:02:00+00:00", account: "ana", recordKind: .partner, recordId: "osaka", change: .changed,
                               field: "notes", label: "Notes", old: .string("short"), new: .string(note))
        try Data(AuditTrail.lines(of: [entry], after: nil)).write(to: URL(fileURLWithPath: copy.path + ".history.jsonl"))
        for width in ["80", "160"] {
            let result = try CLI.run(["history"], environment: ["TZ": "UTC", "COLUMNS": width], data: copy.path)
            #expect(result.status == 0)
            let words = result.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(words.contains("Notes: short → " + note), "\(width) columns: \(result.stdout)")
            #expect(!result.stdout.contains("…"))
        }
    }

    @Test("an id and --since (a time ago, or a date) choose the changes; none fitting is exit 1")
    func filters() throws {
        let (directory, path) = try fileWithHistory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func ids(_ arguments: [String]) throws -> [String] {
            let result = try run(["history"] + arguments + ["--json"], data: path)
            let entries = try #require(try JSONReader.parse(Array(result.stdout.utf8)).array, "\(result.stdout)")
            return entries.compactMap { $0.object?.string("id") }
        }
        #expect(try ids(["utokyo"]) == ["utokyo"])
        // LIAISON_TODAY is 2026-11-24: 30 days ago is 2026-10-25.
        #expect(try ids(["--since", "30d"]) == ["japan-desk"])
        #expect(try ids(["--since", "6w"]) == ["utokyo", "japan-desk"])
        #expect(try ids(["--since", "2026-01-10"]) == ["osaka", "utokyo", "japan-desk"])
        #expect(try ids(["osaka", "--since", "1m"]) == [])

        let none = try run(["history", "osaka", "--since", "1m"], data: path)
        #expect(none.status == 1 && none.stdout.isEmpty)
        #expect(none.stderr.contains("no saved changes to osaka since 1m"))
        // An id in neither the file nor its history is no record, as `show` says; one in the
        // file with no saved change yet has no changes.
        let unknown = try run(["history", "nosuchid"], data: path)
        #expect(unknown.status == 1 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("no record nosuchid in \(path) or its history"), "\(unknown.stderr)")
        let unchanged = try run(["history", "ethz"], data: path)
        #expect(unchanged.status == 1 && unchanged.stderr.contains("no saved changes to ethz in the history"), "\(unchanged.stderr)")
        let bad = try run(["history", "--since", "lately"], data: path)
        #expect(bad.status == 2 && bad.stderr.contains("--since lately: expected a time ago or a date"))
    }

    @Test("a torn last line is skipped with a note; a file with no trail yet has no changes")
    func tornAndMissing() throws {
        let (directory, path) = try fileWithHistory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try #require(FileHandle(forWritingAtPath: path + ".history.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"time":"2026-11-24T10:00:00+00:00","account":"ana","ki"#.utf8))
        handle.closeFile()
        let torn = try run(["history", "--json"], data: path)
        #expect(torn.status == 0)
        #expect(torn.stderr.contains("1 line could not be read"))
        #expect(try JSONReader.parse(Array(torn.stdout.utf8)).array?.count == 3)

        // The next save starts a line of its own after the torn one.
        #expect(try run(["set", "utokyo", "city=Bunkyō"], data: path).status == 0)
        let after = try run(["history", "utokyo", "--json"], data: path)
        let entries = try #require(try JSONReader.parse(Array(after.stdout.utf8)).array)
        #expect(entries.last?.object?["new"] == .string("Bunkyō"))

        try FileManager.default.removeItem(atPath: path + ".history.jsonl")
        let empty = try run(["history"], data: path)
        #expect(empty.status == 1 && empty.stderr.contains("no saved changes in the history"))
    }

    @Test("a trail that cannot be written is a warning after the save, which stands; a link is never written through")
    func unwritableTrail() throws {
        let (directory, path) = try CLI.copyOfSample("history")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: path + ".history.jsonl", withDestinationPath: directory + "/elsewhere")
        let result = try run(["set", "utokyo", "city=Bunkyō"], data: path)
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: \(path).history.jsonl: cannot be opened to add to the history: is a symbolic link"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/elsewhere"))
        #expect(try NetworkFile.load(path: path).network.partners.first { $0.id == "utokyo" }?.city == "Bunkyō")
    }

    @Test("set, add and delete each add their changes, under the account of the real user id")
    func commandsWriteIt() throws {
        let (directory, path) = try CLI.copyOfSample("history")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // $USER and LOGNAME, which anyone can set, say nothing about who saved.
        let pretending = ["USER": "mallory", "LOGNAME": "mallory"]
        #expect(try CLI.run(["set", "utokyo", "city=Bunkyō"], environment: pretending, data: path).status == 0)
        #expect(try CLI.run(["add", "partner", "--name", "Universität Wien", "--country", "AT"], environment: pretending, data: path).status == 0)
        #expect(try CLI.run(["delete", "universitat-wien"], environment: pretending, data: path).status == 0)
        let result = try run(["history", "--json"], data: path)
        let entries = try #require(try JSONReader.parse(Array(result.stdout.utf8)).array?.compactMap(\.object))
        #expect(entries.map { "\($0.string("change") ?? "") \($0.string("id") ?? "")" } == ["changed utokyo", "added universitat-wien", "deleted universitat-wien"])
        let account = try #require(getpwuid(getuid())).pointee.pw_name.map { String(cString: $0) }
        #expect(entries.allSatisfy { $0.string("account") == account })
    }
}
