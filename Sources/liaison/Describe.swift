import LiaisonCore

/// Short texts for records, shared by the CLI's tables and detail views.
enum Describe {
    static func country(_ code: String) -> String {
        guard let country = Country.named(code: code) else { return code }
        return "\(code) \(country.name)"
    }

    static func period(_ start: Day?, _ end: Day?) -> String {
        switch (start, end) {
        case let (start?, end?): "\(start) – \(end)"
        case let (start?, nil): "\(start) – open-ended"
        case let (nil, end?): "until \(end)"
        case (nil, nil): "open-ended"
        }
    }

    static func quota(_ quota: Quota?) -> String {
        guard let quota else { return "" }
        return "in \(quota.incoming.map(String.init) ?? "–") / out \(quota.outgoing.map(String.init) ?? "–")"
    }

    static func daysLeft(_ end: Day, today: Day) -> String {
        let days = today.days(until: end)
        return days == 0 ? "today" : days == 1 ? "1 day" : "\(days) days"
    }

    /// A one-line detail for a search hit.
    static func detail(of record: Record) -> String {
        switch record {
        case .partner(let partner):
            return [Country.named(code: partner.country)?.name ?? partner.country, partner.city, partner.partnershipType, partner.status]
                .compactMap { $0 }.joined(separator: " · ")
        case .contact(let contact):
            return [contact.role, contact.unit].compactMap { $0 }.joined(separator: " · ")
        case .event(let event):
            return [event.start?.description, event.location].compactMap { $0 }.joined(separator: " · ")
        case .objective(let objective):
            return objective.order.map { "objective \($0)" } ?? "objective"
        }
    }
}
