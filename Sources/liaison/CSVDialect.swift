import CSV
import Foundation

/// How the CSV export writes its bytes: RFC 4180 (`,`, CRLF) by default; with `--excel` what
/// Excel set to a German locale opens without an import dialog (a UTF-8 byte-order mark, so
/// "ETH Zürich" is not read as Windows-1252, and `;`, its list separator). On a terminal the rows
/// are for reading: one line feed ends each (a CR is a control) and no byte-order mark.
struct CSVDialect: Equatable {
    var delimiter: String
    var newline: CSVWriter.Newline
    var byteOrderMark: Bool

    static var rfc4180: CSVDialect { CSVDialect(delimiter: ",", newline: .crlf, byteOrderMark: false) }
    static var excel: CSVDialect { CSVDialect(delimiter: ";", newline: .crlf, byteOrderMark: true) }

    /// The same separator, as a terminal shows it.
    var forReading: CSVDialect { CSVDialect(delimiter: delimiter, newline: .lf, byteOrderMark: false) }

    /// The rows, a field quoted where it holds the delimiter, a quote or a line break, every row
    /// ended by the newline.
    func bytes(of rows: [[String]]) throws -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, delimiter: delimiter, newline: newline)
            for row in rows { try writer.write(row: row) }
            stream.close()
        } catch {
            throw CLIFailure.usage("cannot write CSV: \(error)")
        }
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return [] }
        let bom: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        return bom + [UInt8](data) + (newline == .crlf ? [0x0D, 0x0A] : [0x0A])
    }
}
