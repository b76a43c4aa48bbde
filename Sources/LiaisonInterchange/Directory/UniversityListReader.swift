import LiaisonCore

/// A JSON list of universities as the widely used world list has them (an array of objects with
/// `name`, `alpha_two_code` or `country_code`, `domains`, `web_pages`, and perhaps
/// `state-province`). An element without a name is left out and counted.
public enum UniversityListReader: DirectoryRecordReader {
    /// Whether an element looks like one of the list's: an object with a `name` and `domains`
    /// or `web_pages`.
    public static func recognises(_ element: JSONValue) -> Bool {
        guard let first = JSONFields.object(element), JSONFields.string(first["name"]) != nil else { return false }
        return first["domains"] != nil || first["web_pages"] != nil
    }

    /// The university's entry, or nil when it has no name.
    public static func entry(of element: JSONValue) -> DirectoryEntry? {
        guard let university = JSONFields.object(element), let name = JSONFields.string(university["name"]), !name.isEmpty else { return nil }
        let domains = JSONFields.strings(university["domains"])
        let country = JSONFields.string(university["alpha_two_code"]) ?? JSONFields.string(university["country_code"])
        return DirectoryEntry(source: .list, id: domains.first ?? name, names: [DirectoryEntry.Name(name)],
                              countryCode: country?.uppercased(), website: JSONFields.strings(university["web_pages"]).first,
                              domains: domains)
    }
}
