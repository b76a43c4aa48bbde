#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a start offers back from sessions that ended without saving, described for people: per
/// journal its time and, per record, what changed field by field (old → new), with the schema's
/// labels. The dashboard shows it; any other front end can print `lines`.
public struct RecoveryOffer: Equatable, Sendable {
    public struct FieldChange: Equatable, Sendable {
        public var label: String
        public var old: String
        public var new: String

        public var text: String { "\(label): \(old) → \(new)" }
    }

    public struct RecordChange: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case added, changed, deleted }
        public var kind: Kind
        public var recordKind: RecordKind?
        public var id: String
        public var name: String
        public var fields: [FieldChange]

        public var heading: String {
            let what = [recordKind?.rawValue, id].compactMap { $0 }.joined(separator: " ") + (name.isEmpty || name == id ? "" : " (\(name))")
            return switch kind {
            case .added: "new \(what)"
            case .changed: what
            case .deleted: "deleted \(what)"
            }
        }
    }

    /// One ended session's journal.
    public struct Journal: Equatable, Sendable {
        public var location: String
        /// When it was last written, in seconds since 1970, if known.
        public var lastWritten: Int?
        public var entries: [LiaisonCore.Journal.Entry]
        public var unreadableLines: Int
        public var changes: [RecordChange]
        /// The form its session had open with typed text, if it ended so.
        public var draft: FormDraft? = nil

        /// "2026-11-24 14:05" in the local time zone, or nil if the time is not known.
        public var time: String? { lastWritten.map(RecoveryOffer.localTime) }
    }

    public var journals: [Journal]
    /// Journal files found but not offered, each with its place and why.
    public var notOffered: [String]

    public init(journals: [Journal], notOffered: [String] = []) {
        self.journals = journals
        self.notOffered = notOffered
    }

    /// Every entry of every journal, oldest journal first: what recovery replays.
    public var entries: [LiaisonCore.Journal.Entry] { journals.flatMap(\.entries) }

    public var changeCount: Int { journals.map(\.changes.count).reduce(0, +) }

    /// The offer as text lines: a heading per journal, a line per record, an indented line per field.
    public var lines: [String] {
        var lines: [String] = []
        for journal in journals {
            let count = journal.changes.count
            let what = (count > 0 || journal.draft == nil ? ["\(Counted.text(count, "record")) changed"] : [])
                + (journal.draft == nil ? [] : ["a form left open"])
            lines.append("Session " + (journal.time.map { "last active \($0)" } ?? "of \(journal.location)")
                         + ": " + what.joined(separator: ", "))
            for change in journal.changes {
                lines.append("  " + change.heading)
                lines += change.fields.map { "    " + $0.text }
            }
            if let draft = journal.draft {
                let typed = draft.changes
                // One changed field reads on one line: "a form left open: partner nims, City: a → b".
                lines.append("  a form left open: " + draft.heading + (typed.count == 1 ? ", " + typed[0].text : ""))
                if typed.count > 1 { lines += typed.map { "    " + $0.text } }
            }
            if journal.unreadableLines > 0 {
                lines.append("  \(Counted.text(journal.unreadableLines, "line")) of this journal could not be read (cut short?) and \(journal.unreadableLines == 1 ? "is" : "are") not offered")
            }
        }
        lines += notOffered.map { "Not offered: " + $0 }
        return lines
    }

    /// Describes what one journal's entries change, against the record as its session started.
    static func changes(in entries: [LiaisonCore.Journal.Entry]) -> [RecordChange] {
        Recovery.latest(entries).compactMap { entry in
            switch entry.operation {
            case .put(let record):
                let fields = fieldChanges(from: entry.base, to: record)
                if entry.base != nil && fields.isEmpty { return nil }
                return RecordChange(kind: entry.base == nil ? .added : .changed, recordKind: record.kind, id: record.id,
                                    name: record.displayName, fields: fields)
            case .delete(let id):
                return RecordChange(kind: .deleted, recordKind: entry.base?.kind, id: id, name: entry.base?.displayName ?? "", fields: [])
            }
        }
    }

    /// The fields that differ, by the schema's labels; agreements field by field. Bookkeeping
    /// (who changed a record and when) is left out: a save sets it anyway.
    static func fieldChanges(from old: Record?, to new: Record) -> [FieldChange] {
        let before = object(old), after = object(new) ?? JSONObject()
        var changes: [FieldChange] = []
        for field in Schema.fields(of: new.kind) where !field.type.isBookkeeping {
            let was = before?[field.key], now = after[field.key]
            guard was != now else { continue }
            if field.type == .records {
                changes += listChanges(key: field.key, was, now, kind: new.kind)
            } else {
                changes.append(FieldChange(label: field.label, old: text(was), new: text(now)))
            }
        }
        let known = Set(Schema.fields(of: new.kind).map(\.key))
        var unknownKeys = after.members.map(\.key).filter { !known.contains($0) }
        for member in before?.members ?? [] where !known.contains(member.key) && !unknownKeys.contains(member.key) { unknownKeys.append(member.key) }
        for key in unknownKeys where before?[key] != after[key] {
            changes.append(FieldChange(label: key, old: text(before?[key]), new: text(after[key])))
        }
        return changes
    }

    /// Nested records (a partner's agreements) compared position by position, key by key.
    private static func listChanges(key: String, _ was: JSONValue?, _ now: JSONValue?, kind: RecordKind) -> [FieldChange] {
        let old = elements(was), new = elements(now)
        var changes: [FieldChange] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : nil, after = index < new.count ? new[index] : nil
            guard before != after else { continue }
            guard let before, let after else {
                changes.append(FieldChange(label: Schema.label(forPath: "\(key)[\(index)]", in: kind),
                                           old: before == nil ? "(none)" : "present", new: after == nil ? "removed" : "added"))
                continue
            }
            var keys = before.members.map(\.key)
            for member in after.members where !keys.contains(member.key) { keys.append(member.key) }
            for inner in keys where before[inner] != after[inner] {
                changes.append(FieldChange(label: Schema.label(forPath: "\(key)[\(index)].\(inner)", in: kind),
                                           old: text(before[inner]), new: text(after[inner])))
            }
        }
        return changes
    }

    private static func elements(_ value: JSONValue?) -> [JSONObject] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { if case .object(let object) = $0 { object } else { nil } }
    }

    private static func object(_ record: Record?) -> JSONObject? {
        guard let record, case .object(let object)? = try? JSONReader.parse(NetworkCoding.encode(record)) else { return nil }
        return object
    }

    /// A value on one line: text as itself (line breaks as ⏎), lists joined, absent as "(none)".
    static func text(_ value: JSONValue?) -> String {
        let shown: String = switch value {
        case nil, .null?: "(none)"
        case .string(let text)?: text.replacingLineBreaks
        case .array(let items)? where items.allSatisfy({ if case .string = $0 { true } else { false } }):
            items.map { if case .string(let text) = $0 { text } else { "" } }.joined(separator: RecordText.listSeparator)
        default: Merge.Conflict.text(value)
        }
        // Short enough for a label, both values and the arrow on one line of an 80-column dialog.
        return shown.count > 28 ? String(shown.prefix(27)) + "…" : shown
    }

    static func localTime(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension String {
    var replacingLineBreaks: String {
        String(map { $0 == "\n" || $0 == "\r\n" ? "⏎" : $0 })
    }
}
