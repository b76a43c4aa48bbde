import CNcursesw
import Synchronization
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The signal that asked the program to stop (SIGINT, SIGTERM, SIGHUP), or 0.
/// Set by a signal handler, so it is an atomic and nothing else.
let stopRequest = Atomic<Int32>(0)
/// Set by SIGTSTP (Ctrl-Z): the main loop suspends at its next turn, outside the handler.
let suspendRequest = Atomic<Bool>(false)

/// While curses owns the screen, stderr goes to a temporary file (anything written there would
/// be lost with the alternate screen); these are the saved stderr and that file, or -1.
let savedStandardError = Atomic<Int32>(-1)
let capturedStandardError = Atomic<Int32>(-1)

/// Puts stderr back and writes out what was captured: async-signal-safe, for the crash handler too.
func releaseStandardError() {
    let saved = savedStandardError.exchange(-1, ordering: .relaxed)
    let captured = capturedStandardError.exchange(-1, ordering: .relaxed)
    guard saved >= 0 else { return }
    dup2(saved, STDERR_FILENO)
    close(saved)
    guard captured >= 0 else { return }
    lseek(captured, 0, SEEK_SET)
    var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    withUnsafeMutableBytes(of: &buffer) { raw in
        while true {
            let count = read(captured, raw.baseAddress, raw.count)
            if count <= 0 { break }
            _ = write(STDERR_FILENO, raw.baseAddress, count)
        }
    }
    close(captured)
}

/// The real terminal, through ncursesw: the only code that talks to curses. Frames are copied
/// into the curses window cell by cell and sent with `doupdate`, so ncurses sends only what
/// changed: never a clear per frame.
public final class CursesTerminal: Terminal {
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    private let window: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer
    public let colorDepth: ColorDepth
    private var pairs: [PairKey: Int16] = [:]
    private var previous: Buffer?
    /// No UTF-8 locale exists: every cell is drawn as ASCII.
    private var asciiOnly = false
    private var stopped = false

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Whether a dashboard can start here, decided without touching the terminal.
    public static func canStart() -> Bool { preflightProblem() == nil }

    public static func whyNotStart() -> String { preflightProblem() ?? "" }

    private static func preflightProblem() -> String? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            return "the dashboard needs a terminal on standard input and output; the subcommands (liaison --help) work without one"
        }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else {
            return "TERM is \(term.isEmpty ? "not set" : "\"dumb\""), so the dashboard cannot draw; set TERM (e.g. xterm-256color) or use the subcommands (liaison --help)"
        }
        guard terminalType(for: term) != nil else {
            return "TERM=\(term) is not a terminal type this system knows; set TERM (e.g. xterm-256color) or use the subcommands (liaison --help)"
        }
        return nil
    }

    /// The data is UTF-8 and so are the terminals Liaison is used from; a locale that is not
    /// (LANG=C, or a de_DE.UTF-8 forwarded by SSH but not generated on the server) would make
    /// ncursesw drop every non-ASCII character. Characters are then handled in a UTF-8 locale
    /// that exists (C.UTF-8, which Debian's libc always has), and the status line says so.
    /// Where there is none, the screen is drawn in ASCII (`ASCIIFallback`) and says that.
    private static func ensureUTF8(installed: Bool) -> (note: String?, asciiOnly: Bool) {
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        guard codeset != "UTF-8" else { return (nil, false) }
        let asked = [getenv("LC_ALL"), getenv("LC_CTYPE"), getenv("LANG")].compactMap { $0.map { String(cString: $0) } }.first { !$0.isEmpty } ?? "C"
        // A UTF-8 locale SSH forwards but the server has not generated is missing, not "not UTF-8".
        let why = installed ? "is not UTF-8" : "is not installed"
        let candidates: [String] = ["C.UTF-8", "C.utf8", "en_US.UTF-8"]
        guard let chosen = candidates.first(where: { setlocale(LC_CTYPE, $0) != nil }) else {
            return ("locale \(asked) \(why), nor any UTF-8 one: drawn in ASCII (apt-get install locales)", true)
        }
        return ("locale \(asked) \(why): using \(chosen)", false)
    }

    /// Terminals that speak xterm's language but whose terminfo entries a stock server lacks.
    private static let xtermCompatible = ["xterm", "kitty", "alacritty", "foot", "wezterm", "ghostty", "rio", "contour"]

    /// The installed entries to try, nearest first, for a TERM of a known family whose own entry
    /// is missing: tmux-direct, screen.xterm-new, xterm-kitty, konsole-256color.
    static func standIns(for term: String) -> [String] {
        if term.hasPrefix("tmux") { return ["tmux-256color", "screen-256color", "tmux", "screen"] }
        if term.hasPrefix("screen") { return ["screen-256color", "screen"] }
        if xtermCompatible.contains(where: { term.contains($0) }) || term.hasSuffix("-256color") { return ["xterm-256color", "xterm"] }
        return []
    }

    /// The terminfo entry to draw with: TERM's own, or for a terminal of a known family whose
    /// entry is not installed (xterm-kitty over SSH), the nearest one that is. Found quietly:
    /// setupterm loads an entry without printing.
    public static func terminalType(for term: String) -> String? {
        func isKnown(_ name: String) -> Bool {
            var status: Int32 = 0
            return setupterm(name, STDOUT_FILENO, &status) == OK && status == 1
        }
        if isKnown(term) { return term }
        return standIns(for: term).first(where: isKnown)
    }

    /// Said on the status line when the terminal type stands in for TERM's own.
    public private(set) var terminalNote: String?

    /// Starts curses on the process's terminal, or says why it cannot, printing nothing.
    public static func start() throws(StartError) -> CursesTerminal {
        if let problem = preflightProblem() { throw StartError(description: problem) }
        let requested = String(cString: getenv("TERM"))
        let term = terminalType(for: requested) ?? requested
        let installed = setlocale(LC_ALL, "") != nil
        let (localeNote, asciiOnly) = ensureUTF8(installed: installed)
        if getenv("ESCDELAY") == nil { set_escdelay(25) }
        // The terminal's own size, not LINES and COLUMNS from the environment: a shell that
        // exports them would otherwise pin the size, and resizing would be ignored. (use_env
        // would also skip the terminal's own report; unsetting the variables leaves only that.)
        unsetenv("LINES")
        unsetenv("COLUMNS")
        captureStandardError()
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              let screen = newterm(term, output, input), let window = liaison_stdscr() else {
            throw StartError(description: "TERM=\(term) is not a terminal type this system knows; set TERM (e.g. xterm-256color) or use the subcommands (liaison --help)")
        }
        cbreak()
        // Ctrl-S and Ctrl-Q reach the program only with flow control off; cbreak keeps ISIG,
        // so Ctrl-C and Ctrl-Z still interrupt and suspend. endwin restores the shell's modes.
        var modes = termios()
        if tcgetattr(STDIN_FILENO, &modes) == 0 {
            modes.c_iflag &= ~tcflag_t(IXON)
            // Keys typed ahead of Ctrl-C (on a slow SSH link, a whole word) stay to be read:
            // without NOFLSH the terminal throws them away with the interrupt.
            modes.c_lflag |= tcflag_t(NOFLSH)
            tcsetattr(STDIN_FILENO, TCSANOW, &modes)
        }
        // Kept as curses' program mode, which it restores after Ctrl-Z and `fg`.
        def_prog_mode()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        // Bracketed paste: the terminal marks pasted text, so a paste is typed as text and
        // never runs as commands ("jjdy" pasted into a list would delete a record).
        define_key("\u{1B}[200~", Self.pasteStart)
        define_key("\u{1B}[201~", Self.pasteEnd)
        Self.writeToTerminal(Self.bracketedPasteOn)
        leaveok(window, false)
        curs_set(0)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(liaison_colors())
        }
        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        let terminal = CursesTerminal(screen: screen, window: window, colorDepth: ColorDepth(colors: colors, noColor: noColor))
        // LIAISON_ASCII=1 asks for the same drawing for a terminal that shows no UTF-8 (one set to
        // Latin-1, a serial console) even where the locale is fine.
        terminal.asciiOnly = asciiOnly || getenv("LIAISON_ASCII").map { String(cString: $0) == "1" } ?? false
        if term != requested {
            terminal.terminalNote = "TERM=\(requested) is not installed here: drawn as \(term)"
        }
        // Both, when both stand in: neither hides the other.
        terminal.terminalNote = [terminal.terminalNote, localeNote].compactMap { $0 }.joined(separator: "; ").nilIfEmpty
        return terminal
    }

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, colorDepth: ColorDepth) {
        self.screen = screen
        self.window = window
        self.colorDepth = colorDepth
    }

    /// Gives the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        Self.writeToTerminal(Self.bracketedPasteOff)
        curs_set(1)
        endwin()
        delscreen(screen)
        releaseStandardError()
    }

    /// A fatal error's message (Swift prints it to stderr before the crash) then appears after
    /// the terminal is restored, instead of vanishing with the alternate screen.
    private static func captureStandardError() {
        var template = Array("/tmp/liaison-stderr-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0 else { close(file); return }
        savedStandardError.store(saved, ordering: .relaxed)
        capturedStandardError.store(file, ordering: .relaxed)
        dup2(file, STDERR_FILENO)
    }

    deinit { stop() }

    public var size: Size {
        var rows: Int32 = 0, columns: Int32 = 0
        liaison_getmaxyx(window, &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    public func present(_ frame: Buffer) {
        let sameSize = previous.map { $0.width == frame.width && $0.height == frame.height } ?? false
        var cell = cchar_t()
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                var current = frame[x, y]
                if current.isContinuation {
                    // The second column of a wide character, which is one ASCII character here.
                    guard asciiOnly else { continue }
                    current.text = " "
                }
                // Skipping unchanged cells saves work here; ncurses itself decides what to send.
                if sameSize, previous![x, y] == current { continue }
                let (attributes, pair) = curses(current.style)
                let text = asciiOnly ? String(ASCIIFallback.character(for: current.text)) : current.text
                var characters: [wchar_t] = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
                if characters.count == 1 { characters = [wchar_t(32), 0] }
                setcchar(&cell, &characters, attributes, pair, nil)
                mvwadd_wch(window, Int32(y), Int32(x), &cell)
            }
        }
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    public func nextEvent(timeout: Int) -> InputEvent? {
        wtimeout(window, Int32(timeout))
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES && Int32(character) == Self.pasteStart { return readPaste() }
        if result == KEY_CODE_YES { return functionKey(Int32(character)) }
        return .typed(UInt32(character))
    }

    /// Key codes for the bracketed-paste markers, past ncurses' own.
    private static let pasteStart: Int32 = 0o1001
    private static let pasteEnd: Int32 = 0o1002

    /// The text up to the end marker (or a pause of a second, if the marker is lost).
    private func readPaste() -> InputEvent {
        var text = String.UnicodeScalarView()
        wtimeout(window, 1_000)
        while true {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if Int32(character) == Self.pasteEnd { break }
                if Int32(character) == KEY_ENTER { text.append("\n") }
                continue
            }
            // Terminals send a pasted line break as CR.
            if character == 0x0D { text.append("\n"); continue }
            if let scalar = Unicode.Scalar(UInt32(character)) { text.append(scalar) }
        }
        return .paste(String(text))
    }

    /// Bracketed paste on and off: on while the dashboard runs, off whenever the shell has the
    /// terminal (quit, Ctrl-Z, a crash), since the shell turns it off as it reads a command line.
    static let bracketedPasteOn: StaticString = "\u{1B}[?2004h"
    static let bracketedPasteOff: StaticString = "\u{1B}[?2004l"

    /// Writes without allocating, so a signal handler may call it.
    static func writeToTerminal(_ sequence: StaticString) {
        _ = Glibc.write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
    }

    /// Ctrl-Z: gives the terminal back to the shell as on quitting and stops the process; `fg`
    /// continues here, and the next frame is drawn whole with bracketed paste on again.
    public func suspend() {
        Self.writeToTerminal(Self.bracketedPasteOff)
        endwin()
        Glibc.signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        // Continued (fg).
        Signals.catchSuspend()
        Self.writeToTerminal(Self.bracketedPasteOn)
        invalidate()
    }

    private func functionKey(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE:
            previous = nil
            return .resize
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let kind: MouseEvent.Kind
            if liaison_mouse_wheel_up(event.bstate) != 0 {
                kind = .wheelUp
            } else if liaison_mouse_wheel_down(event.bstate) != 0 {
                kind = .wheelDown
            } else if liaison_mouse_button1(event.bstate) != 0 {
                kind = .press
            } else {
                return nil
            }
            return .mouse(MouseEvent(kind: kind, x: Int(event.x), y: Int(event.y)))
        default:
            for number in 1...12 where code == liaison_key_f(Int32(number)) { return .key(.function(number)) }
            return nil
        }
    }

    public func setMouse(_ enabled: Bool) {
        mousemask(enabled ? liaison_mouse_mask() : 0, nil)
        mouseinterval(0)
    }

    /// Redraws everything on the next frame (after Ctrl-Z and `fg`, or a Ctrl-L).
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    /// Maps a style to curses attributes and a colour pair, allocating pairs as they are needed.
    private func curses(_ style: Style) -> (attr_t, Int16) {
        var attributes = liaison_a_normal()
        if style.attributes.contains(.bold) { attributes |= liaison_a_bold() }
        if style.attributes.contains(.dim) { attributes |= liaison_a_dim() }
        if style.attributes.contains(.italic) { attributes |= liaison_a_italic() }
        if style.attributes.contains(.underline) { attributes |= liaison_a_underline() }
        if style.attributes.contains(.reverse) { attributes |= liaison_a_reverse() }
        let key = PairKey(foreground: number(colorDepth.map(style.foreground)), background: number(colorDepth.map(style.background)))
        if key.foreground == -1 && key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < liaison_color_pairs() else { return (attributes, 0) }
        init_pair(next, key.foreground, key.background)
        pairs[key] = next
        return (attributes, next)
    }

    private func number(_ color: Color) -> Int16 {
        switch color {
        case .default, .rgb: -1
        case .indexed(let index): Int16(index)
        }
    }
}

/// Signal handling that keeps the terminal usable: SIGINT, SIGTERM and SIGHUP (the SSH
/// connection dropped) ask the main loop to stop, which restores the terminal; a crash restores
/// it from the handler and then dies as it would have.
public enum Signals {
    public static func install() {
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Glibc.signal(signal) { number in stopRequest.store(number, ordering: .relaxed) }
        }
        // Installed before curses starts, so curses keeps its own handler out: its handler
        // would suspend without turning bracketed paste off and on (see CursesTerminal.suspend).
        catchSuspend()
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            Glibc.signal(signal) { number in
                CursesTerminal.writeToTerminal(CursesTerminal.bracketedPasteOff)
                endwin()
                releaseStandardError()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func catchSuspend() {
        Glibc.signal(SIGTSTP) { _ in suspendRequest.store(true, ordering: .relaxed) }
    }

    /// Whether Ctrl-Z (SIGTSTP) came since last asked; taking it clears it.
    public static func takeSuspend() -> Bool {
        suspendRequest.exchange(false, ordering: .relaxed)
    }

    /// Whether Ctrl-C (SIGINT) came since last asked; taking it clears it, so the dashboard can
    /// treat it as a quit that asks first instead of stopping at once.
    public static func takeInterrupt() -> Bool {
        stopRequest.compareExchange(expected: SIGINT, desired: 0, ordering: .relaxed).exchanged
    }

    /// The signal that asked to stop, if one did.
    public static var stopSignal: Int32? {
        let value = stopRequest.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
