#if canImport(Glibc)
import Glibc
#endif

/// Command-line words and the command sent over SSH, checked as the bytes they arrive as.
/// Swift's `CommandLine.arguments` and `String(cString:)` turn bytes that are not UTF-8 (a
/// value typed in Latin-1, a stray C1 byte from `printf '\x9b'`) into U+FFFD without a word,
/// and `set` would save the replacement character. They are refused before anything runs.
enum ArgumentEncoding {
    /// The first argument that is not valid UTF-8, as a usage failure (exit 2) naming it.
    static func checkArguments() throws {
        var previous: String?
        for index in 1..<Int(CommandLine.argc) {
            guard let word = CommandLine.unsafeArgv[index] else { continue }
            // A word after an option of its own (`--name X`) is that option's value.
            let name = previous.map { "the value of \($0)" } ?? "the argument"
            try check(word, name: name)
            let text = String(cString: word)
            previous = text.hasPrefix("--") && !text.contains("=") && text != "--" ? text : nil
        }
    }

    /// Refuses a C string that is not valid UTF-8, naming it (`the argument`,
    /// `the command sent over SSH`) and showing each byte that is not UTF-8 as `\xNN`.
    static func check(_ text: UnsafePointer<CChar>, name: String) throws {
        let bytes = UnsafeBufferPointer(start: text, count: strlen(text)).map { UInt8(bitPattern: $0) }
        guard let shown = withInvalidBytesShown(bytes) else { return }
        throw CLIFailure.usage("\(name) \"\(shown)\" is not valid UTF-8; nothing was done. Type it in UTF-8 (a terminal or locale set to another encoding, such as Latin-1, sends other bytes)")
    }

    /// The text with every byte that is not part of a UTF-8 character written `\xNN`, or nil
    /// when all of it is UTF-8.
    static func withInvalidBytesShown(_ bytes: [UInt8]) -> String? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var shown = ""
        var offset = 0
        var invalid = false
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                shown.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                invalid = true
                for byte in bytes[offset..<offset + length] {
                    let hex = String(byte, radix: 16, uppercase: true)
                    shown += "\\x" + (hex.count == 1 ? "0" : "") + hex
                }
                offset += length
            case .emptyInput:
                return invalid ? shown : nil
            }
        }
    }
}
