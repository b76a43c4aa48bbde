/// A form left open with typed text in it: the texts of its fields as typed (they need not pass
/// the rules yet) and as the form opened with them. Kept in the session's recovery journal while
/// typing pauses, so that a dropped connection or a killed session loses none of it; the next
/// start offers it, and taking it reopens the form with these texts, to be applied with the
/// usual checks. Nothing in a draft is ever put into the network unchecked.
public struct FormDraft: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        /// The form's key: a field's JSON key, or an agreement row's `agreements[i].key`.
        public var key: String
        public var text: String
        /// What the field held when the form opened.
        public var original: String

        public init(key: String, text: String, original: String) {
            self.key = key
            self.text = text
            self.original = original
        }

        public var isChanged: Bool { text != original }
    }

    public var kind: RecordKind
    /// The record the form edits, or nil for a new one.
    public var recordId: String?
    /// A partner form's agreement rows, each the id of its agreement (nil for a row added in the form).
    public var agreementIds: [String?]
    public var fields: [Field]

    public init(kind: RecordKind, recordId: String?, agreementIds: [String?] = [], fields: [Field]) {
        self.kind = kind
        self.recordId = recordId
        self.agreementIds = agreementIds
        self.fields = fields
    }

    /// The typed fields someone else changed since the form opened, each with the text the
    /// record has now (`now` gives it by key): reopening the form must say so rather than let
    /// the typed text overwrite theirs unseen.
    public func clashes(now: (String) -> String?) -> [(field: Field, now: String)] {
        fields.compactMap { field in
            guard field.isChanged, let current = now(field.key), current != field.original, current != field.text else { return nil }
            return (field, current)
        }
    }

    /// "partner nims" for a form on a record, "new partner" for one adding it.
    public var heading: String {
        recordId.map { "\(kind.rawValue) \($0)" } ?? "new \(kind.rawValue)"
    }

    /// What was typed, field by field under the schema's labels: "City: Tsukuba → NIMS".
    public var changes: [RecoveryOffer.FieldChange] {
        fields.filter(\.isChanged).map { field in
            RecoveryOffer.FieldChange(label: Schema.label(forPath: field.key, in: kind),
                                      old: field.original.isEmpty ? "(none)" : RecoveryOffer.text(.string(field.original)),
                                      new: field.text.isEmpty ? "(none)" : RecoveryOffer.text(.string(field.text)))
        }
    }
}

// MARK: the journal line

extension FormDraft {
    /// {"op": "draft", "kind": …, "id": …, "agreementIds": […], "fields": [{"key", "text", "original"}]}
    /// on one line. Older readers skip it as a line they cannot read; they apply nothing from it.
    var journalLine: [UInt8] {
        var writer = JSONWriter(capacity: 256 + fields.reduce(0) { $0 + $1.text.utf8.count + $1.original.utf8.count }, compact: true)
        writer.beginObject()
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("id")
        if let recordId { writer.string(recordId) } else { writer.null() }
        writer.key("agreementIds")
        writer.beginArray()
        for id in agreementIds {
            writer.element()
            if let id { writer.string(id) } else { writer.null() }
        }
        writer.endArray()
        writer.key("fields")
        writer.beginArray()
        for field in fields {
            writer.element()
            writer.beginObject()
            writer.key("key")
            writer.string(field.key)
            writer.key("text")
            writer.string(field.text)
            writer.key("original")
            writer.string(field.original)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        // Every journal line starts alike (what reading resumes at after a torn line): the
        // object's other members follow `{"op": "draft", `.
        return Journal.lineStart + Array("\"draft\", ".utf8) + writer.bytes.dropFirst() + [0x0A]
    }

    /// A draft from a journal line's object, or nil if it is not one this program wrote.
    init?(journalObject object: JSONObject) {
        guard case .string("draft")? = object["op"], case .string(let kindName)? = object["kind"],
              let kind = RecordKind(rawValue: kindName), case .array(let items)? = object["fields"] else { return nil }
        var recordId: String?
        switch object["id"] {
        case .string(let id)?: recordId = id
        case .null?, nil: recordId = nil
        default: return nil
        }
        var fields: [Field] = []
        for item in items {
            guard case .object(let field) = item, case .string(let key)? = field["key"],
                  case .string(let text)? = field["text"], case .string(let original)? = field["original"] else { return nil }
            fields.append(Field(key: key, text: text, original: original))
        }
        var agreementIds: [String?] = []
        if case .array(let ids)? = object["agreementIds"] {
            for id in ids {
                switch id {
                case .string(let text): agreementIds.append(text)
                case .null: agreementIds.append(nil)
                default: return nil
                }
            }
        }
        self.init(kind: kind, recordId: recordId, agreementIds: agreementIds, fields: fields)
    }
}
