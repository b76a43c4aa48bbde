/// An Erasmus institution code as the Commission's ECHE list writes it: the country's letters
/// padded with spaces to three characters, the city's letters (hyphens inside), a number —
/// `D  BOCHUM01`, `PL KRAKOW01`, `IRLDUBLIN01`, `F  VERDUN1`.
///
/// `init?(_:)` reads a code as people and lists write it (lower case, no-break spaces, one space
/// too many or too few, a space before the number) and `padded` is the list's form, so codes from
/// anywhere compare with the list's. The field rule for a record's Erasmus code asks
/// `isWellFormed`, and partners compare codes by `comparisonKey`.
public struct ErasmusCode: Hashable, Sendable, CustomStringConvertible {
    /// "D", "PL", "IRL".
    public let country: String
    /// "BOCHUM", "LA-CORU".
    public let city: String
    /// "01", "001", "1".
    public let number: String

    /// The list's width of the country part: "D  ", "PL ", "IRL".
    static let countryWidth = 3

    /// The code in the ECHE list's padded form.
    public var padded: String {
        country + String(repeating: " ", count: Self.countryWidth - country.count) + city + number
    }

    public var description: String { padded }

    /// Reads a code leniently. Where the country and the city touch ("DTRIER01") the country is
    /// as long as the letters allow for a known country prefix, the longest first; a code that
    /// cannot be read so is nil.
    public init?(_ text: String) {
        let cleaned = String(text.unicodeScalars.map { $0.properties.isWhitespace ? " " : Character($0) })
            .uppercased().trimmingSpaces
        let scalars = Array(cleaned.unicodeScalars)
        guard scalars.allSatisfy({ $0.isASCII }) else { return nil }
        var end = scalars.count
        while end > 0, ("0"..."9").contains(scalars[end - 1]) { end -= 1 }
        let number = String(String.UnicodeScalarView(scalars[end...]))
        guard (1...3).contains(number.count) else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[..<end])).trimmingSpaces
        let country: Substring
        var city: Substring
        if let space = rest.firstIndex(of: " ") {
            country = rest[..<space]
            city = rest[space...].drop { $0 == " " }
            // A list may set the number apart ("DK FREDERICIA 01"): the city ends at its letters.
            city = Substring(city.filter { $0 != " " })
        } else {
            guard let prefix = Self.knownPrefixes.first(where: { rest.hasPrefix($0) && rest.count > $0.count + 1 }) else { return nil }
            country = rest.prefix(prefix.count)
            city = rest.dropFirst(prefix.count)
        }
        func isLetter(_ character: Character) -> Bool { ("A"..."Z").contains(character) }
        guard (1...Self.countryWidth).contains(country.count), country.allSatisfy(isLetter),
              city.count >= 2, let first = city.first, let last = city.last, isLetter(first), isLetter(last),
              city.allSatisfy({ isLetter($0) || $0 == "-" }) else { return nil }
        self.country = String(country)
        self.city = String(city)
        self.number = number
    }

    /// Whether the text is a code as a record may hold it: upper case, the country's letters, up
    /// to two spaces, the city, the number: the list's padded form "D  BOCHUM01", and as offices
    /// write it, "D BOCHUM01" or "DTRIER01". Whether it is padded as the list pads it is a
    /// question for a check against the list (`padded`), not a warning on every load.
    public static func isWellFormed(_ text: String) -> Bool {
        guard let code = ErasmusCode(text) else { return false }
        return ["", " ", "  "].contains { text == code.country + $0 + code.city + code.number }
    }

    /// How two codes compare: in the padded form where they can be read, else upper case without
    /// spaces ("PL  KRAKOW01" is "PL KRAKOW01").
    public static func comparisonKey(_ text: String) -> String {
        ErasmusCode(text).map { $0.country + $0.city + $0.number } ?? text.uppercased().filter { !$0.isWhitespace }
    }

    /// The country prefixes of Erasmus codes (not always ISO: Germany D, Finland SF, Greece G),
    /// longest first, for a code written without its spaces.
    static let knownPrefixes = [
        "IRL", "LUX",
        "AL", "BA", "BE", "BG", "CY", "CZ", "DK", "EE", "EL", "HR", "HU", "IS", "LI", "LT", "LV", "ME", "MK", "MT",
        "NL", "PL", "RO", "RS", "SF", "SI", "SK", "TR", "UK", "XK",
        "A", "B", "D", "E", "F", "G", "I", "N", "P", "S",
    ]
}
