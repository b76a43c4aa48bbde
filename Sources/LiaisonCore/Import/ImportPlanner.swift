/// Works out an import's plan, row by row, against a document: each row's cells made into
/// typed text (`CellValue`), the row matched to the record it means (by id, Erasmus or SCHAC
/// code, folded name and country as `Lookalike` decides, an agreement by id or by kind and
/// start), the row's values assigned as `set` assigns them (`FieldAssignment`), the result
/// judged by the document's verdict. Nothing changes here.
///
/// A matched record changes only in the fields the sheet has a value for: an empty cell leaves
/// the field as it is (a sheet with gaps never wipes what the file knows; `set FIELD=` empties
/// one). A row no record matches adds one, with an id made from its name.
public struct ImportPlanner {
    private let document: Document
    private let mapping: ColumnMapping
    private var plan: ImportPlan
    /// Partners (as `Lookalike` finds them, and by their other names), contacts and objectives
    /// by name, for matching rows and for the links a row names.
    private var names: RecordNames
    /// Records as the import leaves them so far, by id, and the order they were first touched.
    private var pending: [String: Record] = [:]
    private var order: [String] = []
    /// The row that took each record (or agreement, by its id): a second row for it is refused.
    private var takenBy: [String: Int] = [:]
    /// Ids made for new records, not yet in the store.
    private var madeIds: Set<String> = []
    private var agreementOwners: [String: String] = [:]
    private var contactsByEmail: [String: String] = [:]
    private var contactsByName: [String: String] = [:]
    private var eventsByTitle: [String: String] = [:]
    /// What the file calls a row ("row", "card"), for the messages.
    private let rowName: String

    public static func plan(_ table: SheetTable, mapping: ColumnMapping, in document: Document) -> ImportPlan {
        var planner = ImportPlanner(document: document, mapping: mapping, rowName: table.rowName)
        for row in table.rows { planner.plan(row) }
        planner.plan.records = planner.order.compactMap { planner.pending[$0] }
        return planner.plan
    }

    private init(document: Document, mapping: ColumnMapping, rowName: String) {
        self.document = document
        self.rowName = rowName
        self.mapping = mapping
        self.plan = ImportPlan(kind: mapping.kind, mapping: mapping)
        self.names = RecordNames(store: document.store, institution: document.network.institution, directory: document.directory)
        let store = document.store
        switch mapping.kind {
        case .partners:
            break
        case .agreements:
            for partner in store.partners { for agreement in partner.agreements { agreementOwners[agreement.id] = partner.id } }
        case .contacts:
            for contact in store.contacts { index(contact) }
        case .events:
            for event in store.events { index(event) }
        }
    }

    // MARK: a row

    /// A row's values by field key (cells made typed text; empty cells left out), with the
    /// header each came from.
    private struct Values {
        var texts: [String: String] = [:]
        var headers: [String: String] = [:]

        subscript(key: String) -> String? { texts[key] }
    }

    private mutating func plan(_ row: SheetTable.Row) {
        var values = Values()
        for column in mapping.columns {
            let text = CellValue.text(column.cell(in: row.cells), for: column.field.type)
            guard !text.isEmpty else { continue }
            values.texts[column.field.key] = text
            values.headers[column.field.key] = column.header
        }
        guard !values.texts.isEmpty, resolveLinks(row.number, &values) else { return }
        switch mapping.kind {
        case .partners: planPartner(row.number, values)
        case .agreements: planAgreement(row.number, values)
        case .contacts: planContact(row.number, values)
        case .events: planEvent(row.number, values)
        }
    }

    /// The row's links made ids: each name in a link column (a contact's organisation, an
    /// event's partners) is the id of the record it names (`RecordNames`). A list cell is read
    /// whole first, for a name with a comma ("University of California, Berkeley"). False, with
    /// the row refused, when a name is no record's or more than one's.
    private mutating func resolveLinks(_ row: Int, _ values: inout Values) -> Bool {
        for column in mapping.columns {
            let key = column.field.key
            guard let text = values[key] else { continue }
            switch column.field.type {
            case .link(let kind):
                guard let id = link(text, as: kind, row: row, key, values) else { return false }
                values.texts[key] = id
            case .links(let kind):
                if case .record(let id) = names.resolve(text, as: kind) {
                    values.texts[key] = id
                    continue
                }
                var ids: [String] = []
                for item in RecordText.list(from: text) {
                    guard let id = link(item, as: kind, row: row, key, values) else { return false }
                    if !id.isEmpty, !ids.contains(id) { ids.append(id) }
                }
                values.texts[key] = ids.joined(separator: ", ")
            default:
                continue
            }
        }
        return true
    }

    /// The id a link's text names, "" for the home institution (no partner); nil, with the row
    /// refused, when no record or more than one has the name.
    private mutating func link(_ text: String, as kind: RecordKind, row: Int, _ key: String, _ values: Values) -> String? {
        switch names.resolve(text, as: kind) {
        case .record(let id): return id
        case .home: return ""
        case .unknown:
            refuse(row, key, values, "no \(kind.rawValue) is called \"\(text.trimmingSpaces)\"")
        case .several(let ids):
            refuse(row, key, values, "\(ids.count) \(kind.rawValue)s are called \"\(text.trimmingSpaces)\" (\(ids.joined(separator: ", "))); the id says which")
        }
        return nil
    }

    private mutating func refuse(_ row: Int, _ key: String?, _ values: Values, _ rule: String) {
        plan.refused.append(ImportPlan.Refused(row: row, column: key.flatMap { values.headers[$0] }, rule: rule, rowName: rowName))
    }

    /// The record a row means as the import has it so far.
    private func current(_ id: String) -> Record? { pending[id] ?? document.store.record(id: id) }

    /// Whether another row took this record already; if so the row is refused, naming both.
    private mutating func take(_ key: String, row: Int, what: String, _ values: Values) -> Bool {
        if let first = takenBy[key] {
            refuse(row, nil, values, "\(rowName) \(first) is already about \(what); a record is imported from one row")
            return false
        }
        takenBy[key] = row
        return true
    }

    // MARK: partners, contacts, events

    /// What a row says of a partner that `Lookalike` compares: its name, country and codes.
    private static func lookalikeCandidate(named name: String?, _ values: Values) -> Partner {
        var candidate = Partner()
        candidate.name = name ?? ""
        candidate.country = values["country"] ?? ""
        candidate.erasmusCode = values["erasmusCode"]
        candidate.schacCode = values["schacCode"]
        candidate.pic = values["pic"]
        return candidate
    }

    private mutating func planPartner(_ row: Int, _ values: Values) {
        let candidate = Self.lookalikeCandidate(named: values["name"], values)
        var id: String?
        if let given = values["id"], current(given)?.kind == .partner {
            id = given
        } else if let match = names.lookalikes.match(candidate) {
            id = match.id
        } else if values["country"] == nil, let name = values["name"] {
            let named = names.lookalikes.partners(named: name)
            if named.count > 1 {
                return refuse(row, "name", values, "\(named.count) partners are named \"\(name)\" (\(named.joined(separator: ", "))); a column with the country or the id says which")
            }
            id = named.first
        }
        planRecord(row, values, existing: id, blank: NewRecord.blank(.partner), name: candidate.name)
    }

    private mutating func planContact(_ row: Int, _ values: Values) {
        var id: String?
        if let given = values["id"], current(given)?.kind == .contact {
            id = given
        } else if let email = values["email"], let found = contactsByEmail[TextFolding.fold(email)] {
            id = found
        } else if let name = values["name"] {
            id = contactsByName[contactKey(name: name, partnerId: values["partnerId"] ?? "")]
        }
        planRecord(row, values, existing: id, blank: NewRecord.blank(.contact), name: values["name"] ?? "")
    }

    private mutating func planEvent(_ row: Int, _ values: Values) {
        var id: String?
        if let given = values["id"], current(given)?.kind == .event {
            id = given
        } else if let title = values["title"] {
            id = eventsByTitle[eventKey(title: title, start: values["start"] ?? "")]
        }
        planRecord(row, values, existing: id, blank: NewRecord.blank(.event), name: values["title"] ?? "")
    }

    private func contactKey(name: String, partnerId: String) -> String { document.store.foldedName(name) + "\n" + partnerId }
    private func eventKey(title: String, start: String) -> String { document.store.foldedName(title) + "\n" + start }

    /// Indexes a contact by its e-mail address and by its name and partner; a key another
    /// contact has keeps the first.
    private mutating func index(_ contact: Contact) {
        if let email = contact.email, !email.isEmpty, contactsByEmail[TextFolding.fold(email)] == nil {
            contactsByEmail[TextFolding.fold(email)] = contact.id
        }
        let key = contactKey(name: contact.name, partnerId: contact.partnerId ?? "")
        if contactsByName[key] == nil { contactsByName[key] = contact.id }
    }

    private mutating func index(_ event: Event) {
        let key = eventKey(title: event.title, start: event.start?.description ?? "")
        if eventsByTitle[key] == nil { eventsByTitle[key] = event.id }
    }

    /// A row of a record of its own: assigned to the matched record, or to a new one.
    private mutating func planRecord(_ row: Int, _ values: Values, existing: String?, blank: Record, name: String) {
        let kind = blank.kind
        let before = existing.flatMap(current)
        let id: String
        if let existing {
            id = existing
        } else if let given = values["id"] {
            // An id of a record of this kind matched it already: this one belongs to another kind.
            if document.store.position(of: given) != nil || madeIds.contains(given) || document.store.isAgreementId(given) {
                return refuse(row, "id", values, "the id \"\(given)\" is used by another kind of record")
            }
            id = given
        } else {
            id = document.newId(from: name, kind: kind, reserved: madeIds)
        }
        let start = before ?? NewRecord.withId(id, blank)
        let what = "\(kind.rawValue) \(name.isEmpty ? start.displayName : (before?.displayName ?? name)) (\(id))"
        guard take(id, row: row, what: what, values) else { return }
        let pairs = mapping.columns.compactMap { column -> (key: String, value: String)? in
            guard column.field.key != "id", let text = values[column.field.key] else { return nil }
            if let before {
                // A value the record has already is no change; another spelling of a stored name
                // ("ETH Zurich" or "ETH Zuerich" for "ETH Zürich") keeps the stored one.
                let stored = RecordText.text(of: before, key: column.field.key)
                if stored == text || column.field.type == .text && sameText(stored, text) { return nil }
            }
            return (column.field.key, text)
        }
        // Most rows of a sheet that was exported and edited change nothing: they need no rules.
        if before != nil, pairs.isEmpty {
            plan.unchanged += 1
            return
        }
        guard let updated = assign(pairs, to: start, row: row, values) else { return }
        guard judge(updated, row: row, values, path: { $0 }) else { return }
        if let before {
            guard updated != before else { plan.unchanged += 1; return }
            let changes = pairs.compactMap { pair -> ImportPlan.FieldChange? in
                let old = RecordText.text(of: before, key: pair.key), new = RecordText.text(of: updated, key: pair.key)
                return old == new ? nil : ImportPlan.FieldChange(label: Schema.label(forPath: pair.key, in: kind), old: old, new: new)
            }
            plan.changed.append(ImportPlan.Changed(row: row, what: what, changes: changes))
        } else {
            let given = Set(pairs.map(\.key))
            let defaults = Schema.fields(of: kind).compactMap { field -> ImportPlan.Default? in
                guard field.key != "id", !given.contains(field.key) else { return nil }
                let value = RecordText.text(of: blank, key: field.key)
                return value.isEmpty ? nil : ImportPlan.Default(label: field.label, value: value)
            }
            plan.added.append(ImportPlan.Added(row: row, what: what, defaults: defaults))
            madeIds.insert(id)
            switch updated {
            case .partner(let partner): names.add(partner)
            case .contact(let contact): index(contact)
            case .event(let event): index(event)
            case .objective: break
            }
        }
        keep(updated)
    }

    private mutating func keep(_ record: Record) {
        if pending[record.id] == nil { order.append(record.id) }
        pending[record.id] = record
    }

    /// Whether two texts differ only in case, accents, spacing and umlauts written out.
    private func sameText(_ stored: String, _ typed: String) -> Bool {
        Lookalike.sameName(stored, typed, in: document.store)
    }

    /// The values assigned as `set` assigns them; each value a field refuses is refused with its
    /// column, and the others are still judged, so that the row's every problem is said at once.
    private mutating func assign(_ pairs: [(key: String, value: String)], to record: Record, row: Int, _ values: Values) -> Record? {
        if let updated = try? FieldAssignment.apply(pairs, to: record) { return updated }
        var accepted: [(key: String, value: String)] = []
        for pair in pairs {
            do {
                _ = try FieldAssignment.apply([pair], to: record)
                accepted.append(pair)
            } catch {
                refuse(row, pair.key, values, error.message.contains(pair.value) ? error.message : "\"\(pair.value)\" \(error.message)")
            }
        }
        if let partial = try? FieldAssignment.apply(accepted, to: record) { _ = judge(partial, row: row, values, path: { $0 }) }
        return nil
    }

    /// The document's verdict on the record: what refuses it is refused, each problem with the
    /// column of its field (`path` gives the import key of a problem's path).
    private mutating func judge(_ record: Record, row: Int, _ values: Values, path: (String) -> String) -> Bool {
        let verdict = document.verdict(for: record)
        for problem in verdict.refusing {
            let key = path(problem.path)
            let field = String(key.prefix { $0 != "[" && $0 != "." })
            let column = values.headers[key] != nil ? key : field
            refuse(row, column, values, values.headers[column] == nil ? Self.withoutColumn(problem.path, in: record.kind, problem.message) : problem.message)
        }
        return verdict.refusing.isEmpty
    }

    /// A field's label in messages about a row, which names its record already: an agreement's
    /// field without "Agreement 2: " before it (its position means nothing to the sheet).
    private static func fieldLabel(_ path: String, in kind: RecordKind) -> String {
        let label = Schema.label(forPath: path, in: kind)
        guard path.hasPrefix("agreements["), let colon = label.range(of: ": ") else { return label }
        return String(label[colon.upperBound...])
    }

    /// A problem of a field the sheet has no column for, said so: "Kind is required, and the
    /// sheet has no column for it" rather than "Agreement 2: Kind: is required and cannot be
    /// emptied" about a record the row is adding.
    private static func withoutColumn(_ path: String, in kind: RecordKind, _ message: String) -> String {
        let label = fieldLabel(path, in: kind)
        if message.hasPrefix("is required") { return "\(label) is required, and the sheet has no column for it" }
        return "\(label): \(message)"
    }

    // MARK: agreements

    private mutating func planAgreement(_ row: Int, _ values: Values) {
        guard let partnerId = partnerOfAgreement(row, values) else { return }
        guard case .partner(let partner)? = current(partnerId) else { return }
        var rows = AgreementRows.rows(of: partner)
        var position: Int?
        if let id = values["id"], let owner = agreementOwners[id] {
            guard owner == partnerId else {
                return refuse(row, "id", values, "the agreement \(id) belongs to the partner \(owner), not \(partnerId)")
            }
            position = rows.firstIndex { $0.id == id }
        } else if values["id"] == nil, let kind = values["kind"] {
            position = Self.agreement(ofKind: kind, start: values["start"], in: rows)
        }
        let agreementId = position.flatMap { rows[$0].id } ?? values["id"]
        let what = "agreement \(agreementId ?? (values["kind"] ?? "")) of \(partner.name) (\(partner.id))"
        if let agreementId {
            guard take(agreementId, row: row, what: what, values) else { return }
        }
        for field in AgreementRows.fields {
            guard let text = values[field.key] else { continue }
            if let position { rows[position].values[field.key] = text }
        }
        if position == nil {
            var fresh = Dictionary(uniqueKeysWithValues: AgreementRows.keys.map { ($0, "") })
            for key in AgreementRows.keys { if let text = values[key] { fresh[key] = text } }
            rows.append(AgreementRows.Row(id: values["id"], values: fresh))
        }
        let index = position ?? rows.count - 1
        let updated: Partner
        var madeId: String?
        do {
            updated = try AgreementRows.apply(rows, to: partner) { kind in
                let id = document.newId(from: "\(partner.id) \(kind)", reserved: madeIds)
                madeId = id
                return id
            }
        } catch {
            let key = Self.agreementKey(error.path)
            return refuse(row, key, values, values.headers[key] == nil ? Self.withoutColumn(error.path, in: .partner, error.message) : error.message)
        }
        let agreementPath = "agreements[\(index)]."
        guard judge(.partner(updated), row: row, values, path: Self.agreementKey) else { return }
        let added = updated.agreements[index]
        if let madeId {
            // A later row with the same kind and start finds this agreement, and is refused.
            madeIds.insert(madeId)
            takenBy[madeId] = row
        }
        if let position {
            let before = partner.agreements[position]
            guard before != added else { plan.unchanged += 1; return }
            let changes = AgreementRows.keys.compactMap { key -> ImportPlan.FieldChange? in
                let old = RecordText.text(of: before, key: key), new = RecordText.text(of: added, key: key)
                return old == new ? nil : ImportPlan.FieldChange(label: Self.fieldLabel("\(agreementPath)\(key)", in: .partner), old: old, new: new)
            }
            plan.changed.append(ImportPlan.Changed(row: row, what: "agreement \(added.id) of \(partner.name) (\(partner.id))", changes: changes))
        } else {
            agreementOwners[added.id] = partner.id
            plan.added.append(ImportPlan.Added(row: row, what: "agreement \(added.id) (\(added.kind)) of \(partner.name) (\(partner.id))"))
        }
        keep(.partner(updated))
    }

    /// The agreement a row without an id means: the partner's of its kind and start (a new end
    /// is an extension, not another agreement), or, when the row gives no start, the partner's
    /// only one of its kind.
    private static func agreement(ofKind kind: String, start: String?, in rows: [AgreementRows.Row]) -> Int? {
        let ofKind = rows.indices.filter { rows[$0].values["kind"] == kind }
        guard let start else { return ofKind.count == 1 ? ofKind[0] : nil }
        return ofKind.first { rows[$0].values["start"] == start }
    }

    /// The field key of a problem's path in an agreement (`agreements[2].quota.incoming` →
    /// `quota.incoming`).
    private static func agreementKey(_ path: String) -> String {
        guard path.hasPrefix("agreements["), let close = path.firstIndex(of: "]") else { return path }
        return String(path[path.index(after: close)...].drop { $0 == "." })
    }

    /// The partner an agreement row names: by id, Erasmus or SCHAC code, or name (and country).
    private mutating func partnerOfAgreement(_ row: Int, _ values: Values) -> String? {
        if let id = values["partnerId"] {
            guard current(id)?.kind == .partner else {
                refuse(row, "partnerId", values, "no partner has the id \"\(id)\"")
                return nil
            }
            return id
        }
        let candidate = Self.lookalikeCandidate(named: values["partner"], values)
        if let match = names.lookalikes.match(candidate) { return match.id }
        if values["country"] == nil, let name = values["partner"] {
            switch names.resolve(name, as: .partner) {
            case .record(let id): return id
            case .several(let ids):
                refuse(row, "partner", values, "\(ids.count) partners are called \"\(name)\" (\(ids.joined(separator: ", "))); a column with the country or the partner's id says which")
                return nil
            case .home, .unknown: break
            }
        }
        let called = values["partner"].map { ["is called \"\($0)\""] } ?? []
        let given = called + ["erasmusCode", "schacCode"].compactMap { key in values[key].map { "has \(key) \"\($0)\"" } }
        refuse(row, nil, values, given.isEmpty ? "the row does not name its partner (by partnerId, partner, erasmusCode or schacCode)"
                                              : "no partner " + given.joined(separator: " or ") + (values["country"].map { " in \($0)" } ?? ""))
        return nil
    }
}
