import Foundation
import LiaisonCore
import SWXMLHash

/// The cells of one worksheet part (`<sheetData>`), as text: a row by its own number, each cell by
/// its column. Only cells that hold something are kept, so a file claiming a huge dimension or
/// placing one cell far right allocates nothing for the gap.
struct XLSXWorksheet {
    struct Row {
        var number: Int
        /// Column and text, left to right, only cells with text.
        var cells: [(column: Int, text: String)]
    }

    var rows: [Row] = []

    /// Where messages place a cell: the file and the sheet.
    let place: String

    init(package: XLSXPackage, part: String, sheetName: String, sharedStrings: [String]) throws(SheetReadError) {
        place = "\(package.source), sheet \"\(sheetName)\""
        let worksheet = try package.xml(of: part)
        guard let sheetData = worksheet.element(named: "sheetData") else {
            throw SheetReadError("\(place): its part \(part) has no sheetData, so it is not a worksheet (a chart sheet?)")
        }
        var rows: [Row] = []
        var previousRow = 0
        for rowElement in sheetData.elements where rowElement.name == "row" {
            let number = try rowNumber(rowElement, after: previousRow)
            previousRow = number
            var cells: [(column: Int, text: String)] = []
            var previousColumn = -1
            for cell in rowElement.elements where cell.name == "c" {
                let reference = try cellReference(cell, row: number, afterColumn: previousColumn)
                previousColumn = reference.column
                let text = try value(of: cell, at: reference, sharedStrings: sharedStrings)
                if !text.isEmpty { cells.append((reference.column, text)) }
            }
            if !cells.isEmpty { rows.append(Row(number: number, cells: cells)) }
        }
        self.rows = rows
    }

    /// The row's `r`, else the one after the row before (`r` is optional in the format).
    private func rowNumber(_ row: SWXMLHash.XMLElement, after previous: Int) throws(SheetReadError) -> Int {
        guard let text = row.attribute("r") else { return previous + 1 }
        guard let number = Int(text), (1...XLSXCellReference.rowCount).contains(number) else {
            throw SheetReadError("\(place): a row numbered \"\(text)\", but rows are numbered 1 to \(XLSXCellReference.rowCount)")
        }
        return number
    }

    /// The cell's `r`, else the column after the cell before in this row.
    private func cellReference(_ cell: SWXMLHash.XMLElement, row: Int, afterColumn previous: Int) throws(SheetReadError) -> XLSXCellReference {
        guard let text = cell.attribute("r") else {
            guard previous + 1 < XLSXCellReference.columnCount else {
                throw SheetReadError("\(place), row \(row): more cells than the \(XLSXCellReference.columnCount) columns a sheet has")
            }
            return XLSXCellReference(column: previous + 1, row: row)
        }
        guard let reference = XLSXCellReference(text) else {
            throw SheetReadError("\(place), row \(row): the cell reference \"\(text.prefix(20))\" is not one a sheet has (columns A to XFD, rows 1 to \(XLSXCellReference.rowCount))")
        }
        return reference
    }

    /// The cell's text by its type `t`: shared (`s`) and inline (`inlineStr`) strings, a
    /// formula's text result (`str`), a boolean (`b`) as TRUE or FALSE, an error (`e`) as Excel
    /// shows it (`#N/A`); a number (`n`, the default) and an ISO date (`d`) as stored.
    private func value(of cell: SWXMLHash.XMLElement, at reference: XLSXCellReference, sharedStrings: [String]) throws(SheetReadError) -> String {
        let stored = cell.element(named: "v")?.text
        switch cell.attribute("t") ?? "n" {
        case "s":
            guard let stored else { return "" }
            guard let index = Int(stored.trimmingCharacters(in: .whitespacesAndNewlines)), sharedStrings.indices.contains(index) else {
                throw SheetReadError("\(place), cell \(reference.description): it refers to shared string \"\(stored.prefix(20))\", which the workbook does not have (it has \(sharedStrings.count))")
            }
            return sharedStrings[index]
        case "inlineStr":
            return cell.element(named: "is")?.stringItemText ?? ""
        case "str":
            return OOXMLText.decoded(stored ?? "")
        case "b":
            guard let stored else { return "" }
            return stored.trimmingCharacters(in: .whitespacesAndNewlines) == "1" ? "TRUE" : "FALSE"
        default:
            return stored?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
    }
}
