/// ISO 3166-1 countries with English names and the region the overview groups them by.
public struct Country: Sendable, Hashable {
    public let code: String
    public let name: String
    public let officialName: String
    public let region: String

    public static let all: [Country] = table.map {
        Country(code: $0.code, name: $0.name, officialName: $0.officialName, region: $0.region)
    }

    private static let byCode: [String: Country] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    public static func named(code: String) -> Country? { byCode[code] }

    /// The country a user probably meant by a code in any case or a name in English or German,
    /// short, official or as people write it ("de", "Germany", "Schweiz", "USA", "Korea,
    /// Republik"), compared with case, diacritics, spaces and punctuation ignored.
    public static func suggestion(for text: String) -> Country? {
        if let country = byCode[text.uppercased()] { return country }
        return byName[TextFolding.matchKey(text)].flatMap { byCode[$0] }
    }

    private static let byName: [String: String] = {
        // The table's own names first: a name two countries share keeps the first.
        let pairs = all.flatMap { [($0.name, $0.code), ($0.officialName, $0.code)] } + otherNames.map { ($0.name, $0.code) }
        var names: [String: String] = [:]
        for (name, code) in pairs where names[TextFolding.matchKey(name)] == nil {
            names[TextFolding.matchKey(name)] = code
        }
        return names
    }()

    /// Countries whose code or name starts with what was typed, best first ("jap" → JP Japan).
    public static func completions(for prefix: String) -> [Country] {
        let folded = TextFolding.fold(prefix)
        guard !folded.isEmpty else { return [] }
        let codeMatches = all.filter { TextFolding.fold($0.code) == folded }
        let nameMatches = all.filter { TextFolding.fold($0.name).hasPrefix(folded) && !codeMatches.contains($0) }
        return codeMatches + nameMatches
    }

    public static let regions = ["Europe", "Asia", "Africa", "North America", "South America", "Oceania", "Antarctica"]
}
