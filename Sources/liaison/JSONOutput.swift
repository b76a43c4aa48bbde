import LiaisonCore

/// `--json` output: one valid JSON document on stdout, written by the same writer as the files.
enum JSONOutput {
    static func print(_ value: JSONValue) {
        var writer = JSONWriter()
        writer.value(value)
        writer.finishDocument()
        Console.writeBytes(writer.bytes)
    }

    static func record(_ record: Record) -> JSONValue {
        // The canonical encoding is the one definition of a record's JSON; reading it back
        // gives a value to nest in larger documents.
        (try? JSONReader.parse(NetworkCoding.encode(record))) ?? .null
    }

    static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(members.compactMap { key, value in value.map { (key, $0) } }))
    }

    static func int(_ number: Int) -> JSONValue { .number(String(number)) }
}
