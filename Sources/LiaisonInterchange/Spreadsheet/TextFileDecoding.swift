import Foundation
import LiaisonCore

/// The text of a file a spreadsheet or another office program wrote: UTF-16 when it starts with
/// UTF-16's byte-order mark (Excel's "Unicode Text", tab-separated), UTF-8 (with or without a
/// byte-order mark) when its bytes are valid UTF-8, else Windows-1252, what Excel on Windows
/// saves "CSV" as. Every byte is a character in Windows-1252 but five, which are refused, so a
/// binary file is not read as text silently.
enum TextFileDecoding {
    enum Encoding: String {
        case utf8 = "UTF-8", windows1252 = "Windows-1252"
        case utf16LittleEndian = "UTF-16 (little-endian)", utf16BigEndian = "UTF-16 (big-endian)"
    }

    struct Decoded {
        var text: String
        var encoding: Encoding
        var hadByteOrderMark: Bool

        /// What the readers say about it: "read as UTF-16 (little-endian)", "read as UTF-8 (with a
        /// byte-order mark)" (UTF-16 always has one).
        var note: String {
            "read as \(encoding.rawValue)" + (hadByteOrderMark && encoding == .utf8 ? " (with a byte-order mark)" : "")
        }
    }

    static func decode(_ bytes: [UInt8], file: String) throws(SheetReadError) -> Decoded {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try decodeUTF16(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE, file: file)
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = bytes.starts(with: bom)
        let body = hasBOM ? bytes[3...] : bytes[...]
        if let text = String(validating: body, as: UTF8.self) {
            return Decoded(text: text, encoding: .utf8, hadByteOrderMark: hasBOM)
        }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(body.count)
        for (offset, byte) in body.enumerated() {
            if byte == 0 { throw SheetReadError("\(file) is not a text file (a zero byte at byte \(offset + 1))") }
            guard let scalar = windows1252(byte) else {
                throw SheetReadError("\(file) is neither UTF-8 nor Windows-1252 text (byte 0x\(String(byte, radix: 16, uppercase: true)) at byte \(offset + 1))")
            }
            scalars.append(scalar)
        }
        return Decoded(text: String(scalars), encoding: .windows1252, hadByteOrderMark: false)
    }

    /// UTF-16 after its byte-order mark, in the byte order the mark gives; an odd number of bytes
    /// or a lone surrogate is refused, naming the file.
    private static func decodeUTF16(_ body: ArraySlice<UInt8>, bigEndian: Bool, file: String) throws(SheetReadError) -> Decoded {
        guard body.count.isMultiple(of: 2) else {
            throw SheetReadError("\(file) starts as UTF-16 text but has an odd number of bytes (\(body.count + 2)), so it is cut short or not text")
        }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let first = UInt16(body[index]), second = UInt16(body[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw SheetReadError("\(file) starts as UTF-16 text but holds a broken character (a lone surrogate)")
        }
        return Decoded(text: text, encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian, hadByteOrderMark: true)
    }

    /// Windows-1252: Latin-1 but for 0x80–0x9F, where it has typographic characters; five of
    /// those bytes are unassigned.
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar? {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let value = high[Int(byte) - 0x80]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
