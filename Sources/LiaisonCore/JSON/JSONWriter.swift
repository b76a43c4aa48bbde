/// Writes JSON in the network file's canonical form: two-space indentation, `"key": value`,
/// non-ASCII written as itself, empty containers as `[]` and `{}` (the layout of Python's
/// `json.dump(indent=2, ensure_ascii=False)`, so hand tools and the program agree); or `compact`,
/// on one line with no spaces, for logs of one JSON document per line (JSON Lines).
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// Whether the container being written has had a member yet (for the comma).
    private var hasMember: [Bool] = []
    private let compact: Bool
    /// Set while a network is saved: top-level records copied from the file they were read
    /// from, and where each is written (SourceText).
    var topLevelRecords: RecordReuse?
    /// Where the bytes go as they are made, when they are not all kept: a save streams a 140 MB
    /// file to its temporary file through a buffer of `output.bufferSize` bytes.
    private let output: ByteOutput?
    /// How many bytes were handed to `output` before those in `bytes`.
    private var handedOut = 0

    public init(capacity: Int = 1 << 16, compact: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.compact = compact
        output = nil
    }

    /// A writer that hands its bytes to `output` whenever `handOutIfFull` finds a buffer's worth.
    init(streamingTo output: ByteOutput) {
        // Room for one record more than the buffer holds, so that it is never copied to grow.
        bytes.reserveCapacity(output.bufferSize + (64 << 10))
        compact = false
        self.output = output
    }

    /// Where the next byte lands in the whole output, counting the bytes handed out.
    var position: Int { handedOut + bytes.count }

    /// Hands the bytes made so far to the output once they fill its buffer. Called between
    /// top-level records; anywhere else it would do as well, since only positions are kept.
    mutating func handOutIfFull() {
        guard let output, bytes.count >= output.bufferSize else { return }
        handOut(to: output)
    }

    /// Hands every byte made so far to the output (the end of the document).
    mutating func handOutRest() {
        guard let output, !bytes.isEmpty else { return }
        handOut(to: output)
    }

    private mutating func handOut(to output: ByteOutput) {
        bytes.withUnsafeBufferPointer { output.write($0) }
        handedOut += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: containers

    public mutating func beginObject() { bytes.append(UInt8(ascii: "{")); open() }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { bytes.append(UInt8(ascii: "[")); open() }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the current object; the value written next belongs to it.
    public mutating func key(_ key: String) {
        newMember()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        if !compact { bytes.append(UInt8(ascii: " ")) }
    }

    /// Starts an element of the current array.
    public mutating func element() { newMember() }

    // MARK: scalars

    public mutating func string(_ value: String) { writeString(value) }
    public mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { bytes.append(contentsOf: "null".utf8) }
    public mutating func rawNumber(_ text: String) { bytes.append(contentsOf: text.utf8) }
    /// A whole value already in this writer's form (a record's bytes from the file it was read from).
    mutating func raw(_ value: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: value) }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let text): rawNumber(text)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for item in elements {
                element()
                self.value(item)
            }
            endArray()
        case .object(let object):
            beginObject()
            members(object)
            endObject()
        }
    }

    /// Writes the members of an object into the object being written.
    public mutating func members(_ object: JSONObject) {
        for member in object.members {
            key(member.key)
            value(member.value)
        }
    }

    public mutating func finishDocument() { bytes.append(0x0A) }

    // MARK: layout

    private mutating func open() {
        indent += 1
        hasMember.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 1
        if hasMember.removeLast() { newline() }
        bytes.append(bracket)
    }

    private mutating func newMember() {
        if hasMember[hasMember.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        newline()
    }

    private mutating func newline() {
        guard !compact else { return }
        bytes.append(0x0A)
        for _ in 0..<(indent * 2) { bytes.append(0x20) }
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
            case 0x00..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
