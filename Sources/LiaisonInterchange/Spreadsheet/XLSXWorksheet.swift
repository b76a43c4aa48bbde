import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LiaisonCore

/// The cells of one worksheet part (`<sheetData>`), as text: a row by its own number, each cell by
/// its column. Only cells that hold something are kept, so a file claiming a huge dimension or
/// placing one cell far right allocates nothing for the gap.
struct XLSXWorksheet {
    struct Row {
        var number: Int
        /// Column and text, left to right, only cells with text.
        var cells: [(column: Int, text: String)]
    }

    var rows: [Row]
    /// Cells holding a formula with no result saved (`<f>` with no or an empty `<v>`, as
    /// openpyxl writes them): read as empty, though a spreadsheet would show a value there.
    var formulasWithoutValue: [XLSXCellReference]

    init(package: XLSXPackage, part: String, sheetName: String, sharedStrings: [String]) throws(SheetReadError) {
        let reader = Reader(place: "\(package.source), sheet \"\(sheetName)\"", sharedStrings: sharedStrings)
        try reader.parse(try package.bytes(of: part), package: package, name: part)
        guard reader.sawSheetData else {
            throw SheetReadError("\(reader.place): its part \(part) has no sheetData, so it is not a worksheet (a chart sheet?)")
        }
        rows = reader.rows
        formulasWithoutValue = reader.formulasWithoutValue
    }

    private final class Reader: XLSXStreamedPart {
        /// Where messages place a cell: the file and the sheet.
        let place: String
        let sharedStrings: [String]
        var rows: [Row] = []
        var sawSheetData = false
        var formulasWithoutValue: [XLSXCellReference] = []
        private var hasFormula = false

        private var row = Row(number: 0, cells: [])
        private var cell = XLSXCellReference(column: -1, row: 0)
        private var cellType = "n"

        init(place: String, sharedStrings: [String]) {
            self.place = place
            self.sharedStrings = sharedStrings
        }

        override func start(_ parser: XMLParser, element: String, attributes: [String: String]) {
            do throws(SheetReadError) {
                switch element {
                case "sheetData": sawSheetData = true
                case "row":
                    row = Row(number: try rowNumber(attributes["r"], after: row.number), cells: [])
                    cell = XLSXCellReference(column: -1, row: row.number)
                case "c":
                    cell = try cellReference(attributes["r"], row: row.number, afterColumn: cell.column)
                    cellType = attributes["t"] ?? "n"
                    hasFormula = false
                    clearValue()
                case "f": hasFormula = true
                    stringItem = ""
                default: break
                }
            } catch {
                stop(parser, error)
            }
        }

        override func end(_ parser: XMLParser, element: String) {
            switch element {
            case "c":
                // openpyxl writes an empty `<v />`; a formula whose result is "" has `t="str"`.
                if hasFormula, value?.isEmpty ?? true, cellType != "str", cellType != "inlineStr" { formulasWithoutValue.append(cell) }
                do throws(SheetReadError) {
                    let text = try cellText()
                    if !text.isEmpty { row.cells.append((cell.column, text)) }
                } catch {
                    stop(parser, error)
                }
            case "row":
                if !row.cells.isEmpty { rows.append(row) }
            default: break
            }
        }

        /// The row's `r`, else the one after the row before (`r` is optional in the format).
        private func rowNumber(_ text: String?, after previous: Int) throws(SheetReadError) -> Int {
            guard let text else { return previous + 1 }
            guard let number = Int(text), (1...XLSXCellReference.rowCount).contains(number) else {
                throw SheetReadError("\(place): a row numbered \"\(text.prefix(20))\", but rows are numbered 1 to \(XLSXCellReference.rowCount)")
            }
            return number
        }

        /// The cell's `r`, else the column after the cell before in this row.
        private func cellReference(_ text: String?, row: Int, afterColumn previous: Int) throws(SheetReadError) -> XLSXCellReference {
            guard let text else {
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
        /// formula's text result (`str`), a boolean (`b`) as TRUE or FALSE, an error (`e`) as
        /// Excel shows it (`#N/A`); a number (`n`, the default) and an ISO date (`d`) as stored.
        private func cellText() throws(SheetReadError) -> String {
            let stored = value?.trimmingCharacters(in: .whitespacesAndNewlines)
            switch cellType {
            case "s":
                guard let stored else { return "" }
                guard let index = Int(stored), sharedStrings.indices.contains(index) else {
                    throw SheetReadError("\(place), cell \(cell.description): it refers to shared string \"\(stored.prefix(20))\", which the workbook does not have (it has \(sharedStrings.count))")
                }
                return sharedStrings[index]
            case "inlineStr":
                return stringItem
            case "str":
                return OOXMLText.decoded(value ?? "")
            case "b":
                guard let stored else { return "" }
                return stored == "1" ? "TRUE" : "FALSE"
            default:
                return stored ?? ""
            }
        }
    }
}
