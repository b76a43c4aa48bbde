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

/// Makes data safe to draw: splits text into graphemes with their widths and replaces what a
/// terminal would act on (C0 and C1 controls, DEL, bidirectional overrides and isolates) with
/// visible placeholders.
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
            if isUnsafe(scalar) {
                pieces.append(Piece(text: placeholder(for: scalar), width: 1, isControl: true))
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

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// C0 controls as their Control Pictures (␛ for ESC, ␊ for LF), DEL as ␡, and the rest
    /// (C1, bidirectional controls) as a replacement character.
    static func placeholder(for scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x20 { return String(Unicode.Scalar(0x2400 + value)!) }
        if value == 0x7F { return "␡" }
        return "�"
    }
}
