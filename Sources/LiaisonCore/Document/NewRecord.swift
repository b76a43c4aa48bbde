/// How new records start, for the dashboard's forms and `liaison add` alike.
public enum NewRecord {
    /// A new partner's type and status when none is given.
    public static let partnerDefaults = (type: "exchange", status: "planned")

    /// A new record of a kind, with the defaults a form starts from (no id yet).
    public static func blank(_ kind: RecordKind) -> Record {
        switch kind {
        case .partner:
            var partner = Partner()
            partner.partnershipType = partnerDefaults.type
            partner.status = partnerDefaults.status
            return .partner(partner)
        case .objective: return .objective(Objective())
        case .event: return .event(Event())
        case .contact: return .contact(Contact())
        }
    }

    /// A record to duplicate: the same values under "(copy)", without the bookkeeping, made new
    /// (with its own id and agreement ids) when it is added.
    public static func copy(of record: Record) -> Record {
        switch record {
        case .partner(var partner):
            partner.name += " (copy)"
            partner.updatedAt = nil
            partner.updatedBy = nil
            return .partner(partner)
        case .objective(var objective):
            objective.title += " (copy)"
            return .objective(objective)
        case .event(var event):
            event.title += " (copy)"
            return .event(event)
        case .contact(var contact):
            contact.name += " (copy)"
            return .contact(contact)
        }
    }

    /// The record with a new id.
    public static func withId(_ id: String, _ record: Record) -> Record {
        switch record {
        case .partner(var value): value.id = id; return .partner(value)
        case .objective(var value): value.id = id; return .objective(value)
        case .event(var value): value.id = id; return .event(value)
        case .contact(var value): value.id = id; return .contact(value)
        }
    }
}
