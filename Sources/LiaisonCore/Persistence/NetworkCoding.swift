/// Turns the bytes of a network file into a `Network` with every problem found, and back into
/// the canonical bytes.
public enum NetworkCoding {
    public struct Decoded: Sendable {
        /// Nil when the file has errors: such a file is refused as a whole.
        public var network: Network?
        public var diagnostics: [Diagnostic]
    }

    public static func decode(_ bytes: [UInt8]) -> Decoded {
        var context = DecodeContext()
        var partners: [Partner] = []
        var objectives: [Objective] = []
        var events: [Event] = []
        var contacts: [Contact] = []
        // Records are decoded as the parser reads them, so a large file never holds its whole
        // JSON tree in memory (docs/performance.md).
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes, streaming: ["partners", "objectives", "events", "contacts"]) { key, index, element in
                context.path = [.key(key), .index(index)]
                switch key {
                case "partners": if let record = Codecs.partner.decode(element, &context) { partners.append(record) }
                case "objectives": if let record = Codecs.objective.decode(element, &context) { objectives.append(record) }
                case "events": if let record = Codecs.event.decode(element, &context) { events.append(record) }
                default: if let record = Codecs.contact.decode(element, &context) { contacts.append(record) }
                }
            }
        } catch {
            let diagnostic = Diagnostic(.error, path: error.path, "invalid JSON: \(error.message)", line: error.line, column: error.column)
            return Decoded(network: nil, diagnostics: [diagnostic])
        }
        context.path = []
        guard var network = Codecs.network.decode(root, &context) else {
            return Decoded(network: nil, diagnostics: context.diagnostics)
        }
        network.partners += partners
        network.objectives += objectives
        network.events += events
        network.contacts += contacts
        if network.schemaVersion == 0, !context.diagnostics.contains(where: { $0.path == "schemaVersion" }) {
            context.diagnostics.append(Diagnostic(.error, path: "schemaVersion", "is required (this program writes \(Network.currentSchemaVersion))"))
        } else if network.schemaVersion < 0 {
            context.diagnostics.append(Diagnostic(.error, path: "schemaVersion", "\(network.schemaVersion) is not a schema version"))
        }
        // Every problem is reported at once; a value the structure check already refused (say,
        // a missing name) is not reported a second time by the rules.
        let structural = context.diagnostics
        let reported = structural.map(\.path)
        let rules = Validation.check(network).filter { rule in
            !reported.contains { rule.path == $0 || rule.path.hasPrefix($0 + ".") || rule.path.hasPrefix($0 + "[") }
        }
        let diagnostics = structural + rules
        return Decoded(network: diagnostics.errors.isEmpty ? network : nil, diagnostics: diagnostics)
    }

    /// The canonical form: fixed key order, two-space indent, non-ASCII as itself, newline at the end.
    public static func encode(_ network: Network) -> [UInt8] {
        var writer = JSONWriter(capacity: 1_024 + network.partners.count * 1_600)
        Codecs.network.encode(network, into: &writer)
        writer.finishDocument()
        return writer.bytes
    }

    /// One record in canonical form, for `show --json` and exports.
    public static func encode(_ record: Record) -> [UInt8] {
        var writer = JSONWriter(capacity: 2_048)
        switch record {
        case .partner(let value): Codecs.partner.encode(value, into: &writer)
        case .objective(let value): Codecs.objective.encode(value, into: &writer)
        case .event(let value): Codecs.event.encode(value, into: &writer)
        case .contact(let value): Codecs.contact.encode(value, into: &writer)
        }
        return writer.bytes
    }
}
