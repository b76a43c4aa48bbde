/// The rules a record must satisfy, used when a file is loaded and when an edit is applied.
/// Errors refuse a file or an edit; warnings (unknown enum values, dangling links, a website or
/// e-mail that does not look right) are shown, and the data is kept as it is.
public enum Validation {
    /// Problems of one record by its kind's table; paths are relative to the record (`agreements[0].end`).
    public static func check(_ partner: Partner) -> [Diagnostic] { check(partner, Schemas.partner) }
    public static func check(_ objective: Objective) -> [Diagnostic] { check(objective, Schemas.objective) }
    public static func check(_ event: Event) -> [Diagnostic] { check(event, Schemas.event) }
    public static func check(_ contact: Contact) -> [Diagnostic] { check(contact, Schemas.contact) }

    private static func check<R>(_ record: R, _ schema: RecordSchema<R>) -> [Diagnostic] {
        var issues = Issues()
        schema.check(record, into: &issues)
        return issues.list
    }

    public static func check(_ record: Record) -> [Diagnostic] {
        switch record {
        case .partner(let partner): check(partner)
        case .objective(let objective): check(objective)
        case .event(let event): check(event)
        case .contact(let contact): check(contact)
        }
    }

    /// Links from a record to records that do not exist in `exists`: what an edit must not make.
    public static func missingLinks(of record: Record, exists: (String, RecordKind) -> Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for field in Schema.fields(of: record.kind) {
            guard let kind = field.type.linkedKind else { continue }
            for (index, id) in RecordText.values(of: record, key: field.key).enumerated() where !exists(id, kind) {
                let path = field.type.isList ? "\(field.key)[\(index)]" : field.key
                diagnostics.append(Diagnostic(.warning, path: path, "links to \(kind.rawValue) \"\(id)\", which does not exist", refusesInput: true))
            }
        }
        return diagnostics
    }

    /// Every problem of a whole network: each record's own, ids used twice, and links to
    /// records that do not exist.
    public static func check(_ network: Network) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The prefix is built only for a record that has problems: most have none.
        func add(_ list: [Diagnostic], at prefix: @autoclosure () -> String) {
            guard !list.isEmpty else { return }
            let prefix = prefix()
            for var diagnostic in list {
                diagnostic.path = prefix + "." + diagnostic.path
                diagnostics.append(diagnostic)
            }
        }
        for (index, record) in network.partners.enumerated() { add(check(record), at: "partners[\(index)]") }
        for (index, record) in network.objectives.enumerated() { add(check(record), at: "objectives[\(index)]") }
        for (index, record) in network.events.enumerated() { add(check(record), at: "events[\(index)]") }
        for (index, record) in network.contacts.enumerated() { add(check(record), at: "contacts[\(index)]") }
        return diagnostics + checkAcrossRecords(network)
    }

    // MARK: single rules, public for forms that check a field as it is typed

    public static func isValidId(_ id: String) -> Bool {
        var utf8 = id.utf8.makeIterator()
        guard let first = utf8.next(), isLowerAlphanumeric(first) else { return false }
        while let byte = utf8.next() {
            guard isLowerAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else { return false }
        }
        return true
    }

    public static func isISCED(_ code: String) -> Bool {
        code.utf8.count == 4 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// An academic year as EWP writes it: `2026/2027`, or `2026/2026` where it is a calendar year
    /// (the southern hemisphere).
    public static func isAcademicYear(_ text: String) -> Bool {
        // Checked on the bytes: every agreement's IIA has several, and a load checks them all.
        let utf8 = text.utf8
        guard utf8.count == 9 else { return false }
        var years = (0, 0)
        for (index, byte) in utf8.enumerated() {
            if index == 4 {
                guard byte == UInt8(ascii: "/") else { return false }
                continue
            }
            guard isDigit(byte) else { return false }
            let digit = Int(byte - UInt8(ascii: "0"))
            if index < 4 { years.0 = years.0 * 10 + digit } else { years.1 = years.1 * 10 + digit }
        }
        return years.1 == years.0 || years.1 == years.0 + 1
    }

    /// A Participant Identification Code: 9 digits.
    public static func isPIC(_ text: String) -> Bool {
        text.utf8.count == 9 && text.utf8.allSatisfy(isDigit)
    }

    /// A language tag as XML Schema's `xs:language` allows it: letters, then `-` parts of up to 8
    /// letters or digits (`en`, `pt-BR`, `zh-Hant`).
    public static func isLanguageTag(_ text: String) -> Bool {
        // On the bytes: a tag is ASCII, so its length in bytes is its length in letters.
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy(isASCIILetter) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { isASCIILetter($0) || isDigit($0) }
        }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// A decimal number of 0 or more, as XML Schema writes one: digits with at most one point.
    public static func isDecimal(_ text: String) -> Bool {
        var digits = 0
        var points = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if isDigit(byte) {
                digits += 1
            } else {
                return false
            }
        }
        return digits > 0 && points <= 1
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// An absolute http or https URL with a host name: what a browser can open.
    public static func isHTTPURL(_ text: String) -> Bool {
        let utf8 = text.utf8
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard utf8.count >= count else { return false }
            return prefix.withUTF8Buffer { expected in
                zip(utf8.prefix(count), expected).allSatisfy { $0 | 0x20 == $1 | 0x20 }
            }
        }
        let schemeLength = hasPrefix("https://") ? 8 : hasPrefix("http://") ? 7 : 0
        guard schemeLength > 0 else { return false }
        let rest = utf8.dropFirst(schemeLength)
        let host = rest.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        guard !host.isEmpty, !rest.contains(UInt8(ascii: " ")) else { return false }
        return host.contains(UInt8(ascii: ".")) || host.starts(with: "localhost".utf8)
    }

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(" ") else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    /// RFC 3339 in UTC as the program writes it: `2026-11-24T20:05:41Z`.
    public static func isTimestamp(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 20, Day(utf8: UnsafeBufferPointer(rebasing: bytes.prefix(10))) != nil else { return false }
            for index in 10..<20 {
                let byte = bytes[index]
                let expected: UInt8? = switch index {
                case 10: UInt8(ascii: "T")
                case 13, 16: UInt8(ascii: ":")
                case 19: UInt8(ascii: "Z")
                default: nil
                }
                if let expected {
                    guard byte == expected else { return false }
                } else {
                    guard isDigit(byte) else { return false }
                }
            }
            return true
        }
    }

    /// An Erasmus institution code as the ECHE list pads it (`ErasmusCode` holds the rule).
    public static func isErasmusCode(_ code: String) -> Bool {
        ErasmusCode.isWellFormed(code)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

