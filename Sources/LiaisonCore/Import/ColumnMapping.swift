/// Which column of a sheet goes into which field: by header (its field's key, label or a synonym,
/// compared with `TextFolding.matchKey`), or as a `--map` file says. Columns no field takes are
/// ignored, and listed so, but for those `export` writes as bookkeeping.
public struct ColumnMapping: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        /// The sheet's columns the field is read from: one, or several (`HeaderSynonyms`'
        /// name parts and alternatives), in the order they are read.
        public var sources: [Int]
        /// Several sources are joined with spaces (a name's parts), else the first with text counts.
        public var joinsSources = false
        /// The header, or the headers of its sources: "Vorname + Nachname", "Mobiltelefon / Telefon".
        public var header: String
        public var field: ImportField

        /// The first column it reads.
        public var index: Int { sources[0] }

        /// The field's cell in a row's cells.
        public func cell(in cells: [String]) -> String {
            let texts = sources.map { $0 < cells.count ? cells[$0] : "" }
            if joinsSources { return texts.map(\.trimmingSpaces).filter { !$0.isEmpty }.joined(separator: " ") }
            return texts.first { $0.contains { !$0.isWhitespace } } ?? ""
        }
    }

    /// A column left out for a reason other than its header's being unknown.
    public struct Ignored: Equatable, Sendable {
        public var header: String
        public var reason: String
    }

    public let kind: ImportKind
    /// The columns taken, in the sheet's order.
    public let columns: [Column]
    /// Headers of the columns no field takes (silently ignored ones not among them).
    public let ignored: [String]
    /// Headers of the columns the map says to ignore.
    public let ignoredByMap: [String]
    /// Columns a field could take but that are left out: a name's parts beside a whole name,
    /// a salutation beside a name in parts.
    public let ignoredWithReason: [Ignored]

    /// A mapping that cannot be made, in words naming the columns and fields.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// `explicit`: headers to field keys from a `--map` file (a contact's `givenName`,
    /// `additionalNames` and `familyName` too); nil or "" ignores a column.
    public init(headers: [String], kind: ImportKind, explicit: [String: String?] = [:]) throws(Failure) {
        self.kind = kind
        let fields = kind.fields
        let byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let partKeys = kind == .contacts ? HeaderSynonyms.nameParts.map(\.key) : []
        var explicitByHeader: [String: String?] = [:]
        for (header, key) in explicit {
            if let key, !key.isEmpty, byKey[key] == nil, !partKeys.contains(key) {
                throw Failure(message: "the map gives \"\(header)\" the field \"\(key)\", which \(kind.rawValue) do not have; the fields are: \((fields.map(\.key) + partKeys).joined(separator: ", "))")
            }
            guard headers.contains(where: { TextFolding.matchKey($0) == TextFolding.matchKey(header) }) else {
                throw Failure(message: "the map names a column \"\(header)\" that the sheet does not have; its columns are: \(headers.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            // updateValue: a subscript given nil would drop the entry, and the column with it.
            explicitByHeader.updateValue(key.flatMap { $0.isEmpty ? nil : $0 }, forKey: TextFolding.matchKey(header))
        }
        let known = HeaderNames(kind: kind)
        let names = known.fields, partByName = known.parts, alternativeByName = known.alternatives
        func part(of header: String) -> Int? {
            let matchKey = TextFolding.matchKey(header)
            if let mapped = explicitByHeader[matchKey] { return mapped.flatMap { partKeys.firstIndex(of: $0) } }
            return partByName[matchKey]
        }
        let nameInParts = headers.contains { part(of: $0) != nil }
        let salutations = Set(HeaderSynonyms.salutations.map(TextFolding.matchKey))
        var columns: [Column] = []
        var parts: [(rank: Int, index: Int, header: String)] = []
        var alternates: [(key: String, rank: Int, index: Int, header: String)] = []
        var ignored: [String] = [], ignoredByMap: [String] = [], ignoredWithReason: [Ignored] = []
        for (index, header) in headers.enumerated() {
            let matchKey = TextFolding.matchKey(header)
            if let rank = part(of: header) {
                parts.append((rank, index, header))
                continue
            }
            let field: ImportField?
            if let mapped = explicitByHeader[matchKey] {
                guard let mapped else {
                    ignoredByMap.append(header)
                    continue
                }
                field = byKey[mapped]
            } else if matchKey.isEmpty && header.allSatisfy(\.isWhitespace) {
                field = nil
            } else if nameInParts, salutations.contains(matchKey) {
                ignoredWithReason.append(Ignored(header: header, reason: "a salutation or title, not part of the name"))
                continue
            } else {
                field = names[matchKey]
                if field == nil, kind.silentlyIgnored.contains(header) { continue }
                if field == nil, let alternative = alternativeByName[matchKey] {
                    alternates.append((alternative.key, alternative.rank, index, header))
                    continue
                }
            }
            guard let field else {
                if !header.allSatisfy(\.isWhitespace) { ignored.append(header) }
                continue
            }
            if let other = columns.first(where: { $0.field.key == field.key }) {
                throw Failure(message: "the columns \"\(other.header)\" and \"\(header)\" both mean the field \(field.key) (\(field.label)); leave one out, or give it another field with --map")
            }
            columns.append(Column(sources: [index], header: header, field: field))
        }
        for (key, found) in Dictionary(grouping: alternates, by: \.key) {
            guard let field = byKey[key] else { continue }
            let ranked = found.sorted { $0.rank < $1.rank }
            if let position = columns.firstIndex(where: { $0.field.key == key }) {
                columns[position].sources += ranked.map(\.index)
                columns[position].header = ([columns[position].header] + ranked.map(\.header)).joined(separator: " / ")
            } else {
                columns.append(Column(sources: ranked.map(\.index), header: ranked.map(\.header).joined(separator: " / "), field: field))
            }
        }
        if !parts.isEmpty, let name = byKey["name"] {
            if let whole = columns.first(where: { $0.field.key == "name" }) {
                ignoredWithReason += parts.map { Ignored(header: $0.header, reason: "part of a name; the name is in \"\(whole.header)\"") }
            } else {
                let ranked = parts.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }
                columns.append(Column(sources: ranked.map(\.index), joinsSources: true, header: ranked.map(\.header).joined(separator: " + "), field: name))
            }
        }
        columns.sort { $0.index < $1.index }
        guard !columns.isEmpty else {
            throw Failure(message: "no column is a field of \(kind.rawValue): the headers are \(headers.map { "\"\($0)\"" }.joined(separator: ", ")); the fields are \(fields.map(\.key).joined(separator: ", ")) (--map FILE names the fields of other headers)")
        }
        if kind == .agreements, !columns.contains(where: \.field.findsPartner) {
            throw Failure(message: "no column says whose agreement a row is: a partner's id (partnerId), name (partner), Erasmus code or SCHAC code")
        }
        self.columns = columns
        self.ignored = ignored
        self.ignoredByMap = ignoredByMap
        self.ignoredWithReason = ignoredWithReason
    }

    public func column(for key: String) -> Column? { columns.first { $0.field.key == key } }

    /// The mapping as people read it: `Land → country (Country)`, then the ignored columns.
    public var lines: [String] {
        columns.map { "\($0.header) → \($0.field.key)" + ($0.header == $0.field.key ? "" : " (\($0.field.label))") }
            + ignored.map { "\($0) → ignored (no field of \(kind.rawValue) by that name)" }
            + ignoredByMap.map { "\($0) → ignored (by the map)" }
            + ignoredWithReason.map { "\($0.header) → ignored (\($0.reason))" }
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
