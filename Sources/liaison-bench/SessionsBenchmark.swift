// Saves by several sessions on one file, as an office's staff over SSH make them: each session
// (a Document on the file, journaling like the dashboard) has edits of its own, and the sessions
// save in turn, so every save finds the file changed by another and merges before it writes.
// Measured: each save as a whole (lock, compare, load theirs, merge, stamp, atomic write, audit
// trail), and the audit trail's own part of it (the per-field diff and the one append + fdatasync).
import Foundation
import LiaisonCore

func measureSessions(path: String, sessions count: Int, rounds: Int, editsPerSave: Int) throws {
    let directory = NSTemporaryDirectory() + "liaison-bench-sessions-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let copy = directory + "/network.json"
    try FileManager.default.copyItem(atPath: path, toPath: copy)

    let storages = (0..<count).map { _ in AppendTimingStorage(FileStorage(path: copy)) }
    let sessions = try storages.enumerated().map { index, storage in
        try Document(storage: storage, editor: "staff\(index + 1)", account: "staff\(index + 1)")
    }
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
            let before = try storages[index].load().network
            var outcome = SaveOutcome.nothingToSave
            saves.append(milliseconds { outcome = session.save() })
            let first = round == 0 && index == 0
            guard outcome == .saved(merged: !first) else { throw BenchFailure("save \(index + 1) of round \(round + 1): \(outcome)") }
            lines.append(storages[index].appendedLines)
            // The save's diff, made again on the same networks and ids, and its timed append.
            let diff = milliseconds {
                _ = AuditDiff.entries(from: before, to: session.network, ids: Set(edited[index]), time: "2026-11-25T14:02:00+00:00", account: session.account)
            }
            diffs.append(diff)
            appends.append(storages[index].appendMilliseconds)
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

/// A file storage that times the audit trail's append within each save (one write and an
/// fdatasync), and counts its lines.
final class AppendTimingStorage: NetworkStorage {
    private let file: FileStorage
    private(set) var appendMilliseconds = 0.0
    private(set) var appendedLines = 0

    init(_ file: FileStorage) { self.file = file }

    var name: String { file.name }
    func load() throws(StorageError) -> StoredNetwork { try file.load() }
    func currentVersion() -> StorageVersion? { file.currentVersion() }

    func withWriteLock<T>(_ body: () throws(StorageError) -> T) throws(StorageError) -> T { try file.withWriteLock(body) }

    func write(_ network: Network) throws(StorageError) -> StorageVersion? { try file.write(network) }

    func appendHistory(_ entries: [AuditEntry]) throws(StorageError) {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { appendMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000 }
        appendedLines = entries.count
        try file.appendHistory(entries)
    }

    func history() throws(StorageError) -> AuditTrail { try file.history() }
    func recoveryJournal(user: String) -> RecoveryJournal? { file.recoveryJournal(user: user) }
    func abandonedJournals(user: String, excluding own: RecoveryJournal?) -> [RecoveryJournal] {
        file.abandonedJournals(user: user, excluding: own)
    }
}
