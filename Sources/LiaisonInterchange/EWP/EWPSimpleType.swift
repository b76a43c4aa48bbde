import LiaisonCore

/// The simple types of the EWP schemas an IIA get-response v7 and an Institutions response v2
/// use, each with the XSD's rule and a plain description of it.
///
/// Types derived from `xs:string` keep their whitespace (the XSD's `preserve`), so a space
/// around an `iia-id` breaks its pattern, as in xmllint; the others (booleans, dates, numbers,
/// language tags, URLs) are read with the spaces around them removed, as XML Schema collapses them.
public enum EWPSimpleType: Sendable, Equatable {
    case string
    case boolean
    case date
    case positiveInteger
    /// `xs:decimal` above 0 with at most 2 decimal places (total months or days per year).
    case positiveDecimal
    /// ISCED-F: `[0-9]{4}`.
    case isced
    /// An ISCED code of IIA v6: `[0-9]{1,3}`.
    case iscedV6
    /// `[ABC][12]`.
    case cefr
    case language
    /// `[!-~]{1,64}`: printable ASCII without spaces.
    case asciiPrintableIdentifier
    /// `[0-9a-f]{64}`.
    case sha256Hex
    /// `[0-9]{4}/[0-9]{4}`.
    case academicYearId
    /// `xs:byte` from 1 to 8.
    case eqfLevel
    /// `[^@]+@[^.]+\..+`.
    case email
    /// `[A-Z][A-Z]`.
    case countryCode
    /// `https?://.+`.
    case http
    /// `https://.+`.
    case https

    /// Why the text does not follow the type, in plain words; nil when it does.
    public func problem(with text: String) -> String? {
        follows(text) ? nil : "\"\(text)\" is not \(expectation)"
    }

    /// What a value of the type looks like, for messages.
    public var expectation: String {
        switch self {
        case .string: "text"
        case .boolean: "true or false"
        case .date: "a date (YYYY-MM-DD)"
        case .positiveInteger: "a whole number above 0"
        case .positiveDecimal: "a number above 0 with at most 2 decimal places"
        case .isced: "an ISCED-F code of 4 digits"
        case .iscedV6: "an ISCED code of 1 to 3 digits"
        case .cefr: "a CEFR level (A1, A2, B1, B2, C1 or C2)"
        case .language: "a language tag (en, pt-BR)"
        case .asciiPrintableIdentifier: "an identifier of 1 to 64 printable ASCII characters without spaces"
        case .sha256Hex: "a SHA-256 hash (64 digits 0-9 and a-f)"
        case .academicYearId: "an academic year (YYYY/YYYY)"
        case .eqfLevel: "an EQF level from 1 to 8"
        case .email: "an e-mail address"
        case .countryCode: "a country code of two capital letters"
        case .http: "a web address starting with http:// or https://"
        case .https: "a web address starting with https://"
        }
    }

    func follows(_ raw: String) -> Bool {
        let collapsed = raw.trimmed
        switch self {
        case .string: return true
        case .boolean: return ["true", "false", "1", "0"].contains(collapsed)
        case .date: return Self.isDate(collapsed)
        case .positiveInteger:
            guard let digits = Self.unsignedDigits(collapsed) else { return false }
            return digits.contains { $0 != "0" }
        case .positiveDecimal: return Self.isPositiveDecimal(collapsed)
        case .isced: return raw.count == 4 && raw.allSatisfy(\.isASCIIDigit)
        case .iscedV6: return (1...3).contains(raw.count) && raw.allSatisfy(\.isASCIIDigit)
        case .cefr: return LanguageSkill.cefrLevels.contains(raw)
        case .language: return Self.isLanguageTag(collapsed)
        case .asciiPrintableIdentifier:
            return (1...64).contains(raw.unicodeScalars.count) && raw.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
        case .sha256Hex: return raw.count == 64 && raw.allSatisfy { $0.isASCIIDigit || ("a"..."f").contains($0) }
        case .academicYearId:
            let parts = raw.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { $0.count == 4 && $0.allSatisfy(\.isASCIIDigit) }
        case .eqfLevel:
            guard let digits = Self.unsignedDigits(collapsed) else { return false }
            let level = digits.drop { $0 == "0" }
            return level.count == 1 && ("1"..."8").contains(level.first!)
        case .email: return Self.isEmail(raw)
        case .countryCode: return raw.count == 2 && raw.unicodeScalars.allSatisfy { (0x41...0x5A).contains($0.value) }
        case .http, .https:
            let rest = collapsed.hasPrefix("https://") ? collapsed.dropFirst(8) : collapsed.hasPrefix("http://") && self == .http ? collapsed.dropFirst(7) : nil
            guard let rest else { return false }
            return !rest.isEmpty && !rest.contains("\n") && !rest.contains("\r")
        }
    }

    /// The digits of `+?[0-9]+` (a number's minus sign is never allowed here), nil for anything else.
    private static func unsignedDigits(_ text: String) -> Substring? {
        var digits = Substring(text)
        if digits.hasPrefix("+") { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) ? digits : nil
    }

    /// `xs:decimal` (`[+-]?(d+(.d*)?|.d+)`) above 0 with at most two significant decimal places.
    private static func isPositiveDecimal(_ text: String) -> Bool {
        var number = Substring(text)
        if number.hasPrefix("+") { number = number.dropFirst() }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.contains(where: { !$0.isEmpty }) else { return false }
        let fraction = parts.count == 2 ? parts[1].reversed().drop { $0 == "0" } : []
        return fraction.count <= 2 && number.contains { $0 != "0" && $0 != "." }
    }

    /// `YYYY-MM-DD` (a day that exists), with an optional time zone: `Z` or `+hh:mm`.
    private static func isDate(_ text: String) -> Bool {
        guard text.count >= 10, Day(String(text.prefix(10))) != nil else { return false }
        let zone = text.dropFirst(10)
        if zone.isEmpty || zone == "Z" { return true }
        let parts = zone.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard zone.first == "+" || zone.first == "-", parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]) else { return false }
        return minutes < 60 && (hours < 14 || (hours == 14 && minutes == 0))
    }

    /// `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
    private static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// `[^@]+@[^.]+\..+`, where the last `.` (any character) is not a line break.
    private static func isEmail(_ text: String) -> Bool {
        guard let at = text.firstIndex(of: "@"), at > text.startIndex else { return false }
        let domain = text[text.index(after: at)...]
        guard let dot = domain.firstIndex(of: "."), dot > domain.startIndex else { return false }
        let rest = domain[domain.index(after: dot)...]
        return !rest.isEmpty && !rest.contains("\n") && !rest.contains("\r")
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
