import LiaisonCore

/// A JSON list of universities as the widely used world list has them (an array of objects with
/// `name`, `alpha_two_code` or `country_code`, `domains`, `web_pages`, and perhaps
/// `state-province`). An element without a name is left out and counted.
public enum UniversityListReader {
    /// Whether the parsed document looks like such a list: an array whose first element has a
    /// `name` and `domains` or `web_pages`.
    public static func recognises(_ document: JSONValue) -> Bool {
        guard case .array(let elements) = document, case .object(let first)? = elements.first,
              JSONFields.string(first["name"]) != nil else { return false }
        return first["domains"] != nil || first["web_pages"] != nil
    }

    public static func entries(of document: JSONValue, source: String) throws(SheetReadError) -> (entries: [DirectoryEntry], skipped: [Int]) {
        guard case .array(let elements) = document else { throw SheetReadError("\(source) is not a list of universities: it holds \(document.typeName), not an array") }
        var entries: [DirectoryEntry] = []
        var skipped: [Int] = []
        for (position, value) in elements.enumerated() {
            guard let university = JSONFields.object(value), let name = JSONFields.string(university["name"]), !name.isEmpty else {
                skipped.append(position + 1)
                continue
            }
            let domains = JSONFields.strings(university["domains"])
            let country = JSONFields.string(university["alpha_two_code"]) ?? JSONFields.string(university["country_code"])
            entries.append(DirectoryEntry(source: .list, id: domains.first ?? name, names: [DirectoryEntry.Name(name)],
                                          countryCode: country?.uppercased(), website: JSONFields.strings(university["web_pages"]).first,
                                          domains: domains))
        }
        return (entries, skipped)
    }
}
