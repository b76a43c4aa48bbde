import LiaisonCore
import Testing
@testable import LiaisonInterchange

@Suite struct CSVTableReaderTests {
    private func read(_ text: String) throws -> SheetTable {
        try CSVTableReader.read(bytes: Array(text.utf8), source: "partners.csv")
    }

    @Test func semicolonsWithAByteOrderMarkAsExcelWritesThem() throws {
        let table = try CSVTableReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("Name;Land\r\nETH Zürich;Schweiz\r\n".utf8), source: "p.csv")
        #expect(table.headers == ["Name", "Land"])
        #expect(table.rows == [SheetTable.Row(number: 2, cells: ["ETH Zürich", "Schweiz"])])
        #expect(table.notes == ["read as UTF-8 (with a byte-order mark)", "cells separated by \";\""])
    }

    @Test func windows1252IsDetectedAndSaid() throws {
        // "Universität" and "€" as Excel on Windows saves them.
        let bytes: [UInt8] = Array("Name,Note\n".utf8) + [0x55, 0x6E, 0x69, 0x76, 0x65, 0x72, 0x73, 0x69, 0x74, 0xE4, 0x74, 0x2C, 0x80, 0x0A]
        let table = try CSVTableReader.read(bytes: bytes, source: "p.csv")
        #expect(table.rows.first?.cells == ["Universität", "€"])
        #expect(table.notes.first == "read as Windows-1252")
    }

    @Test func quotedLineBreaksKeepSpreadsheetRowNumbersAndBlankRowsAreSkipped() throws {
        let table = try read("name\tnotes\n\"A\"\t\"two\nlines\"\n\t\nB\n")
        #expect(table.notes.last == "cells separated by tabs")
        #expect(table.rows.map(\.number) == [2, 4])
        #expect(table.rows.map(\.cells) == [["A", "two\nlines"], ["B", ""]])
    }

    @Test func delimitersInsideQuotesDoNotCount() throws {
        #expect(CSVTableReader.guessDelimiter(in: "\"a;b;c\",d\n") == ",")
        #expect(CSVTableReader.guessDelimiter(in: "name\n") == ",")
        #expect(CSVTableReader.guessDelimiter(in: "a|b|c\n") == "|")
    }

    @Test func filesThatAreNotTablesAreRefusedByName() {
        #expect(throws: SheetReadError.self) { try read("") }
        #expect(throws: SheetReadError("partners.csv is not a text file (a zero byte at byte 3)")) {
            try CSVTableReader.read(bytes: [0x50, 0x4B, 0x00, 0x81], source: "partners.csv")
        }
        #expect(throws: SheetReadError("partners.csv, row 2: 3 cells but 2 column headers; a cell holding \",\" must be quoted")) {
            try read("name,country\nA,B,C\n")
        }
    }
}
