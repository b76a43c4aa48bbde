import Foundation
import LiaisonCore
import Testing
@testable import LiaisonInterchange

/// Sheets as a new user's office saves them: titles above the header row, formulas openpyxl wrote
/// without their results, Excel's "Unicode Text" (UTF-16).
@Suite struct SheetsAsOfficesSaveThemTests {
    static let titled = "Partnerliste International Office;;\nStand: 1.10.2024;;\n;;\nHochschule;Land;Bemerkung\nETH Zürich;Schweiz;x\n"

    @Test func titleRowsAboveTheHeaderAreSkippedAndTheHeaderRowIsSaid() throws {
        let table = try CSVTableReader.read(bytes: Array(Self.titled.utf8), source: "p.csv", header: HeaderRowChoice(kind: .partners))
        #expect(table.headers == ["Hochschule", "Land", "Bemerkung"])
        #expect(table.rows == [SheetTable.Row(number: 5, cells: ["ETH Zürich", "Schweiz", "x"])])
        #expect(table.notes == ["read as UTF-8", "cells separated by \";\"", "headers in row 4, below 2 rows of titles"])
        // A title line without delimiters does not decide the delimiter.
        let bare = try CSVTableReader.read(bytes: Array("Partnerliste\n\nName,Country\nETH,CH\n".utf8), source: "p.csv", header: HeaderRowChoice(kind: .partners))
        #expect(bare.headers == ["Name", "Country"] && bare.rows.map(\.number) == [4])
        // A sheet of one column needs one name; a sheet whose header is its first row says nothing.
        let single = try CSVTableReader.read(bytes: Array("Liste\nName\nETH\n".utf8), source: "p.csv", header: HeaderRowChoice(kind: .partners))
        #expect(single.headers == ["Name"] && single.notes.last == "headers in row 2, below a title")
        let plain = try CSVTableReader.read(bytes: Array("Name,Land\nETH,CH\n".utf8), source: "p.csv", header: HeaderRowChoice(kind: .partners))
        #expect(plain.notes == ["read as UTF-8", "cells separated by \",\""])
    }

    @Test func headerRowGivenByHandAndRowsItCannotBe() throws {
        let forced = try CSVTableReader.read(bytes: Array(Self.titled.utf8), source: "p.csv", header: HeaderRowChoice(kind: .partners, forced: 2))
        #expect(forced.headers == ["Stand: 1.10.2024", "", ""] && forced.notes.last == "headers in row 2 (--header-row)")
        #expect(throws: SheetReadError("p.csv: row 3, which --header-row gives, is empty")) {
            try CSVTableReader.read(bytes: Array(Self.titled.utf8), source: "p.csv", header: HeaderRowChoice(kind: .partners, forced: 3))
        }
        #expect(throws: SheetReadError("p.csv: row 40, which --header-row gives, is not in the sheet (its last row with text is 5)")) {
            try CSVTableReader.read(bytes: Array(Self.titled.utf8), source: "p.csv", header: HeaderRowChoice(kind: .partners, forced: 40))
        }
        // Headers a --map names count as names of fields.
        let mapped = try CSVTableReader.read(bytes: Array("Titel\nUni;Staatsgebiet\nETH;CH\n".utf8), source: "p.csv",
                                             header: HeaderRowChoice(kind: .partners, mappedHeaders: ["Uni", "Staatsgebiet"]))
        #expect(mapped.headers == ["Uni", "Staatsgebiet"])
    }

    @Test func utf16AsExcelSavesUnicodeTextIsDecodedAndSaid() throws {
        let text = "Hochschule\tLand\r\nETH Zürich\tSchweiz\r\n東京大学\tJapan\r\n"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let table = try CSVTableReader.read(bytes: little, source: "p.txt")
        #expect(table.headers == ["Hochschule", "Land"])
        #expect(table.rows.map(\.cells) == [["ETH Zürich", "Schweiz"], ["東京大学", "Japan"]])
        #expect(table.notes == ["read as UTF-16 (little-endian)", "cells separated by tabs"])
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try CSVTableReader.read(bytes: big, source: "p.txt").rows == table.rows)
        #expect(throws: SheetReadError("p.txt starts as UTF-16 text but has an odd number of bytes (5), so it is cut short or not text")) {
            try CSVTableReader.read(bytes: [0xFF, 0xFE, 0x41, 0x00, 0x42], source: "p.txt")
        }
        #expect(throws: SheetReadError("p.txt starts as UTF-16 text but holds a broken character (a lone surrogate)")) {
            try CSVTableReader.read(bytes: [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], source: "p.txt")
        }
    }

    @Test("A workbook openpyxl makes with titles above the header and formulas without saved values",
          .enabled(if: Python.openpyxl, "needs python3 with openpyxl (.ci/run installs it)"))
    func openpyxlTitlesAndFormulas() throws {
        let path = Python.temporaryPath(".xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
        import sys, openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws["A1"] = "Partnerliste International Office"
        ws["A2"] = "Stand: 1.10.2024"
        ws.append([])
        ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "Hochschule", "Land", "Bemerkung", "Seit"
        ws.append(["ETH Zürich", "Schweiz", "x", "=DATE(2024,10,1)"])
        ws.append(["Universität Wien", "Österreich", "=A6", "=D5"])
        ws["F1"] = "=1+1"
        wb.save(sys.argv[1])
        """
        let run = try Python.run(script, arguments: [path])
        try #require(run.status == 0, "\(run.errors)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let table = try XLSXTableReader.read(bytes: bytes, source: "p.xlsx", sheet: nil, header: HeaderRowChoice(kind: .partners))
        #expect(table.headers == ["Hochschule", "Land", "Bemerkung", "Seit"])
        #expect(table.rows.map(\.number) == [5, 6])
        #expect(table.rows[1].cells == ["Universität Wien", "Österreich", "", ""])
        // F1 is above the header and right of it: no part of the table, so not named.
        #expect(table.notes == ["headers in row 4, below 2 rows of titles",
                                "D5, C6, D6: formulas without a saved value, read as empty; open and save the workbook in Excel or LibreOffice first"])
        let forced = try XLSXTableReader.read(bytes: bytes, source: "p.xlsx", sheet: nil, header: HeaderRowChoice(kind: .partners, forced: 1))
        #expect(forced.headers == ["Partnerliste International Office"] && forced.notes.first == "headers in row 1 (--header-row)")
    }
}
