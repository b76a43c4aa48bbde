/// The rules a record must satisfy, used when a file is loaded and when an edit is applied.
/// Errors refuse a file or an edit; warnings (unknown enum values, dangling links, a website or
/// e-mail that does not look right) are shown, and the data is kept as it is.
public enum Validation {
    /// Problems of one partner; paths are relative to the record (`agreements[0].end`).
    public static func check(_ partner: Partner) -> [Diagnostic] {
        var issues = Issues()
        issues.id(partner.id)
        issues.required("name", partner.name)
        issues.country("country", partner.country)
        issues.url("website", partner.website)
        issues.known("partnershipType", partner.partnershipType, Partner.partnershipTypes)
        issues.known("status", partner.status, Partner.statuses)
        issues.timestamp("updatedAt", partner.updatedAt)
        for (index, agreement) in partner.agreements.enumerated() {
            issues.agreement = index
            issues.id(agreement.id)
            issues.known("kind", agreement.kind, Agreement.kinds)
            issues.order(start: agreement.start, end: agreement.end)
            if let quota = agreement.quota {
                issues.nonNegative("quota.incoming", quota.incoming)
                issues.nonNegative("quota.outgoing", quota.outgoing)
            }
            for (areaIndex, area) in agreement.subjectAreas.enumerated() where !isISCED(area) {
                issues.add(.error, "subjectAreas[\(areaIndex)]", "\"\(area)\" is not an ISCED-F 2013 code of 4 digits (e.g. 0533)")
            }
        }
        return issues.list
    }

    public static func check(_ objective: Objective) -> [Diagnostic] {
        var issues = Issues()
        issues.id(objective.id)
        issues.required("title", objective.title)
        return issues.list
    }

    public static func check(_ event: Event) -> [Diagnostic] {
        var issues = Issues()
        issues.id(event.id)
        issues.required("title", event.title)
        if let kind = event.kind { issues.known("kind", kind, Event.kinds) }
        if event.start == nil { issues.add(.error, "start", "is required (YYYY-MM-DD)") }
        issues.order(start: event.start, end: event.end)
        return issues.list
    }

    public static func check(_ contact: Contact) -> [Diagnostic] {
        var issues = Issues()
        issues.id(contact.id)
        issues.required("name", contact.name)
        if let email = contact.email, !isEmail(email) {
            issues.add(.warning, "email", "\"\(email)\" is not an e-mail address (name@example.org)")
        }
        return issues.list
    }

    public static func check(_ record: Record) -> [Diagnostic] {
        switch record {
        case .partner(let partner): check(partner)
        case .objective(let objective): check(objective)
        case .event(let event): check(event)
        case .contact(let contact): check(contact)
        }
    }

    /// Every problem of a whole network: each record's own, ids used twice, and links to
    /// records that do not exist.
    public static func check(_ network: Network) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The prefix is built only for a record that has problems: most have none.
        func add(_ list: [Diagnostic], at prefix: @autoclosure () -> String) {
            guard !list.isEmpty else { return }
            let prefix = prefix()
            for var diagnostic in list {
                diagnostic.path = prefix + "." + diagnostic.path
                diagnostics.append(diagnostic)
            }
        }
        for (index, record) in network.partners.enumerated() { add(check(record), at: "partners[\(index)]") }
        for (index, record) in network.objectives.enumerated() { add(check(record), at: "objectives[\(index)]") }
        for (index, record) in network.events.enumerated() { add(check(record), at: "events[\(index)]") }
        for (index, record) in network.contacts.enumerated() { add(check(record), at: "contacts[\(index)]") }
        return diagnostics + checkAcrossRecords(network)
    }

    /// The rules that look at more than one record (and the institution): ids used twice and
    /// links to records that do not exist.
    public static func checkAcrossRecords(_ network: Network) -> [Diagnostic] {
        var institution = Issues()
        institution.prefix = "institution."
        institution.required("name", network.institution.name)
        institution.country("country", network.institution.country)
        institution.url("website", network.institution.website)
        let ids = idUses(in: network)
        return institution.list + ids.duplicates + danglingReferences(in: network, uses: ids.uses)
    }

    /// Where an id is used; turned into a path only for a message.
    private enum Use {
        case partner(Int), agreement(Int, Int), objective(Int), event(Int), contact(Int)

        var path: String {
            switch self {
            case .partner(let index): "partners[\(index)]"
            case .agreement(let index, let agreement): "partners[\(index)].agreements[\(agreement)]"
            case .objective(let index): "objectives[\(index)]"
            case .event(let index): "events[\(index)]"
            case .contact(let index): "contacts[\(index)]"
            }
        }

        var kind: RecordKind? {
            switch self {
            case .partner: .partner
            case .objective: .objective
            case .event: .event
            case .contact: .contact
            case .agreement: nil
            }
        }
    }

    /// One map of every id serves both cross-record rules. Records are read in place by index:
    /// iterating over them would copy each one.
    static func duplicateIds(in network: Network) -> [Diagnostic] {
        idUses(in: network).duplicates
    }

    private static func idUses(in network: Network) -> (uses: [String: Use], duplicates: [Diagnostic]) {
        var firstUse: [String: Use] = [:]
        firstUse.reserveCapacity(network.partners.count * 3 + network.events.count + network.contacts.count)
        var diagnostics: [Diagnostic] = []
        func use(_ id: String, _ place: Use) {
            guard !id.isEmpty else { return }
            if let earlier = firstUse.updateValue(place, forKey: id) {
                firstUse[id] = earlier
                diagnostics.append(Diagnostic(.error, path: place.path + ".id", "id \"\(id)\" is already used by \(earlier.path)"))
            }
        }
        for index in network.partners.indices {
            use(network.partners[index].id, .partner(index))
            for agreementIndex in network.partners[index].agreements.indices {
                use(network.partners[index].agreements[agreementIndex].id, .agreement(index, agreementIndex))
            }
        }
        for index in network.objectives.indices { use(network.objectives[index].id, .objective(index)) }
        for index in network.events.indices { use(network.events[index].id, .event(index)) }
        for index in network.contacts.indices { use(network.contacts[index].id, .contact(index)) }
        return (firstUse, diagnostics)
    }

    static func danglingReferences(in network: Network) -> [Diagnostic] {
        danglingReferences(in: network, uses: idUses(in: network).uses)
    }

    private static func danglingReferences(in network: Network, uses: [String: Use]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func check(_ ids: [String], kind: RecordKind, at path: @autoclosure () -> String) {
            for (index, id) in ids.enumerated() where uses[id]?.kind != kind {
                diagnostics.append(Diagnostic(.warning, path: "\(path())[\(index)]", "links to \(kind.rawValue) \"\(id)\", which does not exist (the link is kept)"))
            }
        }
        for index in network.partners.indices {
            check(network.partners[index].contactIds, kind: .contact, at: "partners[\(index)].contactIds")
            check(network.partners[index].objectiveIds, kind: .objective, at: "partners[\(index)].objectiveIds")
        }
        for index in network.events.indices {
            check(network.events[index].partnerIds, kind: .partner, at: "events[\(index)].partnerIds")
            check(network.events[index].contactIds, kind: .contact, at: "events[\(index)].contactIds")
            check(network.events[index].objectiveIds, kind: .objective, at: "events[\(index)].objectiveIds")
        }
        for index in network.contacts.indices {
            if let partnerId = network.contacts[index].partnerId, uses[partnerId]?.kind != .partner {
                diagnostics.append(Diagnostic(.warning, path: "contacts[\(index)].partnerId", "links to partner \"\(partnerId)\", which does not exist (the link is kept)"))
            }
        }
        return diagnostics
    }

    // MARK: single rules, public for forms that check a field as it is typed

    public static func isValidId(_ id: String) -> Bool {
        var utf8 = id.utf8.makeIterator()
        guard let first = utf8.next(), isLowerAlphanumeric(first) else { return false }
        while let byte = utf8.next() {
            guard isLowerAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else { return false }
        }
        return true
    }

    public static func isISCED(_ code: String) -> Bool {
        code.utf8.count == 4 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// An absolute http or https URL with a host name: what a browser can open.
    public static func isHTTPURL(_ text: String) -> Bool {
        let utf8 = text.utf8
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard utf8.count >= count else { return false }
            return prefix.withUTF8Buffer { expected in
                zip(utf8.prefix(count), expected).allSatisfy { $0 | 0x20 == $1 | 0x20 }
            }
        }
        let schemeLength = hasPrefix("https://") ? 8 : hasPrefix("http://") ? 7 : 0
        guard schemeLength > 0 else { return false }
        let rest = utf8.dropFirst(schemeLength)
        let host = rest.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        guard !host.isEmpty, !rest.contains(UInt8(ascii: " ")) else { return false }
        return host.contains(UInt8(ascii: ".")) || host.starts(with: "localhost".utf8)
    }

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(" ") else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    /// RFC 3339 in UTC as the program writes it: `2026-11-24T20:05:41Z`.
    public static func isTimestamp(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == 20, Day(text.prefix(10)) != nil else { return false }
        for (index, byte) in utf8.enumerated().dropFirst(10) {
            let expected: UInt8? = switch index {
            case 10: UInt8(ascii: "T")
            case 13, 16: UInt8(ascii: ":")
            case 19: UInt8(ascii: "Z")
            default: nil
            }
            if let expected {
                guard byte == expected else { return false }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            }
        }
        return true
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

/// Collects one record's problems under a path prefix.
private struct Issues {
    var list: [Diagnostic] = []
    var prefix = ""
    /// The agreement being checked; its path is made only for a problem, as most have none.
    var agreement: Int?

    mutating func add(_ severity: Diagnostic.Severity, _ field: String, _ message: String) {
        let agreementPrefix = agreement.map { "agreements[\($0)]." } ?? ""
        list.append(Diagnostic(severity, path: prefix + agreementPrefix + field, message))
    }

    mutating func id(_ id: String) {
        if id.isEmpty {
            add(.error, "id", "is required")
        } else if !Validation.isValidId(id) {
            add(.error, "id", "\"\(id)\" is not a valid id: lower-case letters and digits, then also . _ -")
        }
    }

    mutating func required(_ field: String, _ value: String) {
        if value.allSatisfy(\.isWhitespace) { add(.error, field, "is required and may not be empty") }
    }

    mutating func country(_ field: String, _ code: String) {
        guard Country.named(code: code) == nil else { return }
        var message = "\"\(code)\" is not an ISO 3166-1 alpha-2 code"
        if let suggestion = Country.suggestion(for: code) { message += " (did you mean \(suggestion.code)?)" }
        add(.error, field, message)
    }

    mutating func url(_ field: String, _ value: String?) {
        if let value, !Validation.isHTTPURL(value) {
            add(.warning, field, "\"\(value)\" is not an http(s) URL")
        }
    }

    mutating func known(_ field: String, _ value: String, _ allowed: [String]) {
        if !allowed.contains(value) {
            add(.warning, field, "\"\(value)\" is not a known value (known: \(allowed.joined(separator: ", ")))")
        }
    }

    mutating func timestamp(_ field: String, _ value: String?) {
        if let value, !Validation.isTimestamp(value) {
            add(.warning, field, "\"\(value)\" is not an RFC 3339 UTC timestamp (2026-11-24T20:05:41Z)")
        }
    }

    mutating func order(start: Day?, end: Day?) {
        if let start, let end, end < start {
            add(.error, "end", "\(end) is before the start \(start)")
        }
    }

    mutating func nonNegative(_ field: String, _ value: Int?) {
        if let value, value < 0 { add(.error, field, "\(value) is negative; quotas count people and are 0 or more") }
    }
}
