#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cursor's steps for reading a record's fields: a value of the expected type, or a problem
/// reported at the field's path and the value skipped (a file with wrong types is reported
/// whole, not stopped at the first).
extension JSONCursor {
    /// Skips a value, still checking that it is well-formed JSON.
    mutating func skipValue() throws(JSONSyntaxError) {
        _ = try readValue()
    }

    mutating func expectString() throws(JSONSyntaxError) -> String? {
        guard try expect(.string, "a string") else { return nil }
        return try readString()
    }

    /// A string of a field whose values repeat from record to record, as a String already made
    /// when the bytes are the same: one of a choice's values (its constant), or the timestamp
    /// read last. A value longer than 15 bytes is an allocation of its own (64 bytes): at
    /// 100,000 partners, 200,000 agreements' kinds and as many stamps were 15 MB of copies.
    mutating func expectString(sharing type: FieldType) throws(JSONSyntaxError) -> String? {
        guard try expect(.string, "a string") else { return nil }
        let text = try readStringBytes()
        guard case .raw(let range, _) = text, range.count > 15 else { return text.string(in: bytes) }
        func same(_ string: String) -> Bool {
            string.utf8.count == range.count
                && string.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, bytes.baseAddress! + range.lowerBound, range.count) == 0 } == true
        }
        switch type {
        case .choice(let values):
            return values.first(where: same) ?? text.string(in: bytes)
        case .timestamp:
            if !same(lastTimestamp) { lastTimestamp = text.string(in: bytes) }
            return lastTimestamp
        default:
            return text.string(in: bytes)
        }
    }

    /// True at a value of the expected kind; otherwise reports "must be `what`, not …" at the
    /// field's path and skips the value: the one place a wrong type is reported.
    mutating func expect(_ expected: JSONKind, _ what: String) throws(JSONSyntaxError) -> Bool {
        let kind = try peekKind()
        guard kind == expected else {
            report(.error, "must be \(what), not \(kind.name)")
            try skipValue()
            return false
        }
        return true
    }

    /// True at an array; otherwise reports "must be `what`" and skips the value.
    mutating func expectArray(_ what: String) throws(JSONSyntaxError) -> Bool {
        try expect(.array, what)
    }

    /// Reads each element of the array at the cursor with `element`, its index on the path.
    mutating func readElements(_ element: (inout JSONCursor) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        guard try beginArray() else { return }
        var index = 0
        repeat {
            pathStack.append(.index(index))
            try element(&self)
            pathStack.removeLast()
            index += 1
        } while try nextElement()
    }

    /// A whole number, parsed from its bytes.
    mutating func expectInt() throws(JSONSyntaxError) -> Int? {
        guard try expect(.number, "a whole number") else { return nil }
        let range = try readNumberBytes()
        if let number = Self.wholeNumber(UnsafeBufferPointer(rebasing: bytes[range])) {
            // `-0` reads as 0, which the writer writes as `0`.
            if number == 0, bytes[range.lowerBound] == UInt8(ascii: "-") { isCanonical = false }
            return number
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let number = Int(text) else {
            report(.error, "\(text) is not a whole number")
            return nil
        }
        return number
    }

    /// The value of a number of up to 18 digits with no fraction or exponent; nil for any other
    /// (those go the slow way, through `Int(String)`).
    private static func wholeNumber(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        guard text.count - index <= 18 else { return nil }
        var value = 0
        while index < text.count {
            let digit = Int(text[index]) - Int(UInt8(ascii: "0"))
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }

    /// A `YYYY-MM-DD` day, parsed from the string's bytes.
    mutating func expectDay() throws(JSONSyntaxError) -> Day? {
        guard try expect(.string, "a string") else { return nil }
        let text = try readStringBytes()
        if case .raw(let range, ascii: true) = text, let day = Day(utf8: UnsafeBufferPointer(rebasing: bytes[range])) {
            return day
        }
        let string = text.string(in: bytes)
        guard let day = Day(string) else {
            report(.error, "\"\(string)\" is not a date: YYYY-MM-DD, a real day of the calendar")
            return nil
        }
        return day
    }
}
