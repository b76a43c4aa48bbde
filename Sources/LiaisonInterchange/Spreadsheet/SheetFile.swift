#if canImport(Glibc)
import Glibc
#endif
import LiaisonCore

/// A file someone brings to import, read as a table by what its bytes are, whatever its name
/// says: a ZIP archive (`PK\x03\x04`) is a workbook (XLSX), `BEGIN:VCARD` an address book,
/// anything else CSV. Only regular files of up to `maximumSize` are read: a FIFO would block,
/// a device or a directory is no table, and a huge file is surely not the office's list.
public enum SheetFile {
    public static let maximumSize = 100 * 1024 * 1024

    public enum Format: String, Sendable {
        case xlsx = "XLSX workbook", vcard = "vCard address book", csv = "CSV"
    }

    /// The file as a table. An address book holds people, so it is read only where
    /// `addressBookAllowed` (an import of contacts); elsewhere it is refused, saying so. `header`
    /// finds a sheet's header row below titles (else it is the first row).
    /// Without `sheet`, a workbook's sheet with one of the `preferredSheets` names is read, else its first.
    public static func read(path: String, sheet: String? = nil, preferredSheets: [String] = [], addressBookAllowed: Bool = true,
                            header: HeaderRowChoice? = nil) throws(SheetReadError) -> SheetTable {
        let bytes = try contents(of: path)
        let format = format(of: bytes)
        if format == .vcard, !addressBookAllowed {
            throw SheetReadError("\(path) is a vCard address book, which holds contacts: import it with `liaison import contacts \(path)`")
        }
        if sheet != nil, format != .xlsx { throw SheetReadError("\(path) is \(format == .csv ? "a CSV file" : "a vCard address book"), which has no sheets; --sheet is for XLSX workbooks") }
        if header?.forced != nil, format == .vcard { throw SheetReadError("\(path) is a vCard address book, which has no header row; --header-row is for sheets") }
        switch format {
        case .xlsx:
            return try XLSXTableReader.read(bytes: bytes, source: path, sheet: sheet, preferring: preferredSheets, header: header)
        case .vcard:
            return try VCardTableReader.read(bytes: bytes, source: path)
        case .csv:
            return try CSVTableReader.read(bytes: bytes, source: path, header: header)
        }
    }

    /// What the bytes are, by their first bytes.
    public static func format(of bytes: [UInt8]) -> Format {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        let start = text.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }.prefix(11)
        if String(decoding: start, as: UTF8.self).uppercased() == "BEGIN:VCARD" { return .vcard }
        return .csv
    }

    /// The file's bytes, read only when it is a regular file of a size an import can take. Opened
    /// without blocking and checked with fstat on the descriptor read, so a FIFO never blocks.
    static func contents(of path: String) throws(SheetReadError) -> [UInt8] {
        let (descriptor, size) = try openRegularFile(path)
        defer { close(descriptor) }
        guard size <= maximumSize else {
            throw SheetReadError("\(path) is \(size / 1_048_576) MB; an import reads files of up to \(maximumSize / 1_048_576) MB")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SheetReadError("\(path) cannot be read: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            offset += count
        }
        return Array(bytes[..<offset])
    }

    /// Opens a file to import, refusing what is not a regular file; returns the descriptor (the
    /// caller closes it) and the size.
    static func openRegularFile(_ path: String) throws(SheetReadError) -> (descriptor: Int32, size: Int) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw SheetReadError("\(path) cannot be read: \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw SheetReadError("\(path) cannot be read: \(reason)")
        }
        let problem: String? = switch status.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "\(path) is a folder, not a file to import"
        case S_IFIFO: "\(path) is a pipe (FIFO), not a file to import; save what it holds to a file first"
        default: "\(path) is not a regular file to import"
        }
        if let problem {
            close(descriptor)
            throw SheetReadError(problem)
        }
        return (descriptor, Int(status.st_size))
    }
}
