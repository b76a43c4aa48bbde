/// What an import brings in: records of one kind, or agreements (which belong to partners).
public enum ImportKind: String, CaseIterable, Sendable {
    case partners, agreements, contacts, events

    /// The kind of record the rows become, or change: an agreement row changes its partner.
    public var recordKind: RecordKind {
        switch self {
        case .partners, .agreements: .partner
        case .contacts: .contact
        case .events: .event
        }
    }

    /// The kind by its name, plural or singular as `add partner` has it: "partners", "partner".
    public init?(named name: String) {
        guard let kind = Self(rawValue: name) ?? Self.allCases.first(where: { $0.rowNoun == name }) else { return nil }
        self = kind
    }

    /// What one row is, for messages: "partner", "agreement".
    public var rowNoun: String { self == .agreements ? "agreement" : recordKind.rawValue }

    /// The names a workbook's sheet of these rows has, in English (as `export --format xlsx`
    /// names them) and German; without `--sheet` such a sheet is read rather than the first.
    public var sheetNames: [String] {
        switch self {
        case .partners: ["partners", "partner", "Partnerhochschulen", "Hochschulen"]
        case .agreements: ["agreements", "agreement", "Verträge", "Vertraege", "Abkommen", "Vereinbarungen"]
        case .contacts: ["contacts", "contact", "Kontakte", "Ansprechpartner"]
        case .events: ["events", "event", "Veranstaltungen", "Termine"]
        }
    }

    /// The columns a sheet of this kind may have, from the kind's table: its id and the fields a
    /// person edits as text (what `set` and the forms take). An agreement row has its own fields
    /// (the quota's as `quota.incoming`, as the partner form and `export` have them) and the keys
    /// that find its partner: id, name, country, Erasmus or SCHAC code.
    public var fields: [ImportField] {
        switch self {
        case .partners, .contacts, .events:
            let fields = Schema.fields(of: recordKind)
            return fields.filter { $0.key == "id" || $0.type.isEditableAsText }.map { ImportField($0, in: self) }
        case .agreements:
            let partner = Schema.fields(of: .partner)
            func partnerField(_ key: String, as importKey: String, label: String) -> ImportField {
                let info = partner.first { $0.key == key }!
                return ImportField(FieldInfo(key: importKey, label: label, type: info.type, isRequired: false), in: self, findsPartner: true)
            }
            return [
                partnerField("id", as: "partnerId", label: "Partner id"),
                partnerField("name", as: "partner", label: "Partner"),
                partnerField("country", as: "country", label: "Partner's country"),
                partnerField("erasmusCode", as: "erasmusCode", label: "Partner's Erasmus code"),
                partnerField("schacCode", as: "schacCode", label: "Partner's SCHAC code"),
                ImportField(Schema.agreementFields.first { $0.key == "id" }!, in: self),
            ] + AgreementRows.fields.map { ImportField($0, in: self) }
        }
    }

    /// Columns `export` writes that are not a field to import: who changed a record and when
    /// (kept by Liaison), a partner's count of agreements. A sheet that has them is read without
    /// a word about them, so an exported table imports as it is.
    public var silentlyIgnored: Set<String> {
        let bookkeeping = Schema.fields(of: recordKind).filter(\.type.isBookkeeping).map(\.key)
        switch self {
        case .partners: return Set(bookkeeping + ["agreements"])
        case .agreements: return []
        case .contacts, .events: return Set(bookkeeping)
        }
    }
}

/// A field a column can be imported into: the table's field, and every name a header may give it.
public struct ImportField: Equatable, Sendable {
    public let info: FieldInfo
    /// Its key, its label and its synonyms (HeaderSynonyms), in that order.
    public let names: [String]
    /// An agreement row's key to its partner, not a field of the agreement.
    public let findsPartner: Bool

    init(_ info: FieldInfo, in kind: ImportKind, findsPartner: Bool = false) {
        self.info = info
        self.names = [info.key, info.label] + HeaderSynonyms.names(of: info.key, in: kind)
        self.findsPartner = findsPartner
    }

    public var key: String { info.key }
    public var label: String { info.label }
    public var type: FieldType { info.type }
}
