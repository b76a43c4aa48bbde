import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonGenerator
import LiaisonInterchange

struct Workbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write and read an XLSX workbook of a synthetic network's partners: the sheet an import of N rows reads.",
        discussion: "The partners sheet of `generate N`, cut to --columns columns, written by XLSXWorkbookWriter and read back by XLSXTableReader (the median of --runs each)."
    )

    @Argument(help: "How many rows (partners).")
    var rows = 10_000

    @Option(help: "How many of the partners sheet's columns (it has 19).")
    var columns = 12

    @Option(help: "Runs per measure; the median is shown.")
    var runs = 5

    func validate() throws {
        guard rows >= 1, (1...19).contains(columns), runs >= 1 else { throw ValidationError("at least 1 row and 1 run; 1 to 19 columns") }
    }

    func run() throws { try measureWorkbook(rows: rows, columns: columns, runs: runs) }
}

func measureWorkbook(rows: Int, columns: Int, runs: Int) throws {
    var sheet = ExportSheet(.partners, of: NetworkGenerator.network(partners: rows))
    sheet.columns = Array(sheet.columns.prefix(columns))
    sheet.rows = sheet.rows.map { Array($0.prefix(columns)) }
    var bytes: [UInt8] = []
    let write = median(try (0..<runs).map { _ in try milliseconds { bytes = try XLSXWorkbookWriter.bytes(of: [sheet]) } })
    var table: SheetTable?
    let read = median(try (0..<runs).map { _ in try milliseconds { table = try XLSXTableReader.read(bytes: bytes, source: "bench.xlsx", sheet: nil) } })
    guard table?.rows.count == rows else { throw ValidationError("read \(table?.rows.count ?? 0) rows of \(rows)") }
    print("workbook of \(rows) rows × \(columns) columns: \(bytes.count / 1024) KB")
    print(String(format: "write %.0f ms, read %.0f ms (median of %d), peak memory %.0f MB", write, read, runs, peakMemoryMB()))
}
