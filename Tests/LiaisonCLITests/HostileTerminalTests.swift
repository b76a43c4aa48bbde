import Foundation
import LiaisonCore
import Testing

/// Runs the real binary with its stdout on a pseudo-terminal (80x24 unless told), through Python's `pty`
/// module, and returns the exact bytes the terminal received. Output processing is off
/// (no LF → CRLF), so the bytes are the program's own. stderr goes to a file: it is checked by
/// the piped tests, and kept apart here so that JSON on stdout can be parsed.
enum PseudoTerminal {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private static let script = """
    import fcntl, os, pty, struct, sys, termios
    pid, fd = pty.fork()
    if pid == 0:
        attributes = termios.tcgetattr(1)
        attributes[1] &= ~termios.OPOST
        termios.tcsetattr(1, termios.TCSANOW, attributes)
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", int(sys.argv[2]), int(sys.argv[3]), 0, 0))
        error = os.open(sys.argv[1], os.O_WRONLY)
        os.dup2(error, 2)
        os.execv(sys.argv[4], sys.argv[4:])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(b"".join(chunks))
    sys.exit(os.waitstatus_to_exitcode(status))
    """

    static func run(_ arguments: [String], environment: [String: String], width: Int = 80, height: Int = 24) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python!)
        let errorPath = NSTemporaryDirectory() + "liaison-pty-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        process.arguments = ["-c", script, errorPath, String(height), String(width), CLI.binary] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LIAISON_TODAY": "2026-11-24"].merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}

@Suite("Every command on a network full of control characters, on a terminal",
       // Needs Python's pty module for a pseudo-terminal; without python3 the suite is skipped.
       .enabled(if: PseudoTerminal.python != nil, "python3 is needed to run the program on a pseudo-terminal"))
struct HostileTerminalTests {
    enum Output: Sendable {
        /// For people: the data sanitised; tables fitted to the 80 columns.
        case text(shows: [String], fitted: Bool)
        /// JSON: parses to the data exactly, with every unsafe character escaped.
        case json
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var output: Output
        var testDescription: String { "liaison " + arguments.joined(separator: " ") }
    }

    static let shown = HostileNetwork.shown

    static let cases: [Case] = [
        Case(arguments: ["find", "red"], output: .text(shows: ["Evil University ␛]0;PWNED␇␛[2J"], fitted: true)),
        // A long unknown key is cut, with the value still beside it; values wrap. The dangling
        // link's id is an id, never cut: its line runs past the edge.
        Case(arguments: ["show", "evil"], output: .text(shows: ["City", shown, "…  extra"], fitted: false)),
        Case(arguments: ["show", "evil-event"], output: .text(shows: ["Hall " + shown], fitted: true)),
        Case(arguments: ["list", "partners"], output: .text(shows: ["Evil Uni"], fitted: true)),
        // The e-mail address is copied, so never cut: its line runs past the edge.
        Case(arguments: ["list", "contacts"], output: .text(shows: ["Contact ␛]0;"], fitted: false)),
        Case(arguments: ["expiring", "--within", "1y"], output: .text(shows: ["Evil University ␛]0;"], fitted: true)),
        Case(arguments: ["stats"], output: .text(shows: ["Institute " + shown], fitted: false)),
        Case(arguments: ["validate"], output: .text(shows: ["ghost " + shown], fitted: false)),
        // The account is never cut (its line runs past the edge); the change wraps.
        Case(arguments: ["history"], output: .text(shows: ["Label", "␛]0;PWNED"], fitted: false)),
        // CSV on a terminal with placeholders; every JSON escaped, the record of a dry run too.
        Case(arguments: ["export", "--format", "csv", "partners"], output: .text(shows: ["Evil University " + shown], fitted: false)),
        Case(arguments: ["export", "--format", "csv", "agreements"], output: .text(shows: ["Agreement " + shown], fitted: false)),
        Case(arguments: ["export", "--format", "csv", "objectives", "--excel"], output: .text(shows: ["Objective " + shown], fitted: false)),
        Case(arguments: ["set", "evil", "city=Kyoto", "--dry-run"], output: .json),
        Case(arguments: ["export", "--format", "json", "partners"], output: .json),
        Case(arguments: ["export", "--format", "json", "events"], output: .json),
        Case(arguments: ["find", "red", "--json"], output: .json),
        Case(arguments: ["show", "evil", "--json"], output: .json),
        Case(arguments: ["list", "partners", "--json"], output: .json),
        Case(arguments: ["list", "contacts", "--json"], output: .json),
        Case(arguments: ["expiring", "--within", "1y", "--json"], output: .json),
        Case(arguments: ["stats", "--json"], output: .json),
        Case(arguments: ["validate", "--json"], output: .json),
        Case(arguments: ["history", "--json"], output: .json),
    ]

    @Test("the terminal receives no control or bidi character but the line feed", arguments: cases)
    func command(_ test: Case) throws {
        let network = try HostileNetwork()
        defer { network.remove() }
        let (status, bytes) = try PseudoTerminal.run(test.arguments, environment: ["LIAISON_DATA": network.path])
        #expect(status == 0)
        let output = try #require(String(bytes: bytes, encoding: .utf8), "the terminal receives valid UTF-8 only")
        #expect(HostileNetwork.unsafeScalars(in: output).isEmpty, "\(output)")
        switch test.output {
        case .text(let shows, let fitted):
            for text in shows { #expect(output.contains(text), "\(output)") }
            if fitted {
                // Placeholders take one column each and the data holds no wide characters: a
                // line fits when it has at most 80 scalars.
                for line in output.split(separator: "\n") {
                    #expect(line.unicodeScalars.count <= 80, "\(line)")
                }
            }
        case .json:
            #expect(output.contains(#"\u001b]0;PWNED\u0007\u001b[2J\u001b[31mred\r\u009b2J\u007f\u202eevil"#), "\(output)")
            let parsed = try JSONReader.parse(Array(output.utf8))
            #expect(HostileOutputTests.strings(in: parsed).contains { $0.contains(HostileNetwork.text) }, "the data comes back exactly")
        }
    }
}
