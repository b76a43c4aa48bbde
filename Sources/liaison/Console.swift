#if canImport(Glibc)
import Glibc
#endif
import TerminalUI

/// Where the CLI writes: results to stdout, everything else to stderr.
enum Console {
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width when stdout is one, else nil (piped output is never cut).
    static var width: Int? {
        guard isTerminal else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        return 80
    }

    // Text for people goes through the sanitiser here, piped or not, so that no caller can
    // forget it: a name or a value quoted in a message can never act on the terminal. Line
    // feeds stay, for the message's own lines; callers that put data in a multi-line message
    // make the data one line first (`Sanitizer.safe`).

    static func print(_ text: String) {
        write(Array((Sanitizer.safe(text, keepingLineFeeds: true) + "\n").utf8), to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        let safe = Sanitizer.safe(text, keepingLineFeeds: true)
        write(Array((safe.hasSuffix("\n") ? safe : safe + "\n").utf8), to: STDERR_FILENO)
    }

    static func note(_ text: String) {
        error("liaison: \(text)")
    }

    /// Data in a machine format (CSV, a record's JSON): byte-exact into a pipe or a file, where
    /// a program reads it; sanitised like text on a terminal, where a person does.
    static func writeBytes(_ bytes: [UInt8]) {
        if isTerminal {
            write(Array(Sanitizer.safe(String(decoding: bytes, as: UTF8.self), keepingLineFeeds: true).utf8), to: STDOUT_FILENO)
        } else {
            write(bytes, to: STDOUT_FILENO)
        }
    }

    /// Unbuffered, so stdout and stderr come out in the order they were written.
    private static func write(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// An error the CLI reports itself, with its exit code.
struct CLIFailure: Error {
    var message: String
    var code: Int32

    static func usage(_ message: String) -> CLIFailure { CLIFailure(message: "liaison: \(message)", code: 2) }
    static func notFound(_ message: String) -> CLIFailure { CLIFailure(message: "liaison: \(message)", code: 1) }
    /// Exit 1 after output that already says why (validation errors).
    static let failed = CLIFailure(message: "", code: 1)
}
