import LiaisonCore
import Testing

@Suite("Spreadsheet cells: formulas neutralised")
struct SpreadsheetCellTests {
    @Test("a cell starting with =, +, -, @, tab or CR gets a leading '", arguments: [
        "=HYPERLINK(\"http://x\")", "+49 234 32-22222", "-2+3", "@SUM(A1)", "\tTabbed", "\rreturn", "\r\nline", "=", "-", "+1+1", "-1.5.2",
    ])
    func neutralised(_ text: String) {
        #expect(SpreadsheetCell.neutralised(text) == "'" + text)
    }

    @Test("other cells and signed numbers stay as they are", arguments: [
        "", "ETH Zürich", "2027-03-31", "4", "'=already text", " =spaced", "-3", "+12", "-1.5", "-1,5", "a=b",
    ])
    func unchanged(_ text: String) {
        #expect(SpreadsheetCell.neutralised(text) == text)
    }
}

@Suite("Spreadsheet cells: read back")
struct SpreadsheetCellRestoredTests {
    @Test("a neutralised cell reads back as it was stored", arguments: [
        "=HYPERLINK(\"http://x\")", "+49 234 32-22222", "@SUM(A1)", "\tTabbed", "\rreturn", "ETH Zürich", "-3", "",
    ])
    func roundTrip(_ text: String) {
        #expect(SpreadsheetCell.restored(SpreadsheetCell.neutralised(text)) == text)
    }

    @Test("a ' that export did not add stays", arguments: ["'quoted'", "'-3", "'", "'plain"])
    func ownQuote(_ text: String) {
        #expect(SpreadsheetCell.restored(text) == text)
    }
}
