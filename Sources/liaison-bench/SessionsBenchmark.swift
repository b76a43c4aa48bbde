// Saves by several sessions on one file, as an office's staff over SSH make them: each session
// (a Document on the file, journaling like the dashboard) has edits of its own, and the sessions
// save in turn, so every save finds the file changed by another and merges before it writes.
// Measured: each save as a whole (lock, compare, load theirs, merge, stamp, atomic write, audit
// trail), and the audit trail's own part of it: the per-field diff, made again on the same
// networks, and its one append + fdatasync, made again to a second trail beside the first.
import Foundation
import LiaisonCore

func measureSessions(path: String, sessions count: Int, rounds: Int, editsPerSave: Int) throws {
    let directory = NSTemporaryDirectory() + "liaison-bench-sessions-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let copy = directory + "/network.json"
    try FileManager.default.copyItem(atPath: path, toPath: copy)

    let storage = FileStorage(path: copy)
    let sessions = try (1...count).map { number in
        try Document(storage: FileStorage(path: copy), editor: "staff\(number)", account: "staff\(number)")
    }
    // A trail of its own for timing the append again, on the same disk, growing like the real one.
    let probe = FileStorage(path: directory + "/probe.json")
    let partners = sessions[0].store.partners.count
    precondition(partners >= count * rounds * editsPerSave, "the file has too few partners for distinct edits")

    var saves: [Double] = [], diffs: [Double] = [], appends: [Double] = [], lines: [Int] = []
    var next = 0
    for round in 0..<rounds {
        // Every session edits partners of its own, none another touches: the saves merge
        // without conflicts, as saves of different records do.
        var edited: [[String]] = []
        for session in sessions {
            var ids: [String] = []
            for _ in 0..<editsPerSave {
                var partner = session.store.partners[next * (partners / (count * rounds * editsPerSave))]
                next += 1
                partner.notes = "round \(round): checked by \(session.editor)"
                if !partner.agreements.isEmpty { partner.agreements[0].end = Day("2031-12-31") }
                guard case .applied = session.put(.partner(partner)) else { preconditionFailure("the edit was refused") }
                ids.append(partner.id)
            }
            edited.append(ids)
        }
        for (index, session) in sessions.enumerated() {
            let before = try storage.load().network
            var outcome = SaveOutcome.nothingToSave
            saves.append(milliseconds { outcome = session.save() })
            let first = round == 0 && index == 0
            guard outcome == .saved(merged: !first) else { throw BenchFailure("save \(index + 1) of round \(round + 1): \(outcome)") }
            var entries: [AuditEntry] = []
            diffs.append(milliseconds {
                entries = AuditDiff.entries(from: before, to: session.network, ids: Set(edited[index]), time: "2026-11-25T14:02:00+00:00", account: session.account)
            })
            appends.append(try milliseconds { try probe.appendHistory(entries) })
            lines.append(entries.count)
        }
    }
    // The first save of all had nothing to merge with; every other one merged.
    let merged = Array(saves.dropFirst())
    let audits = zip(diffs, appends).map(+).dropFirst()
    FileHandle.standardOutput.write(Data(String(
        format: "%@\t%d sessions, %d partners, %d edited partners per save (%d audit lines)\tsave with merge and audit trail: median %.1f ms, max %.1f ms\taudit trail: median %.2f ms (diff %.2f, append+fdatasync %.2f), max %.2f ms\t(%d merged saves)\n",
        path, count, partners, editsPerSave, lines.max() ?? 0, median(merged), merged.max() ?? 0,
        median(Array(audits)), median(Array(diffs.dropFirst())), median(Array(appends.dropFirst())), audits.max() ?? 0, merged.count).utf8))
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
