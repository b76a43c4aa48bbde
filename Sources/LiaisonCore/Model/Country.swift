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

    /// The code a user probably meant by a country name or a lower-case code ("Germany", "de", "japan").
    public static func suggestion(for text: String) -> Country? {
        let folded = TextFolding.fold(text)
        if let country = byCode[text.uppercased()] { return country }
        return all.first { TextFolding.fold($0.name) == folded || TextFolding.fold($0.officialName) == folded }
    }

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
