import ArgumentParser
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// `--no-pager`, for the commands whose output is read on a terminal (find, show, list, ...).
struct PagerOptions: ParsableArguments {
    @Flag(name: .long, help: "Do not page long output on a terminal through $PAGER.")
    var noPager = false

    /// Output that does not fit the terminal goes through the pager from here on, unless
    /// `--no-pager` or the environment says otherwise (`Pager.command`).
    func start() {
        if !noPager, let command = Pager.command() { Console.page(through: command) }
    }
}

/// Long output on a terminal goes through a pager, as git does: `$PAGER`, else the settings
/// file's `pager` (UserConfig), else `less`, which
/// is given `LESS=FRX` (quit when the text fits, keep colours, leave the screen as it is) unless
/// `LESS` is set, and `LV=-c`. `PAGER` set empty or to `cat` turns paging off, and so does a
/// terminal `less` cannot drive (`TERM` unset or `dumb`). Output that fits on the screen, and
/// output that is not on a terminal, is written directly: a pipe gets exactly the same bytes.
enum Pager {
    /// The pager's shell command, or nil when output is not paged.
    static func command() -> String? {
        guard Console.isTerminal, let term = environmentValue("TERM"), term != "dumb" else { return nil }
        // $PAGER, else the settings file's "pager" (the environment wins over the file).
        if let chosen = getenv("PAGER").map({ String(cString: $0).trimmingSpaces }) ?? (try? userConfig())?.pager?.trimmingSpaces {
            return chosen.isEmpty || chosen == "cat" ? nil : chosen
        }
        return isOnPath("less") ? "less" : nil
    }

    /// Whether the text needs more rows than the terminal has (a line wider than the terminal
    /// takes several), leaving one for the shell's prompt.
    static func needsPaging(_ text: [UInt8], width: Int, height: Int) -> Bool {
        var rows = 0
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            rows += max(1, (TextWidth.of(line) + width - 1) / width)
            if rows >= height { return true }
        }
        return false
    }

    /// Runs the pager with the text on its standard input and waits for it to end. The pager
    /// owns the terminal meanwhile: Ctrl-C and Ctrl-\ are its to handle (less ignores them), so
    /// liaison does not die under it and hand the shell a terminal less is still reading; a
    /// pager that quits before reading everything (`q`) is not an error. False when the pager
    /// could not be started (the caller then writes the text itself).
    static func show(_ text: [UInt8], through command: String) -> Bool {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        // The pager gets the default actions of the signals liaison ignores while it runs.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let previous = [SIGINT, SIGQUIT, SIGPIPE].map { ($0, signal($0, SIG_IGN)) }
        defer { for (number, handler) in previous { signal(number, handler) } }
        let arguments = ["sh", "-c", command]
        let environment = pagerEnvironment()
        var pid: pid_t = 0
        let spawned = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) }
        }
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            return false
        }
        text.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(writeEnd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                // EPIPE: the pager was quit before the end; the rest is not wanted.
                guard written > 0 else { break }
                offset += written
            }
        }
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }

    /// The environment with git's defaults for less and lv where the user has not set them.
    private static func pagerEnvironment() -> [String] {
        var entries: [String] = []
        var index = 0
        while let entry = environ[index] {
            entries.append(String(cString: entry))
            index += 1
        }
        if getenv("LESS") == nil { entries.append("LESS=FRX") }
        if getenv("LV") == nil { entries.append("LV=-c") }
        return entries
    }

    private static func isOnPath(_ program: String) -> Bool {
        (environmentValue("PATH") ?? "/usr/bin:/bin").split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }

    private static func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

private extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
