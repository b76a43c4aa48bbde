/// Turns the bytes of a network file into a `Network` with every problem found, and back into
/// the canonical bytes.
public enum NetworkCoding {
    public struct Decoded: Sendable {
        /// Nil when the file has errors: such a file is refused as a whole.
        public var network: Network?
        public var diagnostics: [Diagnostic]
    }

    public static func decode(_ bytes: [UInt8]) -> Decoded {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Decoded {
        // Records are decoded and checked as the parser reads them, so the whole JSON tree is
        // never in memory at once. (Parsing on a second thread was measured slower: the records'
        // memory was then freed across threads; docs/performance.md.)
        var records = RecordDecoder()
        // About 1.5 KB of JSON per partner: reserving once saves copying the list as it grows,
        // and the large reallocations that make malloc consolidate its free lists.
        records.partners.reserveCapacity(bytes.count / 1_500)
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes, streaming: ["partners", "objectives", "events", "contacts"]) { key, index, value in
                records.decode(key: key, index: index, value: value)
            }
        } catch {
            let diagnostic = Diagnostic(.error, path: error.path, "invalid JSON: \(error.message)", line: error.line, column: error.column)
            return Decoded(network: nil, diagnostics: [diagnostic])
        }

        var context = DecodeContext()
        guard var network = Schemas.network.decode(root, &context) else {
            return Decoded(network: nil, diagnostics: context.diagnostics)
        }
        // The streamed lists came back empty from the parser; moving the records in copies none.
        network.partners = records.partners
        network.objectives = records.objectives
        network.events = records.events
        network.contacts = records.contacts
        if network.schemaVersion == 0, !context.diagnostics.contains(where: { $0.path == "schemaVersion" }) {
            context.diagnostics.append(Diagnostic(.error, path: "schemaVersion", "is required (this program writes \(Network.currentSchemaVersion))"))
        } else if network.schemaVersion < 0 {
            context.diagnostics.append(Diagnostic(.error, path: "schemaVersion", "\(network.schemaVersion) is not a schema version"))
        }
        let diagnostics = context.diagnostics + records.diagnostics
            + RecordDecoder.notReportedBefore(Validation.checkAcrossRecords(network), structural: context.diagnostics)
        return Decoded(network: diagnostics.errors.isEmpty ? network : nil, diagnostics: diagnostics)
    }

    /// The canonical form: fixed key order, two-space indent, non-ASCII as itself, newline at the end.
    public static func encode(_ network: Network) -> [UInt8] {
        var writer = JSONWriter(capacity: 1_024 + network.partners.count * 1_600)
        Schemas.network.encode(network, into: &writer)
        writer.finishDocument()
        return writer.bytes
    }

    /// One record as a JSON value, from its canonical form (the one definition of a record's
    /// JSON), to nest in larger documents or compare key by key.
    public static func json(_ record: Record) -> JSONValue {
        (try? JSONReader.parse(encode(record))) ?? .null
    }

    /// One record in canonical form, for `show --json` and exports.
    public static func encode(_ record: Record) -> [UInt8] {
        var writer = JSONWriter(capacity: 2_048)
        switch record {
        case .partner(let value): Schemas.partner.encode(value, into: &writer)
        case .objective(let value): Schemas.objective.encode(value, into: &writer)
        case .event(let value): Schemas.event.encode(value, into: &writer)
        case .contact(let value): Schemas.contact.encode(value, into: &writer)
        }
        return writer.bytes
    }
}

/// Decodes the records of the top-level lists one by one and applies each record's own rules.
private struct RecordDecoder {
    var partners: [Partner] = []
    var objectives: [Objective] = []
    var events: [Event] = []
    var contacts: [Contact] = []
    var diagnostics: [Diagnostic] = []
    private var context = DecodeContext()

    mutating func decode(key: String, index: Int, value: JSONValue) {
        context.path = [.key(key), .index(index)]
        context.diagnostics.removeAll(keepingCapacity: true)
        // Each kind by itself: wrapping records in `Record` here would copy every one of them.
        switch key {
        case "partners":
            guard let record = Schemas.partner.decode(value, &context) else { break }
            report(Validation.check(record))
            partners.append(record)
        case "objectives":
            guard let record = Schemas.objective.decode(value, &context) else { break }
            report(Validation.check(record))
            objectives.append(record)
        case "events":
            guard let record = Schemas.event.decode(value, &context) else { break }
            report(Validation.check(record))
            events.append(record)
        default:
            guard let record = Schemas.contact.decode(value, &context) else { break }
            report(Validation.check(record))
            contacts.append(record)
        }
        diagnostics += context.diagnostics
    }

    /// Adds a record's rule violations under its path, after its structural problems.
    private mutating func report(_ rules: [Diagnostic]) {
        guard !rules.isEmpty else { return }
        let prefix = context.pathText + "."
        let prefixed = rules.map { rule in
            var rule = rule
            rule.path = prefix + rule.path
            return rule
        }
        context.diagnostics += Self.notReportedBefore(prefixed, structural: context.diagnostics)
    }

    /// Every problem is reported at once, but a value the structure check already refused
    /// (say, a missing name) is not reported a second time by the rules.
    static func notReportedBefore(_ rules: [Diagnostic], structural: [Diagnostic]) -> [Diagnostic] {
        guard !structural.isEmpty else { return rules }
        let reported = structural.map(\.path)
        return rules.filter { rule in
            !reported.contains { rule.path == $0 || rule.path.hasPrefix($0 + ".") || rule.path.hasPrefix($0 + "[") }
        }
    }
}
