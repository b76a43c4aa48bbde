import LiaisonCore

/// Reads one sheet of an XLSX workbook (what Excel, LibreOffice and openpyxl write) as a
/// `SheetTable`: the first sheet, or the one named (case-insensitive). The header is the first
/// row with text; rows keep the sheet's own numbers; every cell is its text as stored (a date is
/// Excel's serial number, "45413": the import, which knows which columns are dates, makes it a
/// day). Rows with no text are left out, and cells right of the last header are ignored with a note.
public enum XLSXTableReader {
    /// More cells than this (rows × header columns) is not a table a person means to import,
    /// and is refused before it is laid out.
    static let maximumCells = 20_000_000

    /// Without a `sheet` name, the first sheet whose name is one of `preferred` (case ignored;
    /// what is imported: "agreements", "Verträge"), else the workbook's first.
    public static func read(bytes: [UInt8], source: String, sheet name: String?, preferring preferred: [String] = [],
                            header choice: HeaderRowChoice? = nil) throws(SheetReadError) -> SheetTable {
        let package = try XLSXPackage(bytes: bytes, source: source)
        let workbook = try XLSXWorkbook(package: package)
        let wanted = Set(preferred.map { $0.lowercased() })
        let named = name ?? workbook.sheets.first { wanted.contains($0.name.lowercased()) }?.name
        let sheet = try workbook.sheet(named: named, source: source)
        let sharedStrings = try XLSXSharedStrings.read(from: package, workbook: workbook)
        let worksheet = try XLSXWorksheet(package: package, part: sheet.part, sheetName: sheet.name, sharedStrings: sharedStrings)
        var table = try table(of: worksheet, source: "\(source), sheet \"\(sheet.name)\"", chosen: named == nil && workbook.sheets.count > 1 ? sheet.name : nil, header: choice)
        if name == nil, named != nil, workbook.sheets.count > 1 {
            table.notes.insert("read the sheet \"\(sheet.name)\", named as what is imported (--sheet NAME reads another)", at: 0)
        }
        return table
    }

    /// The rows laid out under the header row.
    static func table(of worksheet: XLSXWorksheet, source: String, chosen firstSheet: String?, header choice: HeaderRowChoice? = nil) throws(SheetReadError) -> SheetTable {
        let withText = worksheet.rows.filter { $0.cells.contains { $0.text.hasText } }
        guard !withText.isEmpty else {
            throw SheetReadError("\(source) has no header row: it holds no text")
        }
        var headerRow = withText[0]
        var headerNote: String?
        if let choice {
            let searched = withText.prefix { $0.number <= max(HeaderRowChoice.searchedRows, choice.forced ?? 0) }
            // A sheet starting below the rows searched has its first row with text as the header.
            let candidates = searched.isEmpty && choice.forced == nil ? withText.prefix(1) : searched
            let found = try choice.headerRow(among: candidates.map { row in (row.number, cells(of: row, width: (row.cells.last?.column ?? 0) + 1)) }, source: source)
            headerRow = candidates[found.position]
            headerNote = found.note
        }
        let width = (headerRow.cells.last { $0.text.hasText }?.column ?? 0) + 1
        let dataRows = worksheet.rows.drop { $0.number <= headerRow.number }
        guard dataRows.count.multipliedReportingOverflow(by: width).partialValue <= maximumCells, dataRows.count <= maximumCells else {
            throw SheetReadError("\(source) has \(dataRows.count) rows of \(width) columns, more than the \(maximumCells) cells Liaison imports at once")
        }
        var notes: [String] = []
        if let firstSheet { notes.append("read the first sheet, \"\(firstSheet)\" (--sheet NAME reads another)") }
        if let headerNote { notes.append(headerNote) }
        var firstIgnored: XLSXCellReference?
        var rows: [SheetTable.Row] = []
        rows.reserveCapacity(dataRows.count)
        for row in dataRows where row.cells.contains(where: { $0.text.hasText }) {
            var cells = Array(repeating: "", count: width)
            for cell in row.cells {
                if cell.column < width {
                    cells[cell.column] = cell.text
                } else if firstIgnored == nil, cell.text.hasText {
                    firstIgnored = XLSXCellReference(column: cell.column, row: row.number)
                }
            }
            rows.append(SheetTable.Row(number: row.number, cells: cells))
        }
        let unsaved = worksheet.formulasWithoutValue.filter { $0.row > headerRow.number && $0.column < width }
        if !unsaved.isEmpty {
            let named = unsaved.prefix(5).map(\.description).joined(separator: ", ") + (unsaved.count > 5 ? " and \(unsaved.count - 5) more" : "")
            notes.append("\(named): \(unsaved.count == 1 ? "a formula" : "formulas") without a saved value, read as empty; open and save the workbook in Excel or LibreOffice first")
        }
        if let firstIgnored {
            notes.append("cells right of the last column header (\(XLSXCellReference.letters(ofColumn: width - 1))) were ignored, the first at \(firstIgnored.description)")
        }
        return SheetTable(source: source, headers: cells(of: headerRow, width: width), rows: rows, notes: notes)
    }

    private static func cells(of row: XLSXWorksheet.Row, width: Int) -> [String] {
        var cells = Array(repeating: "", count: width)
        for cell in row.cells where cell.column < width { cells[cell.column] = cell.text }
        return cells
    }
}
