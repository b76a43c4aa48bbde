/// The lines of an iCalendar or vCard file (`NAME;PARAM=VALUE:value`), and how they are written
/// and read: both formats fold a line longer than 75 octets into several, each continuation
/// starting with a space (RFC 5545 §3.1, RFC 6350 §3.2), and end every line with CRLF.
public struct ContentLines: Sendable, Equatable {
    /// The unfolded lines, values already in their written form.
    public private(set) var lines: [String] = []

    public init() {}

    /// How lines end: CRLF in a file, as both RFCs require; a line feed alone for reading on a
    /// terminal (where a CR is a control character).
    public enum LineEnding: String, Sendable {
        case crlf = "\r\n"
        case lf = "\n"
    }

    /// The octets a written line may have, its line ending not counted.
    public static let maximumOctets = 75

    /// A line whose value is written as given (a date, a URI, a duration, a compound value
    /// escaped by the caller).
    public mutating func add(_ name: String, raw value: String) {
        lines.append(name + ":" + value)
    }

    /// A line holding text: escaped (`ContentLineText`). Empty text adds nothing.
    public mutating func add(_ name: String, text: String?) {
        guard let text, !text.isEmpty else { return }
        add(name, raw: ContentLineText.escaped(text))
    }

    public mutating func append(_ other: ContentLines) {
        lines += other.lines
    }

    /// The file: every line folded, every line ended by `lineEnding`.
    public func bytes(lineEnding: LineEnding = .crlf) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 4 })
        let ending = Array(lineEnding.rawValue.utf8)
        for line in lines {
            for (index, piece) in Self.fold(line).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: " ")) }
                bytes.append(contentsOf: piece.utf8)
                bytes.append(contentsOf: ending)
            }
        }
        return bytes
    }

    /// A line cut into pieces that are, written, at most 75 octets: the first as it is, each
    /// further one after the space that marks it as a continuation. A cut never falls inside a
    /// character's UTF-8 sequence.
    static func fold(_ line: String) -> [Substring] {
        guard line.utf8.count > maximumOctets else { return [line[...]] }
        var pieces: [Substring] = []
        var start = line.unicodeScalars.startIndex
        var octets = 0
        var limit = maximumOctets
        var index = start
        while index < line.unicodeScalars.endIndex {
            let width = UTF8.width(line.unicodeScalars[index])
            if octets + width > limit {
                pieces.append(Substring(line.unicodeScalars[start..<index]))
                start = index
                octets = 0
                limit = maximumOctets - 1
            }
            octets += width
            index = line.unicodeScalars.index(after: index)
        }
        pieces.append(Substring(line.unicodeScalars[start...]))
        return pieces
    }

    /// The logical lines of a file: a line break (CRLF, LF or CR) followed by a space or a tab
    /// joins the lines, both taken out. Empty lines are dropped.
    public static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\r" || scalar == "\n" else {
                current.append(scalar)
                continue
            }
            if scalar == "\r", scalars.first == "\n" { scalars.removeFirst() }
            if let next = scalars.first, next == " " || next == "\t" {
                scalars.removeFirst()
                continue
            }
            if !current.isEmpty { lines.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}
