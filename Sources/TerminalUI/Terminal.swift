/// A key or other input, as the keymap sees it.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl with a letter: `.control("r")` is Ctrl-R.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)

    /// How help and hints write the key.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let character): "Ctrl-" + String(character).uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .function(let number): "F\(number)"
        }
    }
}

public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal changed size.
    case resize
    /// Text pasted in one piece (bracketed paste): it is text, never keys to act on.
    case paste(String)
}

extension InputEvent {
    /// What a character read from the terminal stands for. The terminal gives one Unicode scalar
    /// at a time (curses' get_wch), whatever the keyboard or a paste sent: "é" typed with a dead
    /// key, or pasted in NFD, is an e then a U+0301, and 👩‍💻 is three scalars. Each printable
    /// scalar is a key of its own that types it; a text field joins them into characters.
    /// Controls that are no key (NUL, Ctrl-\ to Ctrl-_, C1) and values that are no scalar
    /// (surrogates) are nothing.
    public static func typed(_ value: UInt32) -> InputEvent? {
        switch value {
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(Unicode.Scalar(value + 96)!)))
        case 0, 28...31, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }
}

public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// What the program needs of a terminal: its size, a way to show a whole frame, and input.
/// `CursesTerminal` is the real one; `MemoryTerminal` serves tests.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Shows the frame; only what changed since the last one needs to reach the terminal.
    func present(_ frame: Buffer)
    /// The next input, or nil when none came within the timeout (milliseconds).
    func nextEvent(timeout: Int) -> InputEvent?
    /// Mouse reporting on or off (off keeps the terminal's own copy and paste).
    func setMouse(_ enabled: Bool)
    /// The next frame is drawn whole, whatever the terminal is thought to show (Ctrl-L).
    func invalidate()
    /// Gives the terminal back to the shell and stops until continued (Ctrl-Z, then `fg`).
    func suspend()
}

/// A terminal in memory: scripted input, the last frame kept for inspection.
public final class MemoryTerminal: Terminal {
    public var size: Size
    public private(set) var lastFrame: Buffer?
    public private(set) var mouseEnabled = false
    private var events: [InputEvent]

    public init(width: Int, height: Int, events: [InputEvent] = []) {
        size = Size(width: width, height: height)
        self.events = events
    }

    public func send(_ events: [InputEvent]) { self.events += events }

    public func send(keys: [Key]) { events += keys.map(InputEvent.key) }

    public func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        events.append(.resize)
    }

    /// How many times the whole screen was to be drawn anew.
    public private(set) var invalidations = 0

    public func present(_ frame: Buffer) {
        lastFrame = frame
    }

    public func invalidate() { invalidations += 1 }

    /// How many times the session was suspended.
    public private(set) var suspensions = 0

    public func suspend() {
        suspensions += 1
        invalidate()
    }

    public func nextEvent(timeout: Int) -> InputEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    public var hasPendingEvents: Bool { !events.isEmpty }

    public func setMouse(_ enabled: Bool) { mouseEnabled = enabled }

    /// The last frame as text lines.
    public var screen: [String] { lastFrame?.lines ?? [] }
}
