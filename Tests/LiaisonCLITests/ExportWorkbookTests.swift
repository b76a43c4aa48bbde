import Foundation
import LiaisonCore
import LiaisonInterchange
import Testing

/// `liaison export --format xlsx` and `-o FILE`: a workbook of every kind (or the one named) with
/// the same cells as the CSV export, any format into a file written whole, and no binary on a
/// terminal.
@Suite("XLSX export and -o")
struct ExportWorkbookTests {
    static func temporaryDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "liaison-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test("every sheet has the CSV export's cells, days as dates that read back as the same day")
    func workbookMatchesTheCSVExport() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/network.xlsx"
        let run = try CLI.run(["export", "--format", "xlsx", "-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let workbook = try Self.bytes(path)
        for kind in ExportSheet.Kind.allCases {
            let csv = try CLI.run(["export", "--format", "csv", "--raw-cells", kind.rawValue, "-o", directory + "/\(kind).csv"])
            #expect(csv.status == 0, "\(csv.stderr)")
            let expected = try CSVTableReader.read(bytes: try Self.bytes(directory + "/\(kind).csv"), source: "\(kind).csv")
            let sheet = try XLSXTableReader.read(bytes: workbook, source: "network.xlsx", sheet: kind.rawValue)
            #expect(sheet.headers == expected.headers)
            let days = Set(ExportSheet(kind, of: Network()).columns.enumerated().filter { $0.element.type == .day }.map(\.offset))
            #expect(!expected.rows.isEmpty)
            #expect(sheet.rows.map(\.number) == expected.rows.map(\.number))
            for (read, written) in zip(sheet.rows, expected.rows) {
                let asDays = read.cells.enumerated().map { index, cell in
                    days.contains(index) ? Double(cell).flatMap(Day.init(excelSerial:))?.description ?? cell : cell
                }
                #expect(asDays == written.cells, "\(kind) row \(read.number)")
            }
        }
    }

    @Test("a table named: only its sheet")
    func oneSheet() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/agreements.xlsx"
        #expect(try CLI.run(["export", "--format", "xlsx", "agreements", "--output", path]).status == 0)
        #expect(throws: SheetReadError("agreements.xlsx has no sheet \"partners\"; its sheets are \"agreements\"")) {
            try XLSXTableReader.read(bytes: try Self.bytes(path), source: "agreements.xlsx", sheet: "partners")
        }
    }

    @Test("-o writes the bytes standard output gets, replaces a file whole, keeps no backup", arguments: [
        ["--format", "csv", "agreements"], ["--format", "csv", "--excel", "partners"], ["--format", "json", "events"],
        ["--format", "xlsx"],
    ])
    func outputFile(arguments: [String]) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let piped = directory + "/piped"
        #expect(FileManager.default.createFile(atPath: piped, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: piped))
        #expect(try CLI.run(["export"] + arguments, output: handle).status == 0)
        try handle.close()
        let path = directory + "/out"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let run = try CLI.run(["export"] + arguments + ["-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.bytes(path) == Self.bytes(piped))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["out", "piped"])
    }

    @Test("-o into a folder that is not there: exit 2 and a message naming the file")
    func outputFileFails() throws {
        let path = NSTemporaryDirectory() + "liaison-missing-\(UUID().uuidString)/out.xlsx"
        let run = try CLI.run(["export", "--format", "xlsx", "-o", path])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("liaison: \(path): "), "\(run.stderr)")
        #expect(run.stderr.contains("No such file or directory"), "\(run.stderr)")
    }

    @Test("a workbook is not sent where a terminal shows it (here: a forced SSH command's output)")
    func noBinaryOnATerminal() throws {
        let run = try CLI.run(["export", "--format", "xlsx"], environment: ["SSH_ORIGINAL_COMMAND": "liaison export --format xlsx"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "liaison: an XLSX workbook is a binary file and is not shown on a terminal; write it with -o FILE or redirect standard output into a file\n")
    }
}
