import LiaisonCore

/// A cell's place as a sheet names it, `C7` or `AB12`: the column letters (A = 0, Z = 25, AA = 26,
/// up to Excel's last column XFD = 16383) and the row number (1 to 1,048,576). A reference
/// outside those limits is refused, so no file can make the reader allocate for a column
/// ZZZZZZZ.
struct XLSXCellReference: Equatable {
    static let columnCount = 16_384
    static let rowCount = 1_048_576

    var column: Int
    var row: Int

    init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Parses `AB12`; nil when it is not a reference within the limits.
    init?(_ text: String) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0, UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                letters += 1
                guard letters <= 3 else { return nil }
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                digits += 1
                guard digits <= 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "$"):
                continue
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, column <= Self.columnCount, (1...Self.rowCount).contains(row) else { return nil }
        self.init(column: column - 1, row: row)
    }

    /// The column's letters: 0 is A, 26 is AA.
    static func letters(ofColumn column: Int) -> String {
        var number = column + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(letters)
    }

    var description: String { "\(Self.letters(ofColumn: column))\(row)" }
}
