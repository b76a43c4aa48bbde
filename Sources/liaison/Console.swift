#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TerminalUI

/// Where the CLI writes: results to stdout, everything else to stderr.
enum Console {
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// While paging: the pager's command and the output held for it until `finish`.
    private static let paged = Mutex<(command: String, text: [UInt8])?>(nil)

    /// Holds stdout from here on, to go through the pager at `finish` if it does not fit the screen.
    static func page(through command: String) {
        paged.withLock { $0 = (command, []) }
    }

    /// The terminal's height when stdout is one.
    private static var height: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return environmentValue("LINES").flatMap { Int($0) } ?? 24
    }

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

    /// A line of text after a lead (a status, an id): on a terminal the text wraps at its width,
    /// each further line indented to where the text starts. The text is made one line first, so
    /// a line break in the data is shown, never followed.
    static func print(lead: String, _ text: String) {
        let safe = Sanitizer.safe(text)
        let leadWidth = TextWidth.of(Sanitizer.safe(lead))
        guard let width, width - leadWidth >= 20 else { return print(lead + safe) }
        let pieces = TextWrap.lines(safe, width: width - leadWidth)
        let margin = String(repeating: " ", count: leadWidth)
        print(pieces.enumerated().map { ($0.offset == 0 ? lead : margin) + $0.element }.joined(separator: "\n"))
    }

    static func error(_ text: String) {
        let safe = Sanitizer.safe(text, keepingLineFeeds: true)
        write(Array((safe.hasSuffix("\n") ? safe : safe + "\n").utf8), to: STDERR_FILENO)
    }

    static func note(_ text: String) {
        error("liaison: \(text)")
    }

    /// The program's own text (help, version, completion scripts): it holds no data, and a
    /// script keeps its tabs even when shown on a terminal.
    static func printOwnText(_ text: String) {
        write(Array((text.hasSuffix("\n") ? text : text + "\n").utf8), to: STDOUT_FILENO)
    }

    /// Whether stdout ends on a person's terminal, here or at the other end of an SSH connection.
    /// Under SSH without a terminal (`ssh office liaison export`, a forced command's lookup)
    /// stdout is sshd's pipe, and sshd hands every byte to the client's terminal: so output is
    /// taken as for a terminal there too, unless it goes into a regular file, which only a
    /// redirection on the server makes. Outside SSH, a pipe or a file is the user's choice.
    /// (Where the terminal is not here, its width is unknown: tables are sanitised, not cut.)
    static let endsOnTerminal: Bool = {
        if isTerminal { return true }
        // Set by sshd whenever a forced command (`--ssh-lookups`) runs instead of the client's.
        if environmentValue("SSH_ORIGINAL_COMMAND") != nil { return true }
        guard environmentValue("SSH_CONNECTION") != nil else { return false }
        return !hasControllingTerminal && !stdoutIsRegularFile
    }()

    /// A session with a terminal (`ssh -t`, a login shell) is one where the user chose any pipe
    /// stdout is; a command sent over SSH without one runs with no controlling terminal.
    private static var hasControllingTerminal: Bool {
        let descriptor = open("/dev/tty", O_RDONLY | O_NOCTTY)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    private static var stdoutIsRegularFile: Bool {
        var status = stat()
        return fstat(STDOUT_FILENO, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Data in a machine format (CSV, JSON): byte-exact into a pipe or a file, where a program
    /// reads it; sanitised like text where it ends on a terminal, where a person does.
    static func writeBytes(_ bytes: [UInt8]) {
        if endsOnTerminal {
            write(Array(Sanitizer.safe(String(decoding: bytes, as: UTF8.self), keepingLineFeeds: true).utf8), to: STDOUT_FILENO)
        } else {
            write(bytes, to: STDOUT_FILENO)
        }
    }

    /// Unbuffered, so stdout and stderr come out in the order they were written, and a failed
    /// write is seen where it happens: nothing is left in a buffer to be lost at exit. (Output
    /// held for the pager is the exception: it is written by `finish`, which every exit runs.)
    private static func write(_ bytes: [UInt8], to fd: Int32) {
        if fd == STDOUT_FILENO {
            let held = paged.withLock { held -> Bool in
                guard held != nil else { return false }
                held!.text += bytes
                return true
            }
            if held { return }
        }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return writeFailed(fd, error: written < 0 ? errno : EIO) }
                offset += written
            }
        }
    }

    /// A reader that went away (`liaison list | head -1`) ends the program as it ends other Unix
    /// tools: quietly, by SIGPIPE (status 141 in the shell), even where the parent left SIGPIPE
    /// ignored and the write returned EPIPE instead. Any other failure of the output (a full
    /// disk, a closed descriptor) is an error: said on stderr, exit 2, before anything else is
    /// done (`delete` writes what it will delete before saving, so a failure stops it unsaved).
    /// A failed write to stderr has nowhere to be reported and is let go.
    private static func writeFailed(_ fd: Int32, error: Int32) {
        if error == EPIPE { endBySIGPIPE() }
        guard fd == STDOUT_FILENO else { return }
        Self.error("liaison: the output could not be written to \(outputName): \(String(cString: strerror(error)))")
        exit(2)
    }

    private static func endBySIGPIPE() -> Never {
        signal(SIGPIPE, SIG_DFL)
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        sigprocmask(SIG_UNBLOCK, &pipeSignal, nil)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }

    /// The file stdout goes to, for the message (`/dev/full`), else "standard output" (a pipe, a socket).
    private static var outputName: String {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/fd/\(STDOUT_FILENO)", &target, target.count - 1)
        guard length > 0, target[0] == CChar(UInt8(ascii: "/")) else { return "standard output" }
        return String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Before exit: output a library wrote through C's stdio (Swift's `print`; none of ours
    /// does) is flushed, and its failure reported like any other.
    static func finish() {
        if let held = paged.withLock({ held in defer { held = nil }; return held }) {
            let fits = !Pager.needsPaging(held.text, width: width ?? 80, height: height)
            if fits || !Pager.show(held.text, through: held.command) { write(held.text, to: STDOUT_FILENO) }
        }
        errno = 0
        if fflush(nil) != 0 { writeFailed(STDOUT_FILENO, error: errno == 0 ? EIO : errno) }
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
