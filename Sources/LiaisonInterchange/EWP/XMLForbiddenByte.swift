import Foundation
import LiaisonCore

/// The first byte sequence of a document that XML 1.0 does not allow as a character: a C0
/// control other than tab, line feed and carriage return, or U+FFFE, U+FFFF. Found by line and
/// column (in characters, from 1), as an editor shows them.
struct XMLForbiddenByte {
    let line: Int
    let column: Int
    /// "U+001B".
    let character: String

    static func first(in data: Data) -> XMLForbiddenByte? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> XMLForbiddenByte? in
            var line = 1, column = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // A UTF-8 continuation byte is part of the character before it.
                if byte & 0xC0 != 0x80 { column += 1 }
                if byte == 0x0A {
                    line += 1
                    column = 0
                } else if byte == 0x0D {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x0A { column -= 1 } else { line += 1; column = 0 }
                } else if byte < 0x20 && byte != 0x09 {
                    return XMLForbiddenByte(line: line, column: column, character: XMLCharacters.name(Unicode.Scalar(byte)))
                } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
                    return XMLForbiddenByte(line: line, column: column, character: bytes[index + 2] == 0xBE ? "U+FFFE" : "U+FFFF")
                }
                index += 1
            }
            return nil
        }
    }

    /// Whether the document's first character that is not a space opens a JSON object or array.
    static func looksLikeJSON(_ data: Data) -> Bool {
        guard let first = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
