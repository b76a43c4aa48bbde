import LiaisonCore
import TerminalUI

/// `--json` output: one valid JSON document on stdout, written by the same writer as the files.
enum JSONOutput {
    /// The writer escapes every C0 control; the other characters a terminal acts on (DEL, C1
    /// controls, bidirectional controls, line separators) are valid raw in JSON, and are
    /// escaped here as well. A JSON reader gets exactly the same strings, and the document is
    /// safe to print on a terminal without placeholders changing its values.
    static func print(_ value: JSONValue) {
        Console.writeBytes(escapingUnsafe(bytes(value)))
    }

    static func bytes(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(value)
        writer.finishDocument()
        return writer.bytes
    }

    /// JSON text with the scalars the sanitiser finds unsafe written as `\uXXXX`. Outside
    /// strings the writer puts only ASCII punctuation, digits, letters, spaces and line feeds,
    /// and line feeds inside strings are already `\n`: so each unsafe scalar left is in a string.
    static func escapingUnsafe(_ bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.unicodeScalars.contains(where: { $0 != "\n" && Sanitizer.isUnsafe($0) }) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        for scalar in text.unicodeScalars {
            if scalar != "\n" && Sanitizer.isUnsafe(scalar) {
                // Every unsafe scalar is in the Basic Multilingual Plane: four hex digits hold it.
                let hex = String(scalar.value, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            } else {
                UTF8.encode(scalar) { result.append($0) }
            }
        }
        return result
    }

    static func record(_ record: Record) -> JSONValue {
        // The canonical encoding is the one definition of a record's JSON; reading it back
        // gives a value to nest in larger documents.
        (try? JSONReader.parse(NetworkCoding.encode(record))) ?? .null
    }

    /// A record's links by group ("contacts", "events", …), each an id with the linked record's name.
    static func links(_ linked: LinkedRecords) -> JSONValue {
        .object(JSONObject(linked.groups.map { group in
            (group.title.lowercased(), .array(group.items.map { object([("id", .string($0.id)), ("name", .string($0.name))]) }))
        }))
    }

    static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(members.compactMap { key, value in value.map { (key, $0) } }))
    }

    static func int(_ number: Int) -> JSONValue { .number(String(number)) }
}
