/// What `liaison ewp import` will do, worked out before anything changes: the partners and
/// agreements it adds, the fields it changes (old → new, labelled by the schema), the IIAs that
/// change nothing, the IIAs it refuses and why, and the notes to say (an `iia-hash` that is not
/// the content's). `Document.put(_:summary:)` applies `records` as one change.
public struct EWPImportPlan: Sendable {
    /// A record added or changed, with where in which file the IIA stands ("get.xml:12").
    public struct Entry: Equatable, Sendable {
        public var location: String
        /// "partner University of Warsaw (university-of-warsaw)", "agreement uw-erasmus (erasmus) of ...".
        public var what: String
        /// For a record added: the values it has that the file did not give.
        public var defaults: [ImportPlan.Default] = []
        /// For a record changed: each field, old → new.
        public var changes: [ImportPlan.FieldChange] = []

        /// "partner X (x); not in the file, so set to: status planned, type exchange".
        public var description: String {
            defaults.isEmpty ? what : what + "; not in the file, so set to: " + defaults.map { "\($0.label.lowercased()) \($0.value)" }.joined(separator: ", ")
        }
    }

    /// An IIA that is not imported, with where it stands and the rule.
    public struct Refused: Equatable, Sendable, CustomStringConvertible {
        public var location: String
        public var rule: String

        public var description: String { "\(location): \(rule)" }
    }

    public var added: [Entry] = []
    public var changed: [Entry] = []
    /// IIAs already in the network as they are in the file.
    public var unchanged = 0
    public var refused: [Refused] = []
    /// Things to know that refuse nothing: "get.xml:12: the iia-hash ... is not its content's".
    public var notes: [String] = []
    /// Every record the import puts, as it will be.
    public var records: [Record] = []

    public init() {}

    /// "3 added, 1 changed, 0 unchanged, 0 refused": records added and changed, IIAs unchanged and refused.
    public var summary: String {
        "\(added.count) added, \(changed.count) changed, \(unchanged) unchanged, \(refused.count) refused"
    }
}
