/// Which column of a sheet goes into which field: by header (its field's key, label or a synonym,
/// compared with `TextFolding.matchKey`), or as a `--map` file says. Columns no field takes are
/// ignored, and listed so, but for those `export` writes as bookkeeping.
public struct ColumnMapping: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        public var index: Int
        public var header: String
        public var field: ImportField
    }

    public let kind: ImportKind
    /// The columns taken, in the sheet's order.
    public let columns: [Column]
    /// Headers of the columns no field takes (silently ignored ones not among them).
    public let ignored: [String]
    /// Headers of the columns the map says to ignore.
    public let ignoredByMap: [String]

    /// A mapping that cannot be made, in words naming the columns and fields.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// `explicit`: headers to field keys from a `--map` file; nil or "" ignores a column.
    public init(headers: [String], kind: ImportKind, explicit: [String: String?] = [:]) throws(Failure) {
        self.kind = kind
        let fields = kind.fields
        let byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var explicitByHeader: [String: String?] = [:]
        for (header, key) in explicit {
            if let key, !key.isEmpty, byKey[key] == nil {
                throw Failure(message: "the map gives \"\(header)\" the field \"\(key)\", which \(kind.rawValue) do not have; the fields are: \(fields.map(\.key).joined(separator: ", "))")
            }
            guard headers.contains(where: { TextFolding.matchKey($0) == TextFolding.matchKey(header) }) else {
                throw Failure(message: "the map names a column \"\(header)\" that the sheet does not have; its columns are: \(headers.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            // updateValue: a subscript given nil would drop the entry, and the column with it.
            explicitByHeader.updateValue(key.flatMap { $0.isEmpty ? nil : $0 }, forKey: TextFolding.matchKey(header))
        }
        let names = Self.names(of: fields)
        var columns: [Column] = []
        var ignored: [String] = [], ignoredByMap: [String] = []
        for (index, header) in headers.enumerated() {
            let matchKey = TextFolding.matchKey(header)
            let field: ImportField?
            if let mapped = explicitByHeader[matchKey] {
                guard let mapped else {
                    ignoredByMap.append(header)
                    continue
                }
                field = byKey[mapped]
            } else if matchKey.isEmpty && header.allSatisfy(\.isWhitespace) {
                field = nil
            } else {
                field = names[matchKey]
                if field == nil, kind.silentlyIgnored.contains(header) { continue }
            }
            guard let field else {
                if !header.allSatisfy(\.isWhitespace) { ignored.append(header) }
                continue
            }
            if let other = columns.first(where: { $0.field.key == field.key }) {
                throw Failure(message: "the columns \"\(other.header)\" and \"\(header)\" both mean the field \(field.key) (\(field.label)); leave one out, or give it another field with --map")
            }
            columns.append(Column(index: index, header: header, field: field))
        }
        guard !columns.isEmpty else {
            throw Failure(message: "no column is a field of \(kind.rawValue): the headers are \(headers.map { "\"\($0)\"" }.joined(separator: ", ")); the fields are \(fields.map(\.key).joined(separator: ", ")) (--map FILE names the fields of other headers)")
        }
        if kind == .agreements, !columns.contains(where: \.field.findsPartner) {
            throw Failure(message: "no column says whose agreement a row is: a partner's id (partnerId), name (partner), Erasmus code or SCHAC code")
        }
        self.columns = columns
        self.ignored = ignored
        self.ignoredByMap = ignoredByMap
    }

    /// Every name of every field, a field's key before any label and a label before any synonym,
    /// so that an exported sheet's headers (the keys) always mean their own field.
    private static func names(of fields: [ImportField]) -> [String: ImportField] {
        var names: [String: ImportField] = [:]
        let longest = fields.map(\.names.count).max() ?? 0
        for rank in 0..<longest {
            for field in fields where rank < field.names.count {
                let key = TextFolding.matchKey(field.names[rank])
                if names[key] == nil { names[key] = field }
            }
        }
        return names
    }

    public func column(for key: String) -> Column? { columns.first { $0.field.key == key } }

    /// The mapping as people read it: `Land → country (Country)`, then the ignored columns.
    public var lines: [String] {
        columns.map { "\($0.header) → \($0.field.key)" + ($0.header == $0.field.key ? "" : " (\($0.field.label))") }
            + ignored.map { "\($0) → ignored (no field of \(kind.rawValue) by that name)" }
            + ignoredByMap.map { "\($0) → ignored (by the map)" }
    }

    /// A `--map` file's contents: a JSON object of sheet headers to field keys (null or "" to
    /// ignore a column).
    public static func explicitMap(fromJSON bytes: [UInt8], file: String) throws(Failure) -> [String: String?] {
        guard case .object(let object)? = try? JSONReader.parse(bytes) else {
            throw Failure(message: "\(file) is not a JSON object of column headers to field keys, as in {\"Hochschule\": \"name\", \"Bemerkung\": null}")
        }
        var map: [String: String?] = [:]
        for member in object.members {
            switch member.value {
            case .string(let key): map[member.key] = key
            case .null: map[member.key] = .some(nil)
            default: throw Failure(message: "\(file): \"\(member.key)\" must map to a field key or null, not \(member.value.typeName)")
            }
        }
        return map
    }
}
