import LiaisonCore

/// A data dump of the Research Organization Registry (schema v2.x): one JSON array of records,
/// each with its names (`ror_display`, `label`, `alias`, `acronym`, with language tags), its
/// locations (GeoNames country code and city), links, domains and external ids. A record without
/// an id or a name is left out and counted; anything else that is not as the schema says is
/// ignored, field by field, since the dump's later versions add to it.
public enum RORDumpReader {
    /// Whether the parsed document looks like a dump: an array whose first element is an object
    /// with a ROR id and a `names` list.
    public static func recognises(_ document: JSONValue) -> Bool {
        guard case .array(let records) = document, case .object(let first)? = records.first,
              case .string(let id)? = first["id"], id.contains("ror.org/"), case .array? = first["names"] else { return false }
        return true
    }

    public static func entries(of document: JSONValue, source: String) throws(SheetReadError) -> (entries: [DirectoryEntry], skipped: [Int]) {
        guard case .array(let records) = document else { throw SheetReadError("\(source) is not a ROR data dump: it holds \(document.typeName), not an array of records") }
        var entries: [DirectoryEntry] = []
        var skipped: [Int] = []
        for (position, value) in records.enumerated() {
            guard case .object(let record) = value, case .string(let id)? = record["id"] else { skipped.append(position + 1); continue }
            let names = names(of: record)
            guard !names.isEmpty else { skipped.append(position + 1); continue }
            let location = JSONFields.objects(record["locations"]).first.flatMap { JSONFields.object($0["geonames_details"]) }
            let website = JSONFields.objects(record["links"]).first { JSONFields.string($0["type"]) == "website" }.flatMap { JSONFields.string($0["value"]) }
            entries.append(DirectoryEntry(source: .ror, id: id, names: names,
                                          countryCode: location.flatMap { JSONFields.string($0["country_code"]) }?.uppercased(),
                                          city: location.flatMap { JSONFields.string($0["name"]) }, website: website,
                                          domains: JSONFields.strings(record["domains"])))
        }
        return (entries, skipped)
    }

    /// The display name first, then labels (names in other languages, often the native script),
    /// aliases and acronyms.
    private static func names(of record: JSONObject) -> [DirectoryEntry.Name] {
        let order: [(type: String, kind: DirectoryEntry.Name.Kind)] = [("ror_display", .display), ("label", .label), ("alias", .alias), ("acronym", .acronym)]
        var names: [DirectoryEntry.Name] = []
        for (type, kind) in order {
            for name in JSONFields.objects(record["names"]) where JSONFields.strings(name["types"]).contains(type) {
                guard let text = JSONFields.string(name["value"]), !text.isEmpty, !names.contains(where: { $0.text == text }) else { continue }
                names.append(DirectoryEntry.Name(text, language: JSONFields.string(name["lang"]), kind: kind))
            }
        }
        return names
    }
}
