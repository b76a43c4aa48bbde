/// Every name a header may give one kind's fields, folded as `TextFolding.matchKey` folds them:
/// the fields' own (key, label, synonyms), a contact's name parts, and the alternatives that hold
/// a field in several places (`HeaderSynonyms`). The column mapping and the search for the header
/// row both ask it.
struct HeaderNames {
    /// A field by each of its names, a field's key before any label and a label before any
    /// synonym, so that an exported sheet's headers (the keys) always mean their own field.
    let fields: [String: ImportField]
    /// A name's part by its position in the name (given, additional, family).
    let parts: [String: Int]
    /// A field's alternative column by its key and its place in the order of preference.
    let alternatives: [String: (key: String, rank: Int)]

    init(kind: ImportKind) {
        let fields = kind.fields
        var byName: [String: ImportField] = [:]
        for rank in 0..<(fields.map(\.names.count).max() ?? 0) {
            for field in fields where rank < field.names.count {
                let key = TextFolding.matchKey(field.names[rank])
                if byName[key] == nil { byName[key] = field }
            }
        }
        self.fields = byName
        var parts: [String: Int] = [:]
        if kind == .contacts {
            for (rank, part) in HeaderSynonyms.nameParts.enumerated() { for name in part.names { parts[TextFolding.matchKey(name)] = rank } }
        }
        self.parts = parts
        var alternatives: [String: (key: String, rank: Int)] = [:]
        for (key, list) in HeaderSynonyms.alternatives[kind] ?? [:] {
            for (rank, name) in list.enumerated() { alternatives[TextFolding.matchKey(name)] = (key, rank) }
        }
        self.alternatives = alternatives
    }

    /// Whether a header names something of the kind.
    func knows(_ header: String) -> Bool {
        let key = TextFolding.matchKey(header)
        return fields[key] != nil || parts[key] != nil || alternatives[key] != nil
    }
}

/// Which row of a sheet holds its column headers. Office lists often have a title above them
/// ("Partnerliste International Office", "Stand: 1.10.2024", a blank row): the header row is the
/// first of the sheet's first `searchedRows` rows whose cells name at least two fields of the kind
/// (one, when the sheet has one column), or the row `--header-row` gives. A sheet where no row
/// does keeps its first row with text, and the column mapping says what it lacks.
public struct HeaderRowChoice: Sendable {
    public static let searchedRows = 10

    public let kind: ImportKind
    /// Headers a `--map` file names, which count as names of fields.
    public let mappedHeaders: Set<String>
    /// The row number given with `--header-row`.
    public let forced: Int?

    public init(kind: ImportKind, mappedHeaders: [String] = [], forced: Int? = nil) {
        self.kind = kind
        self.mappedHeaders = Set(mappedHeaders.map(TextFolding.matchKey))
        self.forced = forced
    }

    /// The header row's position in `rows` (the sheet's rows with text, in order, with their
    /// spreadsheet numbers), and the note to say when it is not the first. `source` names the file.
    public func headerRow(among rows: [(number: Int, cells: [String])], source: String) throws(SheetReadError) -> (position: Int, note: String?) {
        if let forced {
            guard let position = rows.firstIndex(where: { $0.number == forced }) else {
                throw SheetReadError("\(source): row \(forced), which --header-row gives, \(rows.contains { $0.number > forced } ? "is empty" : "is not in the sheet (its last row with text is \(rows.last?.number ?? 0))")")
            }
            return (position, "headers in row \(forced) (--header-row)")
        }
        let names = HeaderNames(kind: kind)
        let searched = rows.prefix { $0.number <= Self.searchedRows }
        let width = searched.map { $0.cells.lastIndex { $0.contains { !$0.isWhitespace } }.map { $0 + 1 } ?? 0 }.max() ?? 0
        let needed = width == 1 ? 1 : 2
        let found = searched.firstIndex { row in
            row.cells.count { names.knows($0) || mappedHeaders.contains(TextFolding.matchKey($0)) } >= needed
        }
        guard let found, found > 0 else { return (0, nil) }
        return (found, "headers in row \(rows[found].number)" + (found == 1 ? ", below a title" : ", below \(found) rows of titles"))
    }
}
