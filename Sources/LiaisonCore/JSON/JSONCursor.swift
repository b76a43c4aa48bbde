/// A position in the bytes of a JSON document with the parser's primitives: read a string, a
/// number, a literal, step into an object or array and through its members. `JSONReader` builds
/// whole `JSONValue` trees with it; the record tables (RecordSchema) read records straight from
/// the bytes with it, so no tree is made for the keys they know.
///
/// While it reads, it also notes whether the bytes are exactly what `JSONWriter` would write
/// for what was read (`isCanonical`: two-space layout, `": "`, only the writer's escapes). A
/// record read with the flag still set may be saved again by copying its bytes (SourceText).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    /// Path components of the containers and members being read; only turned into text for a
    /// message.
    var pathStack: [PathComponent] = []
    /// Where the document read by this cursor sits in a larger one (a record decoded from a
    /// `JSONValue` that was part of a file): prefixed to every path.
    var basePath: [JSONPath.Component] = []
    var scratch: [UInt8] = []
    /// Cleared on anything `JSONWriter` would have written otherwise; readers set it again where
    /// a span they may copy starts.
    var isCanonical = true
    /// Problems with what was read (wrong types, missing keys), as opposed to broken JSON,
    /// which is thrown.
    var diagnostics: [Diagnostic] = []
    /// Top-level records' spans and problems, when the cursor reads a network file.
    var topLevel = TopLevelRecords()
    /// The last timestamp read (`expectString(sharing:)`): records stamped by one save or import
    /// share it rather than each holding a copy.
    var lastTimestamp = ""

    /// A key is kept as the offset of its string, so that reading a value costs no string copy;
    /// the text is read again only for a message.
    enum PathComponent: Sendable {
        case key(offset: Int)
        case index(Int)
        /// A key that is not in the bytes (one reported missing).
        case name(String)
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: documents and values

    /// Checks what may come before the first value and skips to it.
    mutating func beginDocument() throws(JSONSyntaxError) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw error("the file starts with a byte order mark; save it as UTF-8 without BOM")
        }
        skipWhitespace()
        guard position < bytes.count else { throw error("the file is empty") }
    }

    /// Checks that nothing but whitespace follows the document's value.
    mutating func endDocument() throws(JSONSyntaxError) {
        skipWhitespace()
        if position < bytes.count {
            throw error("unexpected \(describeByte(at: position)) after the end of the document")
        }
    }

    /// The kind of the value at the position (for "must be a string, not an object"), or a
    /// syntax error when no value starts there.
    func peekKind() throws(JSONSyntaxError) -> JSONKind {
        guard position < bytes.count else { throw error("unexpected end of file, a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("unexpected \(describeByte(at: position)), a value was expected")
        }
    }

    /// Reads any value into a tree.
    mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
        switch try peekKind() {
        case .object: return .object(try readObject())
        case .array: return .array(try readArray())
        case .string: return .string(try readString())
        case .bool: return .bool(try readBool())
        case .null: try readNull(); return .null
        case .number: return .number(try readNumber())
        }
    }

    mutating func readBool() throws(JSONSyntaxError) -> Bool {
        if bytes[position] == UInt8(ascii: "t") {
            try expectLiteral("true")
            return true
        }
        try expectLiteral("false")
        return false
    }

    mutating func readNull() throws(JSONSyntaxError) { try expectLiteral("null") }

    // MARK: containers

    /// Steps into the object at the position; false when it is empty (and then already left).
    mutating func beginObject() throws(JSONSyntaxError) -> Bool {
        try beginContainer(closing: UInt8(ascii: "}"))
    }

    /// Steps into the array at the position; false when it is empty (and then already left).
    mutating func beginArray() throws(JSONSyntaxError) -> Bool {
        try beginContainer(closing: UInt8(ascii: "]"))
    }

    private mutating func beginContainer(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        depth += 1
        if depth > JSONReader.maximumDepth {
            throw error("nesting deeper than \(JSONReader.maximumDepth) levels; no network file needs that")
        }
        position += 1
        let start = position
        skipWhitespace()
        if position < bytes.count, bytes[position] == closing {
            if position != start { isCanonical = false }
            position += 1
            depth -= 1
            return false
        }
        checkLayout(from: start, indent: depth)
        return true
    }

    /// Reads a member's key (its value follows `readColon`).
    mutating func readKey() throws(JSONSyntaxError) -> Key {
        guard position < bytes.count else { throw error("unexpected end of file inside an object") }
        guard bytes[position] == UInt8(ascii: "\"") else {
            throw error("unexpected \(describeByte(at: position)), a key in double quotes was expected")
        }
        let start = position
        return Key(start: start, text: try readStringBytes())
    }

    /// Reads the colon after `key` and the whitespace up to its value, and pushes the key on
    /// the path.
    mutating func readColon(after key: Key) throws(JSONSyntaxError) {
        let start = key.start
        let afterKey = position
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw error("a colon was expected after the key \"\(keyText(at: start))\"")
        }
        if position != afterKey { isCanonical = false }
        position += 1
        let afterColon = position
        skipWhitespace()
        if position != afterColon + 1 || bytes[afterColon] != 0x20 { isCanonical = false }
        pathStack.append(.key(offset: start))
    }

    /// After a member's value: pops its key and tells whether another member follows (past the
    /// comma) or the object ended (past the `}`).
    mutating func nextMember() throws(JSONSyntaxError) -> Bool {
        pathStack.removeLast()
        return try next(closing: UInt8(ascii: "}"), inside: "an object")
    }

    /// After an element: tells whether another follows (past the comma) or the array ended.
    mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        try next(closing: UInt8(ascii: "]"), inside: "an array")
    }

    private mutating func next(closing: UInt8, inside container: String) throws(JSONSyntaxError) -> Bool {
        let start = position
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of file inside \(container)") }
        if bytes[position] == UInt8(ascii: ",") {
            if position != start { isCanonical = false }
            position += 1
            let afterComma = position
            skipWhitespace()
            checkLayout(from: afterComma, indent: depth)
            return true
        }
        if bytes[position] == closing {
            checkLayout(from: start, indent: depth - 1)
            position += 1
            depth -= 1
            return false
        }
        throw error("unexpected \(describeByte(at: position)), a comma or \(Character(Unicode.Scalar(closing))) was expected")
    }

    /// Whether the whitespace from `start` to the position is the writer's: a newline and two
    /// spaces per level.
    private mutating func checkLayout(from start: Int, indent: Int) {
        guard isCanonical else { return }
        guard position - start == 1 + 2 * indent, bytes[start] == 0x0A else {
            isCanonical = false
            return
        }
        var index = start + 1
        while index < position {
            if bytes[index] != 0x20 {
                isCanonical = false
                return
            }
            index += 1
        }
    }

    mutating func readObject() throws(JSONSyntaxError) -> JSONObject {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(8)
        guard try beginObject() else { return JSONObject(members) }
        repeat {
            let key = try readKey()
            let text = key.string(in: self)
            for member in members where member.key == text {
                throw duplicateKey(key)
            }
            try readColon(after: key)
            let value = try readValue()
            members.append(JSONObject.Member(text, value))
        } while try nextMember()
        return JSONObject(members)
    }

    mutating func readArray() throws(JSONSyntaxError) -> [JSONValue] {
        var elements: [JSONValue] = []
        guard try beginArray() else { return elements }
        var index = 0
        repeat {
            pathStack.append(.index(index))
            elements.append(try readValue())
            pathStack.removeLast()
            index += 1
        } while try nextElement()
        return elements
    }

    /// The error for a key met twice in one object, at the second one.
    mutating func duplicateKey(_ key: Key) -> JSONSyntaxError {
        position = key.start
        return error("duplicate key \"\(key.string(in: self))\"")
    }

    // MARK: strings

    /// A member's key: where it starts and its bytes, in the buffer when it has no escapes.
    struct Key {
        let start: Int
        let text: StringBytes

        func string(in cursor: JSONCursor) -> String { text.string(in: cursor.bytes) }

        /// Whether the key is `expected` (an ASCII key of a table), compared byte by byte.
        func matches(_ expected: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            switch text {
            case .raw(let range, _):
                guard range.count == expected.count else { return false }
                return expected.withUnsafeBufferPointer { expected in
                    memcmp(expected.baseAddress!, bytes.baseAddress! + range.lowerBound, range.count) == 0
                }
            case .unescaped(let string):
                return string.utf8.elementsEqual(expected)
            }
        }
    }

    /// A string's content: a range of the buffer (no escapes; `ascii` when every byte is below
    /// 0x80), or the string made from its escapes.
    enum StringBytes {
        case raw(Range<Int>, ascii: Bool)
        case unescaped(String)

        func string(in bytes: UnsafeBufferPointer<UInt8>) -> String {
            switch self {
            // Validated when read; the bytes are made a String once, without a second check.
            case .raw(let range, _): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            case .unescaped(let string): string
            }
        }
    }

    mutating func readString() throws(JSONSyntaxError) -> String {
        try readStringBytes().string(in: bytes)
    }

    /// Reads a string at the position, validating its UTF-8 once; its text is made only when
    /// asked for.
    mutating func readStringBytes() throws(JSONSyntaxError) -> StringBytes {
        let start = position
        position += 1
        let contentStart = position
        // Fast path: most strings have no escapes. Pure ASCII needs no UTF-8 validation;
        // anything else is validated, never repaired.
        var highBits: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            highBits |= byte
            if byte == UInt8(ascii: "\"") {
                let range = contentStart..<position
                if highBits & 0x80 != 0 {
                    guard validUTF8(range) else {
                        position = firstInvalidUTF8(in: range)
                        throw error("invalid UTF-8 in a string")
                    }
                }
                position += 1
                return .raw(range, ascii: highBits & 0x80 == 0)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character \(hex(byte)) inside a string must be escaped") }
            position += 1
        }
        guard position < bytes.count else {
            position = start
            throw error("unterminated string")
        }
        return .unescaped(try readEscapedString(contentStart: contentStart))
    }

    private func validUTF8(_ range: Range<Int>) -> Bool {
        // `String(validating:)` only to validate: the string it makes is dropped, and the one
        // kept is made from the bytes without another check.
        var iterator = UnsafeBufferPointer(rebasing: bytes[range]).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private mutating func readEscapedString(contentStart: Int) throws(JSONSyntaxError) -> String {
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
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): scratch.append(escape)
            case UInt8(ascii: "/"): scratch.append(escape); isCanonical = false
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

    private mutating func appendUnicodeEscape() throws(JSONSyntaxError) {
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
        // The writer escapes as \u00xx (lower case) only the control characters it has no
        // short escape for; any other \u is not its form.
        if isCanonical, !Self.writerEscapesAsHex(code) || !bytes[escapeStart..<position].elementsEqual(Self.hexEscape(code)) {
            isCanonical = false
        }
        scratch.append(contentsOf: String(Character(scalar)).utf8)
    }

    static func writerEscapesAsHex(_ code: UInt32) -> Bool {
        code < 0x20 && ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(code)
    }

    static func hexEscape(_ code: UInt32) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return Array("\\u00".utf8) + [digits[Int(code >> 4)], digits[Int(code & 0xF)]]
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
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

    // MARK: numbers and literals

    /// Reads a number and returns its text as written.
    mutating func readNumber() throws(JSONSyntaxError) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[try readNumberBytes()]), as: UTF8.self)
    }

    mutating func readNumberBytes() throws(JSONSyntaxError) -> Range<Int> {
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
        return start..<position
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let matches = position + count <= bytes.count && literal.withUTF8Buffer { expected in
            memcmp(expected.baseAddress!, bytes.baseAddress! + position, count) == 0
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

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    // MARK: messages

    /// Notes a problem with what was read at the current path (not broken JSON).
    mutating func report(_ severity: Diagnostic.Severity, _ message: String) {
        diagnostics.append(Diagnostic(severity, path: pathText, message))
    }

    var pathText: String { JSONPath.render(basePath + pathComponents) }

    var pathComponents: [JSONPath.Component] {
        pathStack.map {
            switch $0 {
            case .key(let offset): .key(keyText(at: offset))
            case .index(let index): .index(index)
            case .name(let name): .key(name)
            }
        }
    }

    private func firstInvalidUTF8(in range: Range<Int>) -> Int {
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

    private func hex(_ byte: UInt8) -> String {
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
        return JSONSyntaxError(message: message, line: line, column: column, path: JSONPath.render(basePath + pathComponents))
    }

    /// The key whose string starts at `offset` (already read once, so known to be well formed).
    func keyText(at offset: Int) -> String {
        var copy = JSONCursor(bytes: bytes)
        copy.position = offset
        return (try? copy.readString()) ?? "?"
    }
}

/// What kind of value starts at a position, named as messages name it.
enum JSONKind {
    case null, bool, number, string, array, object

    var name: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
