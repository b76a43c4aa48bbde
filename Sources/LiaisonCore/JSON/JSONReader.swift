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
        var cursor = JSONCursor(bytes: buffer)
        try cursor.beginDocument()
        let root: JSONValue
        if streamedKeys.isEmpty {
            root = try cursor.readValue()
        } else if try cursor.peekKind() == .object {
            root = .object(try readRoot(&cursor, streaming: streamedKeys, onElement: onElement))
        } else if try cursor.peekKind() == .array, streamedKeys.contains(rootArray) {
            try stream(&cursor, key: rootArray, onElement: onElement)
            root = .array([])
        } else {
            root = try cursor.readValue()
        }
        try cursor.endDocument()
        return root
    }

    /// The root object, with the arrays of `streamedKeys` handed out element by element.
    private static func readRoot(_ cursor: inout JSONCursor, streaming streamedKeys: Set<String>,
                                 onElement: (String, Int, JSONValue, Int) -> Void) throws(JSONSyntaxError) -> JSONObject {
        var members: [JSONObject.Member] = []
        guard try cursor.beginObject() else { return JSONObject(members) }
        repeat {
            let key = try cursor.readKey()
            let text = key.string(in: cursor)
            for member in members where member.key == text {
                throw cursor.duplicateKey(key)
            }
            try cursor.readColon(after: key)
            if streamedKeys.contains(text), try cursor.peekKind() == .array {
                try stream(&cursor, key: text, onElement: onElement)
                members.append(JSONObject.Member(text, .array([])))
            } else {
                members.append(JSONObject.Member(text, try cursor.readValue()))
            }
        } while try cursor.nextMember()
        return JSONObject(members)
    }

    private static func stream(_ cursor: inout JSONCursor, key: String,
                               onElement: (String, Int, JSONValue, Int) -> Void) throws(JSONSyntaxError) {
        guard try cursor.beginArray() else { return }
        var index = 0
        repeat {
            cursor.pathStack.append(.index(index))
            let element = try cursor.readValue()
            onElement(key, index, element, cursor.position)
            cursor.pathStack.removeLast()
            index += 1
        } while try cursor.nextElement()
    }
}

