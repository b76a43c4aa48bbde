/// Which directory entry a text names, for a front end that takes one entry without showing a
/// list first (`liaison add partner --from-directory TEXT`). Exact forms are tried first, so a
/// user shown several entries can name one: `ror:https://ror.org/057zh3y96`, `eche:D  BOCHUM01`,
/// an Erasmus code, a PIC, a ROR id; then an entry's whole name; then completion, which must
/// find a single entry.
public enum DirectoryChoice: Equatable, Sendable {
    case one(DirectoryEntry)
    /// Entries that match equally well, best first (at most `limit`).
    case several([DirectoryEntry])
    case none

    public static func choose(_ text: String, in index: DirectoryIndex, limit: Int = 10) -> DirectoryChoice {
        let text = text.trimmingSpaces
        guard !text.isEmpty else { return .none }
        return choice(from: exactMatches(text, in: index), limit: limit)
            ?? choice(from: index.entries(named: text), limit: limit)
            ?? choice(from: index.complete(text, limit: limit + 1), limit: limit)
            ?? .none
    }

    private static func choice(from entries: [DirectoryEntry], limit: Int) -> DirectoryChoice? {
        switch entries.count {
        case 0: nil
        case 1: .one(entries[0])
        default: .several(Array(entries.prefix(limit)))
        }
    }

    /// Entries named by a source and id ("ror:…", "eche:…", "list:…"), a ROR id, an Erasmus
    /// code or a PIC.
    private static func exactMatches(_ text: String, in index: DirectoryIndex) -> [DirectoryEntry] {
        if let colon = text.firstIndex(of: ":"), let source = DirectoryEntry.Source(rawValue: text[..<colon].lowercased()) {
            let id = String(text[text.index(after: colon)...]).trimmingSpaces
            return index.entries.filter { $0.source == source && sameId($0, id) }
        }
        if text.contains("ror.org/") { return index.entries.filter { $0.source == .ror && sameId($0, text) } }
        if text.count == 9, text.allSatisfy(\.isASCIIDigit) { return index.entries(withCode: .pic(of: text)) }
        if ErasmusCode(text) != nil { return index.entries(withCode: .erasmusCode(of: text)) }
        return []
    }

    /// Whether an entry has this id: a ROR id with or without its scheme, an Erasmus code as
    /// codes compare, any other id exactly.
    private static func sameId(_ entry: DirectoryEntry, _ id: String) -> Bool {
        switch entry.source {
        case .ror: withoutScheme(entry.id) == withoutScheme(id)
        case .eche: ErasmusCode.comparisonKey(entry.id) == ErasmusCode.comparisonKey(id)
        case .list: entry.id == id
        }
    }

    private static func withoutScheme(_ id: String) -> String {
        let lower = id.lowercased()
        return lower.range(of: "://").map { String(lower[$0.upperBound...]) } ?? lower
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
