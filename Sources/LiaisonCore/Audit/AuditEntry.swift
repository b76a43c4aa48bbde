#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One saved change: a field of a record changed, or a record added or deleted as a whole. One
/// line of the audit trail (`NAME.history.jsonl` beside the data file, docs/data-format.md).
public struct AuditEntry: Equatable, Sendable {
    public enum Change: String, Sendable {
        case added, changed, deleted
    }

    /// When it was saved: UTC, ISO 8601 with its offset (`2026-11-25T14:02:11+00:00`).
    public var time: String
    /// Who saved it: the account of the saving process's real user id.
    public var account: String
    public var recordKind: RecordKind
    public var recordId: String
    public var change: Change
    /// The field's JSON path in the record (`agreements[1].end`); nil for a whole record.
    public var field: String?
    /// The field's label for people (`Agreement 2: End`); nil for a whole record.
    public var label: String?
    /// The values before and after (nil when absent); a whole record's object when it was
    /// deleted (`old`) or added (`new`).
    public var old: JSONValue?
    public var new: JSONValue?

    public init(time: String, account: String, recordKind: RecordKind, recordId: String, change: Change,
                field: String? = nil, label: String? = nil, old: JSONValue? = nil, new: JSONValue? = nil) {
        self.time = time
        self.account = account
        self.recordKind = recordKind
        self.recordId = recordId
        self.change = change
        self.field = field
        self.label = label
        self.old = old
        self.new = new
    }

    // MARK: the line

    /// The entry as JSON, keys in a fixed order, every key present (null when it has no value).
    public var json: JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object(JSONObject([
            ("time", .string(time)),
            ("account", .string(account)),
            ("kind", .string(recordKind.rawValue)),
            ("id", .string(recordId)),
            ("change", .string(change.rawValue)),
            ("field", text(field)),
            ("label", text(label)),
            ("old", old ?? .null),
            ("new", new ?? .null),
        ]))
    }

    /// One line of JSON Lines: compact, ending in a line feed. Line breaks inside values are
    /// escaped by the writer, so the only line feed is the last byte.
    public var line: [UInt8] {
        var writer = JSONWriter(capacity: 256, compact: true)
        writer.value(json)
        writer.finishDocument()
        return writer.bytes
    }

    /// An entry read from a line; nil for a line that is not one (cut short by a crash).
    public init?(line: ArraySlice<UInt8>) {
        guard case .object(let object)? = try? JSONReader.parse(Array(line)),
              case .string(let time)? = object["time"], case .string(let account)? = object["account"],
              case .string(let kindName)? = object["kind"], let kind = RecordKind(rawValue: kindName),
              case .string(let id)? = object["id"],
              case .string(let changeName)? = object["change"], let change = Change(rawValue: changeName) else { return nil }
        func value(_ key: String) -> JSONValue? {
            guard let value = object[key], value != .null else { return nil }
            return value
        }
        self.init(time: time, account: account, recordKind: kind, recordId: id, change: change,
                  field: object.string("field"), label: object.string("label"), old: value("old"), new: value("new"))
    }

    // MARK: for people

    /// What changed, in one line: `End: 2026-12-31 → 2027-06-30`, `added partner Universität Wien`.
    /// Values are shortened and their line feeds made spaces; every other control character is
    /// left for the front end's sanitiser, which shows each as a placeholder.
    public var summary: String { summary(cut: true) }

    /// The same with values whole, for a front end that wraps them (`liaison history`).
    public var wholeSummary: String { summary(cut: false) }

    private func summary(cut: Bool) -> String {
        switch change {
        case .added: "added \(recordKind.rawValue) \(Self.name(of: new) ?? recordId)"
        case .deleted: "deleted \(recordKind.rawValue) \(Self.name(of: old) ?? recordId)"
        case .changed: "\(label ?? field ?? "?"): \(Self.text(old, cut: cut)) → \(Self.text(new, cut: cut))"
        }
    }

    /// The local time (TZ) to the minute, `2026-11-25 14:02`; the stored text when it is not a time.
    public var localTime: String {
        guard let seconds = Self.secondsSinceEpoch(time) else { return time }
        var clock = time_t(seconds)
        var local = tm()
        guard localtime_r(&clock, &local) != nil,
              let day = Day(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday)) else { return time }
        return "\(day) \(Self.two(Int(local.tm_hour))):\(Self.two(Int(local.tm_min)))"
    }

    /// The local day it was saved on (for `--since`).
    public var localDay: Day? { Day(localTime.prefix(10)) }

    /// A value shown in a summary: text as itself, lists joined, absent as "(none)".
    static func text(_ value: JSONValue?, cut: Bool = true) -> String {
        guard let value else { return "(none)" }
        var text = ""
        text.unicodeScalars.append(contentsOf: RecordFields.text(of: value).unicodeScalars.map { $0 == "\n" ? " " : $0 })
        if text.isEmpty { return "(none)" }
        return cut && text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    private static func name(of record: JSONValue?) -> String? {
        guard case .object(let object)? = record else { return nil }
        return object.string("name") ?? object.string("title")
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    // MARK: time

    /// The audit time of a change stamp (`2026-11-25T14:02:11Z` → `2026-11-25T14:02:11+00:00`).
    public static func time(fromStamp stamp: String) -> String {
        stamp.hasSuffix("Z") ? stamp.dropLast() + "+00:00" : stamp
    }

    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`.
    static func secondsSinceEpoch(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, let day = Day(text.prefix(10)), bytes[10] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return nil }
        var offset = 0
        if bytes.count == 25, bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"),
           let hours = number(20..<22), let minutes = number(23..<25) {
            offset = (hours * 3600 + minutes * 60) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
        } else if !(bytes.count == 20 && bytes[19] == UInt8(ascii: "Z")) {
            return nil
        }
        return day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offset
    }
}

/// The audit trail as read: its entries oldest first, and how many lines could not be read.
public struct AuditTrail: Equatable, Sendable {
    public var entries: [AuditEntry]
    /// Lines that are not entries: the end of a line a crash cut short (the next append starts a
    /// new line after it), or damage by hand. They are skipped; every other line is read.
    public var unreadableLines: Int

    public init(entries: [AuditEntry] = [], unreadableLines: Int = 0) {
        self.entries = entries
        self.unreadableLines = unreadableLines
    }

    public init(bytes: [UInt8]) {
        self.init()
        for line in bytes.split(separator: 0x0A) {
            if let entry = AuditEntry(line: line) {
                entries.append(entry)
            } else {
                unreadableLines += 1
            }
        }
    }

    /// The lines of one save as one buffer, so that they are appended with one write. After a
    /// trail whose last byte is not a line feed (a crash cut its last line short), they start on
    /// a new line, so the torn line spoils none of them.
    public static func lines(of entries: [AuditEntry], after lastByte: UInt8?) -> [UInt8] {
        guard !entries.isEmpty else { return [] }
        let lines = entries.flatMap(\.line)
        return lastByte == nil || lastByte == 0x0A ? lines : [0x0A] + lines
    }

}
