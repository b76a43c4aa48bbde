import CSV
import Foundation
import LiaisonCore

/// Reads a CSV file as a `SheetTable`: the encoding found (`TextFileDecoding`), the delimiter
/// guessed from the first lines (`,`, `;`, a tab or `|`, whichever one line has most of outside
/// quotes; a lone column is `,`), the header row as `HeaderRowChoice` finds it (the first row
/// without one), the rows above it left out. Rows are numbered as a spreadsheet opening the file
/// numbers them (the first line is row 1), so a quoted cell with a line break does not shift the
/// numbers. Rows with no text at all are left out; short rows are padded.
public enum CSVTableReader {
    public static let delimiters: [Unicode.Scalar] = [",", ";", "\t", "|"]

    public static func read(bytes: [UInt8], source: String, header choice: HeaderRowChoice? = nil) throws(SheetReadError) -> SheetTable {
        let decoded = try TextFileDecoding.decode(bytes, file: source)
        let delimiter = guessDelimiter(in: decoded.text)
        var notes = [decoded.note]
        notes.append("cells separated by \(describe(delimiter))")
        let reader: CSVReader
        do {
            reader = try CSVReader(string: decoded.text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw SheetReadError("\(source) cannot be read as CSV: \(error)")
        }
        var records: [[String]] = []
        while let row = reader.next() { records.append(row) }
        if let error = reader.error { throw SheetReadError("\(source) cannot be read as CSV after row \(records.count): \(error)") }
        var headerIndex = 0
        if let choice {
            let candidates = records.prefix(max(HeaderRowChoice.searchedRows, choice.forced ?? 0)).enumerated()
                .filter { $0.element.contains { $0.hasText } }.map { (number: $0.offset + 1, cells: $0.element) }
            if !candidates.isEmpty || choice.forced != nil {
                let found = try choice.headerRow(among: candidates, source: source)
                headerIndex = candidates[found.position].number - 1
                if let note = found.note { notes.append(note) }
            }
        }
        guard headerIndex < records.count, records[headerIndex].contains(where: { $0.hasText }) else {
            throw SheetReadError("\(source) has no header row: the first row names the columns")
        }
        let headers = records[headerIndex]
        var rows: [SheetTable.Row] = []
        rows.reserveCapacity(records.count)
        for (index, cells) in records.enumerated().dropFirst(headerIndex + 1) where cells.contains(where: { $0.hasText }) {
            if cells.count > headers.count, cells[headers.count...].contains(where: { $0.hasText }) {
                throw SheetReadError("\(source), row \(index + 1): \(cells.count) cells but \(headers.count) column headers; a cell holding \(describe(delimiter)) must be quoted")
            }
            var padded = Array(cells.prefix(headers.count))
            padded += Array(repeating: "", count: headers.count - padded.count)
            rows.append(SheetTable.Row(number: index + 1, cells: padded))
        }
        return SheetTable(source: source, headers: headers, rows: rows, notes: notes)
    }

    /// The delimiter the first line that has any (outside quotes) holds most of: a title above
    /// the header row may have none (Excel's own CSV pads it with delimiters, so it has them).
    static func guessDelimiter(in text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [:]
        var quoted = false, lines = 0
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle(); continue }
            if quoted { continue }
            if scalar == "\n" {
                lines += 1
                if !counts.isEmpty || lines == HeaderRowChoice.searchedRows { break }
            }
            if delimiters.contains(scalar) { counts[scalar, default: 0] += 1 }
        }
        return delimiters.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }.flatMap { (counts[$0] ?? 0) > 0 ? $0 : nil } ?? ","
    }

    static func describe(_ delimiter: Unicode.Scalar) -> String {
        delimiter == "\t" ? "tabs" : "\"\(delimiter)\""
    }
}

extension String {
    /// Whether a cell holds anything but white space.
    var hasText: Bool { contains { !$0.isWhitespace } }
}
