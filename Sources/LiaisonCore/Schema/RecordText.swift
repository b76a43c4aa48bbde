/// A record's fields as text, read and written by the tables: what forms show, `set` takes, the
/// detail and exports print. Lists are written joined by `listSeparator` and read back split on
/// commas: the one place that decides how a list looks as text.
public enum RecordText {
    public static let listSeparator = ", "

    /// The value of a field as text items (one per list element; none when absent).
    public static func values(of record: Record, key: String) -> [String] {
        switch record {
        case .partner(let value): values(value, Schemas.partner, key)
        case .objective(let value): values(value, Schemas.objective, key)
        case .event(let value): values(value, Schemas.event, key)
        case .contact(let value): values(value, Schemas.contact, key)
        }
    }

    /// The value of a field as one line of text (lists joined), empty when absent.
    public static func text(of record: Record, key: String) -> String {
        values(of: record, key: key).joined(separator: listSeparator)
    }

    /// An agreement's field as one line of text; `quota.incoming` reads inside the quota.
    public static func text(of agreement: Agreement, key: String) -> String {
        if key.hasPrefix("quota.") {
            guard let quota = agreement.quota else { return "" }
            return values(quota, Schemas.quota, String(key.dropFirst(6))).joined(separator: listSeparator)
        }
        return values(agreement, Schemas.agreement, key).joined(separator: listSeparator)
    }

    /// A list typed as text: split on commas, spaces around each item trimmed, empty items dropped.
    public static func list(from text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    static func values<R>(_ record: R, _ schema: RecordSchema<R>, _ key: String) -> [String] {
        schema.fields.first { $0.key == key }?.texts(record) ?? []
    }
}

/// Yes or no as people type it: `yes`/`no`, `true`/`false`, `ja`/`nein`, `1`/`0`, any case.
public enum FlagText {
    public static func value(of text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1", "ja", "j", "wahr": true
        case "no", "n", "false", "0", "nein", "falsch": false
        default: nil
        }
    }
}

extension String {
    /// The text without spaces at its ends. Most texts have none: they are returned as they are,
    /// without a copy (an import trims every cell of 10,000 rows).
    var trimmingSpaces: String {
        guard first == " " || last == " " else { return self }
        guard let start = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[start...last])
    }
}
