// An import as the user waits for it: a sheet of every partner of a network (some rows changed),
// CSV or XLSX as `liaison export` writes it, read, its columns mapped, its rows matched, assigned and judged, the plan applied as
// one change and saved (lock, compare, stamps, atomic write, audit trail) — on a copy of a
// generated network, made anew for each run.
import Foundation
import LiaisonCore
import LiaisonGenerator
import ArgumentParser
import LiaisonInterchange

enum SheetFormat: String, ExpressibleByArgument, CaseIterable { case csv, xlsx }

func measureImport(partners count: Int, runs: Int, format: SheetFormat) throws {
    let directory = NSTemporaryDirectory() + "liaison-bench-import-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let network = NetworkGenerator.network(partners: count, seed: 1)
    let original = NetworkCoding.encode(network)
    let sheet = directory + "/partners." + format.rawValue
    let changedRows = try writeSheet(of: network, as: format, to: sheet)
    let path = directory + "/network.json"

    var opens: [Double] = [], reads: [Double] = [], plans: [Double] = [], applies: [Double] = [], saves: [Double] = []
    for _ in 0..<runs {
        for leftover in try FileManager.default.contentsOfDirectory(atPath: directory) where leftover.hasPrefix("network.json") {
            try FileManager.default.removeItem(atPath: directory + "/" + leftover)
        }
        try Data(original).write(to: URL(fileURLWithPath: path))
        var document: Document!
        var table: SheetTable!
        var plan: ImportPlan!
        opens.append(try milliseconds { document = try Document(storage: FileStorage(path: path), editor: "bench", journaling: false) })
        reads.append(try milliseconds { table = try SheetFile.read(path: sheet) })
        plans.append(try milliseconds {
            let mapping = try ColumnMapping(headers: table.headers, kind: .partners)
            plan = ImportPlanner.plan(table, mapping: mapping, in: document)
        })
        precondition(plan.refused.isEmpty && plan.added.isEmpty && plan.changed.count == changedRows, "the sheet did not match the network: \(plan.summary)")
        applies.append(milliseconds {
            guard case .applied = document.put(plan.records, summary: "import") else { preconditionFailure("the import was refused") }
        })
        saves.append(milliseconds { precondition(document.save() == .saved(merged: false)) })
    }
    let total: [Double] = opens.indices.map { run in
        let before = opens[run] + reads[run] + plans[run]
        return before + applies[run] + saves[run]
    }
    FileHandle.standardOutput.write(Data(String(
        format: "%d %@ rows (%d changed) into %d partners: total %.0f ms = open %.0f + read %.0f + map, match, judge %.0f + apply %.0f + save %.0f (medians of %d)\n",
        count, format.rawValue.uppercased(), changedRows, count, median(total), median(opens), median(reads), median(plans), median(applies), median(saves), runs).utf8))
}

/// The partners as `liaison export` writes them (CSV with formulas neutralised, or a workbook's
/// sheet), every 10th row with another city and every 25th with a note: returns how many rows
/// differ from the network.
private func writeSheet(of network: Network, as format: SheetFormat, to path: String) throws -> Int {
    var edited = network
    var changed = 0
    for index in edited.partners.indices where index % 10 == 0 || index % 25 == 0 {
        if index % 10 == 0 { edited.partners[index].city = "Imported City \(index)" }
        if index % 25 == 0 { edited.partners[index].notes = "checked in the import of row \(index + 2)" }
        changed += 1
    }
    let sheet = ExportSheet(.partners, of: edited)
    let bytes: [UInt8]
    switch format {
    case .csv:
        func quoted(_ cell: String) -> String { "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        bytes = Array(sheet.textRows.map { $0.map { quoted(SpreadsheetCell.neutralised($0)) }.joined(separator: ",") + "\r\n" }.joined().utf8)
    case .xlsx:
        bytes = try XLSXWorkbookWriter.bytes(of: [sheet])
    }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return changed
}
