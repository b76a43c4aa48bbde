import TerminalUI

/// A one-line text being typed: a form's field, the search line, the jump prompt.
///
/// The cursor stands between two characters, Swift's `Character`s, which are extended grapheme
/// clusters: "é" written as e + U+0301, 👍🏽, 🇯🇵 and 👩‍💻 are one character each, and the cursor
/// steps over each whole. Typing arrives one Unicode scalar at a time (a terminal reads one per
/// key, a dead key sends the mark after the letter, a paste sends every scalar), and a scalar
/// may join the character before it: the cursor is therefore worked out anew after every change,
/// from where the change ended, and rests after the character the new text joined. It counts the
/// characters before it and can never point past the text.
public struct TextField: Equatable, Sendable {
    public private(set) var text = ""
    /// The characters before the cursor, `0...text.count`.
    public private(set) var cursor = 0

    public init() {}

    /// A field holding `text`, the cursor at its end.
    public init(_ text: String) { set(text) }

    /// Replaces the text; the cursor goes to its end.
    public mutating func set(_ value: String) {
        text = value
        cursor = value.count
    }

    public mutating func insert(_ character: Character) { insert(String(character)) }

    /// Inserts at the cursor, which then stands after what was inserted, or after the character
    /// it became part of (e then U+0301 makes é, the cursor after it).
    public mutating func insert(_ typed: String) {
        let at = cursorIndex
        replace(at..<at, with: typed)
    }

    /// Backspace: deletes the character before the cursor, whole (é typed as e + U+0301 goes at once).
    public mutating func deleteBackward() {
        let end = cursorIndex
        guard end > text.startIndex else { return }
        replace(text.index(before: end)..<end, with: "")
    }

    /// Delete: deletes the character at the cursor, whole.
    public mutating func deleteForward() {
        let start = cursorIndex
        guard start < text.endIndex else { return }
        replace(start..<text.index(after: start), with: "")
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = text.count }

    /// Ctrl-U: deletes from the start to the cursor.
    public mutating func killToStart() { replace(text.startIndex..<cursorIndex, with: "") }

    /// Ctrl-K: deletes from the cursor to the end.
    public mutating func killToEnd() { replace(cursorIndex..<text.endIndex, with: "") }

    /// Ctrl-W: deletes the word before the cursor, and the spaces between it and the cursor.
    public mutating func deleteWordBackward() {
        let end = cursorIndex
        var start = end
        while start > text.startIndex, text[text.index(before: start)].isWhitespace { start = text.index(before: start) }
        while start > text.startIndex, !text[text.index(before: start)].isWhitespace { start = text.index(before: start) }
        replace(start..<end, with: "")
    }

    /// Where the cursor is in `text`.
    private var cursorIndex: String.Index {
        text.index(text.startIndex, offsetBy: cursor, limitedBy: text.endIndex) ?? text.endIndex
    }

    /// The one way the text changes: the cursor goes where the new text ends, counted in
    /// scalars, rounded up to the end of the character that point falls in.
    private mutating func replace(_ range: Range<String.Index>, with new: String) {
        let end = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound) + new.unicodeScalars.count
        text.replaceSubrange(range, with: new)
        var characters = 0
        var scalars = 0
        for character in text where scalars < end {
            scalars += character.unicodeScalars.count
            characters += 1
        }
        cursor = characters
    }
}

extension TextField {
    /// The columns the text before the cursor takes on the screen, as `Buffer.write` draws it.
    public var cursorColumn: Int { Sanitizer.width(of: text[..<cursorIndex]) }

    /// What a box `width` columns wide shows of the text, and the cursor's column in it. A text
    /// wider than the box scrolls left as far as needed for the cursor, the character under it,
    /// and the "…" that marks more text after it to fit, so the cursor is always inside the box.
    public func visible(width: Int) -> (text: Substring, cursorColumn: Int) {
        guard width > 0 else { return (text[text.endIndex...], 0) }
        let end = cursorIndex
        var room = width - 1
        if end < text.endIndex {
            let next = text.index(after: end)
            room = width - max(1, Sanitizer.width(of: text[end..<next])) - (next < text.endIndex ? 1 : 0)
        }
        var start = end
        var used = 0
        while start > text.startIndex {
            let previous = text.index(before: start)
            let columns = Sanitizer.width(of: text[previous..<start])
            if used + columns > room { break }
            used += columns
            start = previous
        }
        return (text[start...], used)
    }
}

extension TextField {
    /// Does a text-editing command (typing, deleting, moving the cursor), the same in forms, the
    /// search line and the jump prompt. Returns false for a command that is not one.
    public mutating func apply(_ command: Command) -> Bool {
        switch command {
        case .insert(let character): insert(character)
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        case .cursorLeft: moveLeft()
        case .cursorRight: moveRight()
        case .lineStart: moveHome()
        case .lineEnd: moveEnd()
        case .killToStart: killToStart()
        case .killToEnd: killToEnd()
        case .deleteWord: deleteWordBackward()
        default: return false
        }
        return true
    }
}
