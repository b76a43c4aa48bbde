/// A rectangle of the screen, in columns and rows.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func splitHorizontally(leftWidth: Int) -> (Rect, Rect) {
        let left = min(max(0, leftWidth), width)
        return (Rect(x: x, y: y, width: left, height: height), Rect(x: x + left, y: y, width: width - left, height: height))
    }

    public func splitVertically(topHeight: Int) -> (Rect, Rect) {
        let top = min(max(0, topHeight), height)
        return (Rect(x: x, y: y, width: width, height: top), Rect(x: x, y: y + top, width: width, height: height - top))
    }
}

/// One screen cell: a grapheme with its style. A wide grapheme fills its cell and marks the
/// next one as its continuation, which is drawn by nothing.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style
    public var isContinuation: Bool

    public init(_ text: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.text = text
        self.style = style
        self.isContinuation = isContinuation
    }
}

/// What views draw into: a grid of cells, compared and shown by a `Terminal`. Every string
/// reaches it through `write`, which is the one place data is made safe for a terminal.
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor goes (a text field being edited), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0.x, $0.y) } }
        set { cursorPosition = newValue.map { Position(x: $0.x, y: $0.y) } }
    }
    private var cursorPosition: Position?

    private struct Position: Equatable, Sendable {
        var x: Int
        var y: Int
    }

    /// Style of the placeholders that stand for control characters from the data.
    public var controlStyle = Style(attributes: [.reverse])

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(style: style), count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    public mutating func fill(_ rect: Rect, style: Style) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x] = Cell(style: style) }
        }
    }

    /// Changes the style of cells without changing their text (selection bars, highlights).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { change(&cells[y * width + x].style) }
        }
    }

    /// Writes text on one row from (x, y), at most `maxWidth` columns, ending in "…" when cut.
    /// Control characters and bidirectional controls are shown as visible placeholders in
    /// `controlStyle`, so no byte of data can move the cursor or reach the terminal as an
    /// escape sequence; a line break never starts a new row. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let pieces = Sanitizer.pieces(of: text)
        let total = pieces.reduce(0) { $0 + $1.width }
        let fits = total <= limit
        var column = x
        let end = x + limit
        for piece in pieces {
            // Leave room for the ellipsis when the text does not fit.
            let room = fits ? end - column : end - 1 - column
            if piece.width > room { break }
            put(piece.text, width: piece.width, x: column, y: y, style: piece.isControl ? controlStyle.merged(over: style) : style)
            column += piece.width
        }
        if !fits, column < end {
            put("…", width: 1, x: column, y: y, style: style)
            column += 1
        }
        return column - x
    }

    private mutating func put(_ text: String, width characterWidth: Int, x: Int, y: Int, style: Style) {
        guard x >= 0, x + characterWidth <= width else { return }
        let index = y * width + x
        // Overwriting part of a wide character blanks the rest of it, so none is left half drawn.
        if cells[index].isContinuation, x > 0 { cells[index - 1] = Cell(style: cells[index - 1].style) }
        let after = x + characterWidth
        if after < width, cells[index + characterWidth].isContinuation {
            cells[index + characterWidth] = Cell(style: cells[index + characterWidth].style)
        }
        cells[index] = Cell(text, style: style)
        if characterWidth == 2 { cells[index + 1] = Cell("", style: style, isContinuation: true) }
    }

    private func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX), y1 = min(height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// The screen as text, one string per row, wide characters once: what tests compare.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !cells[y * width + x].isContinuation { line += cells[y * width + x].text }
            return line
        }
    }

    public static func == (lhs: Buffer, rhs: Buffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells && lhs.cursorPosition == rhs.cursorPosition
    }
}

extension Style {
    /// This style's attributes and colours, where set, on top of another style.
    public func merged(over base: Style) -> Style {
        Style(foreground: foreground == .default ? base.foreground : foreground,
              background: background == .default ? base.background : background,
              attributes: attributes.union(base.attributes))
    }
}

/// Makes data safe for a terminal: the one rule of which scalars a terminal could act on and
/// what visible placeholder stands for each. The dashboard draws through `pieces(of:)`, the
/// CLI prints through `safe(_:keepingLineFeeds:)`; both ask `placeholder(for:)`.
///
/// The rule lives here, in TerminalUI, rather than in a target of its own: TerminalUI has no
/// dependencies, the CLI already imports it for display widths, and the rule belongs with the
/// code that knows what a terminal does with text.
public enum Sanitizer {
    public struct Piece: Equatable, Sendable {
        public var text: String
        public var width: Int
        public var isControl: Bool
    }

    /// One piece per cell-starting scalar, as wcwidth and ncurses count: a scalar of width 0
    /// (a combining mark) joins the piece before it, and scripts whose clusters hold several
    /// spacing characters (Devanagari vowel signs) get a cell for each, as terminals draw them.
    public static func pieces(of text: String) -> [Piece] {
        var pieces: [Piece] = []
        for scalar in text.unicodeScalars {
            if let placeholder = placeholder(for: scalar) {
                pieces.append(Piece(text: placeholder, width: 1, isControl: true))
                continue
            }
            let width = TextWidth.of(scalar)
            if width == 0 {
                if let last = pieces.indices.last, !pieces[last].isControl { pieces[last].text.unicodeScalars.append(scalar) }
                continue
            }
            pieces.append(Piece(text: String(scalar), width: width, isControl: false))
        }
        return pieces
    }

    /// The columns `Buffer.write` takes to draw text: each scalar's width, a placeholder's 1.
    /// Unlike `TextWidth.of`, this counts what the sanitiser makes visible; it adds up over
    /// pieces of a text, so the width of what stands before a cursor is where the cursor goes.
    public static func width(of text: some StringProtocol) -> Int {
        var width = 0
        for scalar in text.unicodeScalars { width += isUnsafe(scalar) ? 1 : TextWidth.of(scalar) }
        return width
    }

    /// Text for line-oriented output (the CLI): every unsafe scalar replaced by its placeholder,
    /// so the result is one line that measures by `TextWidth` as it will show. With
    /// `keepingLineFeeds` a line feed stays a line break, for text whose own lines are meant.
    public static func safe(_ text: String, keepingLineFeeds: Bool = false) -> String {
        safe(text) { scalar, _ in keepingLineFeeds && scalar == "\n" }
    }

    /// A cell of a table a program reads (CSV) that may still end on a terminal (`| grep`): its
    /// line breaks (LF, CRLF) and tabs kept, which move a terminal's cursor as a reader expects,
    /// every other unsafe scalar (a lone CR among them) as its placeholder.
    public static func safeCell(_ text: String) -> String {
        safe(text) { scalar, next in scalar == "\n" || scalar == "\t" || (scalar == "\r" && next == "\n") }
    }

    private static func safe(_ text: String, keeping isKept: (_ scalar: Unicode.Scalar, _ next: Unicode.Scalar?) -> Bool) -> String {
        // Nearly all text is safe: it is returned as it is, without being copied.
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let scalar = next {
            next = scalars.next()
            if !isKept(scalar, next), let placeholder = placeholder(for: scalar) {
                result.append(contentsOf: placeholder.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        placeholder(for: scalar) != nil
    }

    /// The placeholder for a scalar a terminal would act on, or nil for a safe one: C0 controls
    /// as their Control Pictures (␛ for ESC, ␊ for LF), DEL as ␡, and C1 controls and the
    /// characters that reorder or break lines as a replacement character.
    ///
    /// Unsafe besides the controls: the bidirectional embeddings, overrides and isolates
    /// (U+202A–U+202E, U+2066–U+2069), which reorder everything up to the end of the line; the
    /// bidirectional marks (U+200E, U+200F, U+061C), invisible strong characters that reorder
    /// the digits and punctuation beside them and, first on a line, turn the whole line
    /// right-to-left in a terminal that applies the bidi algorithm; and the line and paragraph
    /// separators (U+2028, U+2029), which end a line for bidi and for many viewers and editors
    /// that output is pasted into, and whose width terminals disagree on.
    public static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        if value < 0x20 { return String(Unicode.Scalar(0x2400 + value)!) }
        if value == 0x7F { return "␡" }
        if value < 0x7F { return nil }
        if (0x80...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || value == 0x200E || value == 0x200F || value == 0x061C || value == 0x2028 || value == 0x2029 {
            return "�"
        }
        return nil
    }
}
