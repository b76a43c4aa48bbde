import LiaisonCore

/// A data dump of the Research Organization Registry (schema v2.x): one JSON array of records,
/// each with its names (`ror_display`, `label`, `alias`, `acronym`, with language tags), its
/// locations (GeoNames country code and city), links, domains and external ids. The dump is
/// about 250 MB, so `DirectoryFile` hands the records over one at a time as they are parsed
/// (`JSONReader`'s streaming of the root array); each becomes an entry here and is let go.
/// A record without an id or a name is left out and counted; anything else that is not as the
/// schema says is ignored, field by field, since the dump's later versions add to it.
public enum RORDumpReader: DirectoryRecordReader {
    /// Whether an element looks like a ROR record: an object with a ROR id and a `names` list.
    public static func recognises(_ element: JSONValue) -> Bool {
        guard case .object(let record) = element, case .string(let id)? = record["id"], id.contains("ror.org/"),
              case .array? = record["names"] else { return false }
        return true
    }

    /// The record's entry, or nil when it has no id or no name.
    public static func entry(of element: JSONValue) -> DirectoryEntry? {
        guard case .object(let record) = element, case .string(let id)? = record["id"] else { return nil }
        let names = names(of: record)
        guard !names.isEmpty else { return nil }
        let location = JSONFields.objects(record["locations"]).first.flatMap { JSONFields.object($0["geonames_details"]) }
        let website = JSONFields.objects(record["links"]).first { JSONFields.string($0["type"]) == "website" }.flatMap { JSONFields.string($0["value"]) }
        return DirectoryEntry(source: .ror, id: id, names: names,
                              countryCode: location.flatMap { JSONFields.string($0["country_code"]) }?.uppercased(),
                              city: location.flatMap { JSONFields.string($0["name"]) }, website: website,
                              domains: JSONFields.strings(record["domains"]))
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
