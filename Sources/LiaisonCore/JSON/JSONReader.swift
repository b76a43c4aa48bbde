/// A strict JSON parser over raw bytes (RFC 8259), several times faster than Foundation's
/// JSONSerialization on this format (see docs/performance.md). Strict on purpose: invalid UTF-8,
/// duplicate keys and absurd nesting are errors, never repaired, because a repaired file saved
/// back would be changed data.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    /// The JSON path of the object or array being read when the error was found.
    public var path: String

    public var description: String {
        "line \(line), column \(column)\(path.isEmpty ? "" : " (in \(path))"): \(message)"
    }
}

public enum JSONReader {
    /// Deeper than any network file can be: the format itself nests five levels.
    public static let maximumDepth = 64

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try parse(bytes, streaming: [], onElement: { _, _, _ in })
    }

    /// The key in `streamedKeys` that streams a root that is an array (a ROR data dump).
    public static let rootArray = ""

    /// Parses a document, handing each element of the root object's arrays named in
    /// `streamedKeys` (or of the root array, with `rootArray`) to `onElement` as soon as it is read
    /// instead of keeping it: a large file then never holds its whole tree in memory at once.
    /// Those arrays come back empty.
    public static func parse(_ bytes: [UInt8], streaming streamedKeys: Set<String>,
                             onElement: @escaping (_ key: String, _ index: Int, _ element: JSONValue) -> Void) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try parse(buffer, streaming: streamedKeys, onElement: onElement)
        }
    }

    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, streaming streamedKeys: Set<String>,
                             onElement: @escaping (_ key: String, _ index: Int, _ element: JSONValue) -> Void) throws(JSONSyntaxError) -> JSONValue {
        try parse(buffer, streaming: streamedKeys) { key, index, element, _ in onElement(key, index, element) }
    }

    /// The same, telling also where in the buffer each streamed element ends: what lies before
    /// it will not be read again (but for an error's line number), so a reader of a mapped file
    /// may let the kernel drop those pages.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, streaming streamedKeys: Set<String>,
                             onElement: @escaping (_ key: String, _ index: Int, _ element: JSONValue, _ end: Int) -> Void) throws(JSONSyntaxError) -> JSONValue {
        var parser = Parser(bytes: buffer, streamedKeys: streamedKeys, onElement: onElement)
        return try parser.parseDocument()
    }
}

private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    /// Path components of the containers being read; only turned into text for an error.
    var pathStack: [PathComponent] = []
    var scratch: [UInt8] = []
    let streamedKeys: Set<String>
    let onElement: (String, Int, JSONValue, Int) -> Void

    /// A key is kept as the offset of its string, so that reading a value costs no string copy;
    /// the text is read again only for an error message.
    enum PathComponent {
        case key(offset: Int)
        case index(Int)
    }

    init(bytes: UnsafeBufferPointer<UInt8>, streamedKeys: Set<String>, onElement: @escaping (String, Int, JSONValue, Int) -> Void) {
        self.bytes = bytes
        self.streamedKeys = streamedKeys
        self.onElement = onElement
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw error("the file starts with a byte order mark; save it as UTF-8 without BOM")
        }
        skipWhitespace()
        guard position < bytes.count else { throw error("the file is empty") }
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            throw error("unexpected \(describeByte(at: position)) after the end of the document")
        }
        return value
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of file, a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected \(describeByte(at: position)), a value was expected")
        }
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONReader.maximumDepth {
            throw error("nesting deeper than \(JSONReader.maximumDepth) levels; no network file needs that")
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
        try enter()
        position += 1
        var members: [JSONObject.Member] = []
        members.reserveCapacity(8)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return JSONObject(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an object") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeByte(at: position)), a key in double quotes was expected")
            }
            let keyStart = position
            let key = try parseString()
            for member in members where member.key == key {
                position = keyStart
                throw error("duplicate key \"\(key)\"")
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("a colon was expected after the key \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            pathStack.append(.key(offset: keyStart))
            let value = try parseValue()
            pathStack.removeLast()
            members.append(JSONObject.Member(key, value))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return JSONObject(members)
            }
            throw error("unexpected \(describeByte(at: position)), a comma or } was expected")
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return elements
        }
        var streamedKey: String?
        if depth == 2, pathStack.count == 1, case .key(let offset) = pathStack[0], !streamedKeys.isEmpty {
            let key = keyText(at: offset)
            if streamedKeys.contains(key) { streamedKey = key }
        } else if depth == 1, streamedKeys.contains(JSONReader.rootArray) {
            streamedKey = JSONReader.rootArray
        }
        var index = 0
        while true {
            skipWhitespace()
            pathStack.append(.index(index))
            let element = try parseValue()
            if let streamedKey {
                onElement(streamedKey, index, element, position)
            } else {
                elements.append(element)
            }
            index += 1
            pathStack.removeLast()
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an array") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return elements
            }
            throw error("unexpected \(describeByte(at: position)), a comma or ] was expected")
        }
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = position
        position += 1
        let contentStart = position
        // Fast path: most strings have no escapes and are copied in one step. Pure ASCII needs
        // no UTF-8 validation; anything else is validated, never repaired.
        var highBits: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            highBits |= byte
            if byte == UInt8(ascii: "\"") {
                let span = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                let string: String
                if highBits & 0x80 == 0 {
                    string = String(decoding: span, as: UTF8.self)
                } else if let valid = String(validating: span, as: UTF8.self) {
                    string = valid
                } else {
                    position = firstInvalidUTF8(in: contentStart..<position)
                    throw error("invalid UTF-8 in a string")
                }
                position += 1
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character \(hex(byte)) inside a string must be escaped") }
            position += 1
        }
        guard position < bytes.count else {
            position = start
            throw error("unterminated string")
        }
        return try parseEscapedString(contentStart: contentStart)
    }

    mutating func parseEscapedString(contentStart: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                guard let string = String(validating: scratch, as: UTF8.self) else {
                    position = firstInvalidUTF8(in: contentStart..<position)
                    throw error("invalid UTF-8 in a string")
                }
                return string
            }
            if byte < 0x20 { throw error("control character \(hex(byte)) inside a string must be escaped") }
            if byte != UInt8(ascii: "\\") {
                scratch.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape()
            default:
                position -= 2
                throw error("invalid escape \\\(Character(Unicode.Scalar(escape)))")
            }
        }
        throw error("unterminated string")
    }

    mutating func appendUnicodeEscape() throws(JSONSyntaxError) {
        let escapeStart = position - 2
        var code = try readHex4()
        if (0xD800...0xDBFF).contains(code) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                position = escapeStart
                throw error("unpaired surrogate in a \\u escape")
            }
            position += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                position = escapeStart
                throw error("unpaired surrogate in a \\u escape")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            position = escapeStart
            throw error("unpaired surrogate in a \\u escape")
        }
        guard let scalar = Unicode.Scalar(code) else {
            position = escapeStart
            throw error("invalid \\u escape")
        }
        scratch.append(contentsOf: String(Character(scalar)).utf8)
    }

    mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw error("numbers may not have leading zeros") }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("a digit was expected after the decimal point") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("a digit was expected in the exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let matches = position + count <= bytes.count && literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
        }
        guard matches else { throw error("unexpected \(describeByte(at: position)), a value was expected") }
        position += count
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func firstInvalidUTF8(in range: Range<Int>) -> Int {
        var index = range.lowerBound
        while index < range.upperBound {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= range.upperBound else { return index }
            let span = UnsafeBufferPointer(rebasing: bytes[index..<index + length])
            if String(validating: span, as: UTF8.self) == nil { return index }
            index += length
        }
        return range.lowerBound
    }

    func describeByte(at index: Int) -> String {
        guard index < bytes.count else { return "end of file" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte \(hex(byte))"
    }

    func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }

    func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        let end = min(position, bytes.count)
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        // Columns count characters, not bytes, so that they match what an editor shows.
        var column = 1
        for index in lineStart..<end where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return JSONSyntaxError(message: message, line: line, column: column, path: JSONPath.render(pathStack.map {
            switch $0 {
            case .key(let offset): .key(keyText(at: offset))
            case .index(let index): .index(index)
            }
        }))
    }

    /// The key whose string starts at `offset` (already read once, so known to be well formed).
    func keyText(at offset: Int) -> String {
        var copy = Parser(bytes: bytes, streamedKeys: [], onElement: { _, _, _, _ in })
        copy.position = offset
        return (try? copy.parseString()) ?? "?"
    }
}
