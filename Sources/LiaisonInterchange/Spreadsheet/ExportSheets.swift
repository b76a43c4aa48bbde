import LiaisonCore

/// One table of a spreadsheet export (CSV or a workbook's sheet): its columns, each with the
/// kind of cell a spreadsheet should see, and its rows as text. Columns come from the record
/// kinds' tables (one per field, in the table's order, by its JSON key, lists as `RecordText`
/// writes them); a partner's agreements are their count, and the agreements sheet has them in
/// full, after their partner's id and name.
public struct ExportSheet: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case partners, agreements, objectives, events, contacts
    }

    /// How a workbook stores a column's cells; CSV writes them all as text.
    public enum CellType: Equatable, Sendable {
        case text
        /// A count or an order: a number a spreadsheet can sum.
        case number
        /// A `YYYY-MM-DD` day: a date a spreadsheet can sort and compute with.
        case day
    }

    public struct Column: Equatable, Sendable {
        public var header: String
        public var type: CellType

        public init(header: String, type: CellType) {
            self.header = header
            self.type = type
        }
    }

    public var kind: Kind
    public var columns: [Column]
    public var rows: [[String]]

    public init(kind: Kind, columns: [Column], rows: [[String]]) {
        self.kind = kind
        self.columns = columns
        self.rows = rows
    }

    /// The sheet's name in a workbook: the kind, as `export` and `import` name it.
    public var name: String { kind.rawValue }

    /// The header row and the rows, as CSV writes them.
    public var textRows: [[String]] { [columns.map(\.header)] + rows }

    public init(_ kind: Kind, of network: Network) {
        switch kind {
        case .partners: self.init(kind, .partner, network.partners.map(Record.partner))
        case .objectives: self.init(kind, .objective, network.objectives.map(Record.objective))
        case .events: self.init(kind, .event, network.events.map(Record.event))
        case .contacts: self.init(kind, .contact, network.contacts.map(Record.contact))
        case .agreements:
            let fields = AgreementRows.fields
            let columns = ["partnerId", "partner", "id"].map { Column(header: $0, type: .text) }
                + fields.map { Column(header: $0.key, type: Self.cellType(of: $0.type)) }
            self.init(kind: kind, columns: columns, rows: network.partners.flatMap { partner in
                partner.agreements.map { agreement in
                    [partner.id, partner.name, agreement.id] + fields.map { RecordText.text(of: agreement, key: $0.key) }
                }
            })
        }
    }

    private init(_ kind: Kind, _ recordKind: RecordKind, _ records: [Record]) {
        let fields = Schema.fields(of: recordKind).filter { $0.type != .object }
        self.init(kind: kind, columns: fields.map { Column(header: $0.key, type: Self.cellType(of: $0.type)) }, rows: records.map { record in
            fields.map { field in
                guard field.type == .records else { return RecordText.text(of: record, key: field.key) }
                if case .partner(let partner) = record { return String(partner.agreements.count) }
                return ""
            }
        })
    }

    /// Counts and whole numbers are numbers, days are dates; a list of nested records is
    /// exported as its count.
    static func cellType(of type: FieldType) -> CellType {
        switch type {
        case .count, .integer, .records: .number
        case .day: .day
        default: .text
        }
    }
}
