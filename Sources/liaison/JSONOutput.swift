import LiaisonCore
import TerminalUI

/// JSON output (`--json`, `export --format json`, `--dry-run`): one valid JSON document on
/// stdout, written by the same writer as the files.
enum JSONOutput {
    /// The writer escapes every C0 control; the other characters a terminal acts on (DEL, C1
    /// controls, bidirectional controls, line separators) are valid raw in JSON, and are
    /// escaped here as well. A JSON reader gets exactly the same strings, and the document is
    /// safe to print on a terminal without placeholders changing its values.
    static func print(_ value: JSONValue) {
        write(bytes(value))
    }

    /// JSON text from the writer (a record in the file's canonical form), escaped as `print`
    /// escapes: every JSON the CLI prints goes out through here, so that no command prints the
    /// same record in two forms.
    static func write(_ json: [UInt8]) {
        Console.writeBytes(escapingUnsafe(json))
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
    /// The bytes are walked in place (a list of 100,000 partners is 150 MB of JSON): only a
    /// byte that can start an unsafe scalar is decoded, and a document without one is returned
    /// as it is.
    static func escapingUnsafe(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            if unsafeLeadBytes[Int(lead)],
               let scalar = String(decoding: bytes[index..<min(index + length, bytes.count)], as: UTF8.self).unicodeScalars.first,
               scalar != "\n", Sanitizer.isUnsafe(scalar) {
                if result.isEmpty { result.reserveCapacity(bytes.count + 64) }
                result.append(contentsOf: bytes[copied..<index])
                // JSON escapes UTF-16 code units (a pair for a scalar beyond the BMP).
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
                copied = index + length
            }
            index += length
        }
        if copied == 0 { return bytes }
        result.append(contentsOf: bytes[copied...])
        return result
    }

    /// The first UTF-8 bytes of the scalars the sanitiser finds unsafe, worked out once from
    /// its rule, so that the rule stays in one place.
    private static let unsafeLeadBytes: [Bool] = {
        var leads = [Bool](repeating: false, count: 256)
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), Sanitizer.isUnsafe(scalar) else { continue }
            leads[Int(String(scalar).utf8.first!)] = true
        }
        return leads
    }()

    static func record(_ record: Record) -> JSONValue {
        NetworkCoding.json(record)
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
