/// Text as Office Open XML stores it (ST_Xstring, ECMA-376 part 1, 22.9.2.19): a character XML 1.0
/// cannot hold (the C0 controls but tab, line feed and carriage return) is written `_xHHHH_`, its
/// UTF-16 code in hex, and an `_x` that would read as such an escape has its `_` written
/// `_x005F_`. Excel, LibreOffice and openpyxl all read and write it so.
enum OOXMLText {
    private static let underscore = UInt16(UInt8(ascii: "_")), lowerX = UInt16(UInt8(ascii: "x")), upperX = UInt16(UInt8(ascii: "X"))
    private static let zero = UInt16(UInt8(ascii: "0")), nine = UInt16(UInt8(ascii: "9"))
    private static let lowerA = UInt16(UInt8(ascii: "a")), lowerF = UInt16(UInt8(ascii: "f"))
    private static let upperA = UInt16(UInt8(ascii: "A")), upperF = UInt16(UInt8(ascii: "F"))

    /// The text with every `_xHHHH_` turned back into its character.
    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let units = Array(text.utf16)
        var result: [UInt16] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            if let unit = escape(in: units, at: index) {
                result.append(unit)
                index += 7
            } else {
                result.append(units[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF16.self)
    }

    /// The text with the characters XML forbids, and `_x` that would read as an escape, escaped.
    static func encoded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isForbidden($0) || $0 == "_" }) else { return text }
        let units = Array(text.utf16)
        var result = ""
        for (index, unit) in units.enumerated() {
            if unit < 0x20 && unit != 0x09 && unit != 0x0A && unit != 0x0D || unit == 0xFFFE || unit == 0xFFFF {
                result += "_x" + hex(unit) + "_"
            } else if unit == underscore, escape(in: units, at: index) != nil {
                result += "_x005F_"
            } else {
                result += String(decoding: [unit], as: UTF16.self)
            }
        }
        return result
    }

    /// XML 1.0's Char production leaves out these, which no escape, not even `&#1;`, may write.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// The code unit `_xHHHH_` at the index stands for, if one starts there.
    private static func escape(in units: [UInt16], at index: Int) -> UInt16? {
        guard index + 6 < units.count, units[index] == underscore, units[index + 1] == lowerX || units[index + 1] == upperX,
              units[index + 6] == underscore else { return nil }
        var value: UInt16 = 0
        for unit in units[(index + 2)..<(index + 6)] {
            guard let digit = hexDigit(unit) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexDigit(_ unit: UInt16) -> UInt16? {
        switch unit {
        case zero...nine: unit - zero
        case lowerA...lowerF: unit - lowerA + 10
        case upperA...upperF: unit - upperA + 10
        default: nil
        }
    }

    private static func hex(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
