import Foundation
import LiaisonCore
import LiaisonInterchange
import Testing

@Suite("A file to import, read by its content")
struct SheetFileTests {
    @Test("a ZIP archive is a workbook, BEGIN:VCARD an address book, anything else CSV, whatever the name")
    func format() {
        #expect(SheetFile.format(of: Array("PK\u{03}\u{04}xl/workbook.xml".utf8)) == .xlsx)
        #expect(SheetFile.format(of: Array("\u{FEFF}\r\nbegin:vcard\r\nVERSION:4.0".utf8)) == .vcard)
        #expect(SheetFile.format(of: Array("Name;Land\nETH;CH".utf8)) == .csv)
        #expect(SheetFile.format(of: []) == .csv)
    }

    @Test("a CSV file is read as a table; --sheet is refused for it, naming the file")
    func csv() throws {
        let path = NSTemporaryDirectory() + "liaison-sheetfile-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("Name;Land\nETH Zürich;CH\n".utf8).write(to: URL(fileURLWithPath: path))
        let table = try SheetFile.read(path: path)
        #expect(table.headers == ["Name", "Land"] && table.rows.map(\.cells) == [["ETH Zürich", "CH"]])
        #expect(throws: SheetReadError.self) { try SheetFile.read(path: path, sheet: "Partner") }
    }
}
