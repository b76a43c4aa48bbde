/// What an import will do, worked out before anything changes: the records it adds, the fields
/// it changes (old → new), how many rows change nothing, and the rows it refuses with the column
/// and the rule. `Document.put(_:summary:)` applies `records` as one change.
public struct ImportPlan: Sendable {
    public struct Added: Equatable, Sendable {
        public var row: Int
        /// "partner ETH Zürich (eth-zurich)", "agreement eth-erasmus-2 (erasmus) of ETH Zürich".
        public var what: String
        /// The values a new record has that the sheet did not give (a partner's status and
        /// type), so that no default goes in unseen.
        public var defaults: [Default] = []

        /// "partner Universität Basel (universitat-basel); not in the sheet, so set to: status planned, type exchange".
        public var description: String {
            defaults.isEmpty ? what : what + "; not in the sheet, so set to: " + defaults.map { "\($0.label.lowercased()) \($0.value)" }.joined(separator: ", ")
        }
    }

    public struct Default: Equatable, Sendable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    public struct FieldChange: Equatable, Sendable {
        public var label: String
        /// The values as text, empty when absent.
        public var old: String
        public var new: String

        public init(label: String, old: String, new: String) {
            self.label = label
            self.old = old
            self.new = new
        }
    }

    public struct Changed: Equatable, Sendable {
        public var row: Int
        public var what: String
        public var changes: [FieldChange]
    }

    public struct Refused: Equatable, Sendable, CustomStringConvertible {
        public var row: Int
        /// The header of the column whose value breaks the rule; nil when the row as a whole does.
        public var column: String?
        public var rule: String
        /// "row", or "card" for an address book (`SheetTable.rowName`).
        public var rowName = "row"

        public var description: String { "\(rowName) \(row)" + (column.map { ", column \"\($0)\"" } ?? "") + ": \(rule)" }
    }

    public var kind: ImportKind
    public var mapping: ColumnMapping
    public var added: [Added] = []
    public var changed: [Changed] = []
    public var unchanged = 0
    public var refused: [Refused] = []
    /// Every record the import puts, as it will be, in the order the rows first touch them (an
    /// agreement row puts its partner).
    public var records: [Record] = []

    /// How many rows were refused (a row may break several rules).
    public var refusedRows: Int { Set(refused.map(\.row)).count }

    /// Whether rows were refused and no other row is left: with --skip-invalid that is a
    /// failure, not "nothing to import".
    public var everyRowRefused: Bool {
        refusedRows > 0 && added.isEmpty && changed.isEmpty && unchanged == 0
    }

    /// "12 added, 3 changed, 280 unchanged, 1 refused".
    public var summary: String {
        "\(added.count) added, \(changed.count) changed, \(unchanged) unchanged, \(refusedRows) refused"
    }
}
