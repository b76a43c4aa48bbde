/// Two hexadecimal digits as a byte, as quoted-printable (`=C3`) and percent-encoding (`%2F`)
/// write them: nil unless both are hex digits (a sign or a space is not one).
enum HexDigits {
    static func byte(_ digits: some Collection<UInt8>) -> UInt8? {
        guard digits.count == 2, let high = value(digits.first!), let low = value(digits[digits.index(after: digits.startIndex)]) else { return nil }
        return high << 4 | low
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
