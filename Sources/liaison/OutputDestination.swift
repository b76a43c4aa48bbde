import LiaisonCore

/// Where a command's document goes: standard output, or with `-o FILE` a file, written
/// atomically (a temporary file renamed over it, so a failed write leaves the old file whole)
/// without keeping the old version, which the command can make again.
struct OutputDestination {
    /// The file, or nil for standard output.
    var path: String?

    /// Whether a person will read it: standard output ending on a terminal (`Console.endsOnTerminal`).
    var endsOnTerminal: Bool { path == nil && Console.endsOnTerminal }

    /// Refuses binary output where a terminal would show it, before anything is done.
    func requireBinaryAllowed(_ format: String) throws {
        guard endsOnTerminal else { return }
        throw CLIFailure.usage("\(format) is a binary file and is not shown on a terminal; write it with -o FILE or redirect standard output into a file")
    }

    /// Writes the bytes; a file that cannot be written is an error naming it (exit 2).
    func write(_ bytes: [UInt8]) throws {
        guard let path else { return Console.writeBytes(bytes) }
        do {
            try AtomicFile(path: path, keepsBackup: false).write(bytes)
        } catch {
            throw CLIFailure.usage(error.description)
        }
    }
}
