/// The one rule for taking a directory entry as a partner: which of the entry's values goes into
/// which of the partner table's fields. `liaison add partner --from-directory` and the
/// dashboard's new-partner form both start from these fields; what the user typed wins over them.
public enum DirectoryPartner {
    /// The partner fields an entry fills, by the partner table's keys, in the table's order:
    /// - name: the English label where the entry has one, else the name it shows;
    /// - localName: a name in the country's own non-Latin script (ROR's Japanese label of the
    ///   University of Tokyo), else the name shown where the English label differs from it
    ///   ("Uniwersytet Łódzki" beside "University of Łódź");
    /// - shortName: the first acronym;
    /// - country, city, website as they are;
    /// - erasmusCode in the ECHE list's padded form; pic; schacCode (the entry's domain).
    public static func fields(of entry: DirectoryEntry) -> [(key: String, value: String)] {
        let display = entry.names.first
        let english = entry.names.first { $0.kind != .acronym && $0.language?.lowercased() == "en" }
        let name = english ?? display
        var fields: [(key: String, value: String)] = []
        func add(_ key: String, _ value: String?) {
            guard let value = value?.trimmingSpaces, !value.isEmpty else { return }
            fields.append((key, value))
        }
        add("name", name?.text)
        add("localName", localName(of: entry, besides: name?.text))
        add("shortName", entry.names.first { $0.kind == .acronym }?.text)
        add("country", entry.countryCode)
        add("city", entry.city)
        add("website", entry.website)
        add("erasmusCode", entry.erasmusCode.map { ErasmusCode($0)?.padded ?? $0 })
        add("pic", entry.pic)
        add("schacCode", entry.schac)
        return fields
    }

    /// Where an entry's fields come from, for people: "ROR https://ror.org/057zh3y96".
    public static func origin(of entry: DirectoryEntry) -> String {
        "\(entry.source.title) \(entry.id)"
    }

    /// The name in the country's own script, or the name shown when the English one differs.
    static func localName(of entry: DirectoryEntry, besides name: String?) -> String? {
        let ownLanguages = entry.countryCode.flatMap { nonLatinLanguages[$0.uppercased()] } ?? []
        let ownScript = entry.names.first { candidate in
            candidate.kind != .acronym && candidate.text != name
                && candidate.language.map { ownLanguages.contains($0.lowercased()) } == true
                && !isLatin(candidate.text)
        }
        if let ownScript { return ownScript.text }
        guard let display = entry.names.first, display.kind == .display, display.text != name else { return nil }
        return display.text
    }

    /// Whether the letters of a text are Latin ("Łódź" is; "東京大学" and "Москва" are not).
    static func isLatin(_ text: String) -> Bool {
        text.unicodeScalars.filter(\.properties.isAlphabetic).allSatisfy { $0.value < 0x0250 || (0x1E00...0x1EFF).contains($0.value) }
    }

    /// The languages written in a non-Latin script of the countries where one is the national
    /// language (ISO 639-1 by ISO 3166-1 alpha-2): where a directory's label in that language is
    /// the institution's own name.
    static let nonLatinLanguages: [String: Set<String>] = [
        "AE": ["ar"], "AM": ["hy"], "BD": ["bn"], "BG": ["bg"], "BH": ["ar"], "BY": ["be", "ru"], "CN": ["zh"],
        "CY": ["el"], "DZ": ["ar"], "EG": ["ar"], "ET": ["am"], "GE": ["ka"], "GR": ["el"], "HK": ["zh"],
        "IL": ["he"], "IN": ["hi"], "IQ": ["ar"], "IR": ["fa"], "JO": ["ar"], "JP": ["ja"], "KG": ["ky", "ru"],
        "KH": ["km"], "KR": ["ko"], "KW": ["ar"], "KZ": ["kk", "ru"], "LA": ["lo"], "LB": ["ar"], "LK": ["si", "ta"],
        "LY": ["ar"], "MA": ["ar"], "MK": ["mk"], "MN": ["mn"], "MO": ["zh"], "MM": ["my"], "NP": ["ne"],
        "OM": ["ar"], "PK": ["ur"], "PS": ["ar"], "QA": ["ar"], "RS": ["sr"], "RU": ["ru"], "SA": ["ar"],
        "SD": ["ar"], "SY": ["ar"], "TH": ["th"], "TJ": ["tg"], "TN": ["ar"], "TW": ["zh"], "UA": ["uk"],
        "YE": ["ar"],
    ]
}
