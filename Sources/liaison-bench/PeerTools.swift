// The tools Liaison is compared with: jq for a lookup, VisiData for a first screen.
import Foundation

/// The lookup `liaison find kraków` makes, as a jq program: each record whose searchable text
/// (the fields `SearchIndex` searches) holds the word, case and diacritics aside, printed as its
/// kind and id. jq has no folding of diacritics, so the word comes as a pattern that accepts the
/// letters folding makes equal (`krak[oóÓ]w`), matched without case. Left out, as jq has no list
/// of countries: a partner's country's English name, which `find` also searches (it holds no
/// "krakow").
enum JQLookup {
    static let pattern = "krak[oóÓ]w"

    static let program = """
        def hit(f): [f | strings | test($word; "i")] | any;
        (.partners[]? | select(hit(.name, .localName, .shortName, .city, .country, ((.tags // []) | join(" ")), .notes, .erasmusCode, .schacCode, .id)) | "partner \\(.id)"),
        (.contacts[]? | select(hit(.name, .role, .unit, .email, .phone, .notes, .id)) | "contact \\(.id)"),
        (.events[]? | select(hit(.title, .location, .kind, .description, .id)) | "event \\(.id)"),
        (.objectives[]? | select(hit(.title, .description, .id)) | "objective \\(.id)")
        """

    /// jq's arguments for the lookup in `file`.
    static func arguments(file: String) -> [String] {
        ["-r", "--arg", "word", pattern, program, file]
    }
}

enum PeerTool {
    /// A program on PATH, or nil. A pyenv shim (a script that finds the real program on every
    /// start, which would be timed too) is replaced by the program it runs.
    static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        let found = (path ?? "").split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let found, found.contains("/.pyenv/shims/") else { return found }
        let pyenv = Process()
        pyenv.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pyenv.arguments = ["pyenv", "which", name]
        let output = Pipe()
        pyenv.standardOutput = output
        pyenv.standardError = FileHandle.nullDevice
        guard (try? pyenv.run()) != nil else { return found }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        pyenv.waitUntilExit()
        return pyenv.terminationStatus == 0 && FileManager.default.isExecutableFile(atPath: text) ? text : found
    }
}
