/// Turns the bytes of a network file into a `Network` with every problem found, and back into
/// the canonical bytes.
public enum NetworkCoding {
    public struct Decoded: Sendable {
        /// Nil when the file has errors: such a file is refused as a whole.
        public var network: Network?
        public var diagnostics: [Diagnostic]
        /// Where each record's bytes are, for a save that copies those of unchanged records.
        public var source: SourceText?
    }

    /// Decodes bytes kept in memory; the source keeps them for a later save.
    public static func decode(_ bytes: [UInt8], threads: DecodeThreads = .automatic) -> Decoded {
        var decoded = bytes.withUnsafeBufferPointer { decode($0, threads: threads) }
        decoded.source?.origin = SourceOrigin(bytes: bytes)
        return decoded
    }

    /// Decodes records straight from the bytes, each checked by its rules as it is read; the
    /// source notes the records' spans but not where the bytes are (the caller knows that).
    /// `isFileMapping`: the bytes are a file's mapping, whose pages are given back behind the
    /// records read (ConsumedPages); never for bytes in memory. `threads`: whether the partners
    /// are read on two threads (TwoThreadDecoding); the result is the same either way.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, isFileMapping: Bool = false, threads: DecodeThreads = .automatic) -> Decoded {
        var cursor = JSONCursor(bytes: bytes)
        cursor.topLevel.threads = threads
        if isFileMapping { cursor.topLevel.consumedPages = ConsumedPages(fileMapping: bytes.baseAddress.map(UnsafeRawPointer.init)) }
        let decoded: Network?
        do {
            try cursor.beginDocument()
            decoded = try Schemas.network.decode(&cursor)
            try cursor.endDocument()
        } catch {
            let diagnostic = Diagnostic(.error, path: error.path, "invalid JSON: \(error.message)", line: error.line, column: error.column)
            return Decoded(network: nil, diagnostics: [diagnostic])
        }
        var fileProblems = cursor.diagnostics
        guard let network = decoded else { return Decoded(network: nil, diagnostics: fileProblems) }
        if network.schemaVersion == 0, !fileProblems.contains(where: { $0.path == "schemaVersion" }) {
            fileProblems.append(Diagnostic(.error, path: "schemaVersion", "is required (this program writes \(Network.currentSchemaVersion))"))
        } else if network.schemaVersion < 0 {
            fileProblems.append(Diagnostic(.error, path: "schemaVersion", "\(network.schemaVersion) is not a schema version"))
        }
        let diagnostics = fileProblems + cursor.topLevel.diagnostics
            + Diagnostic.notReportedBefore(Validation.checkAcrossRecords(network), structural: fileProblems)
        guard diagnostics.errors.isEmpty else { return Decoded(network: nil, diagnostics: diagnostics) }
        return Decoded(network: network, diagnostics: diagnostics, source: SourceText(spans: cursor.topLevel.spans))
    }

    /// The canonical form: fixed key order, two-space indent, non-ASCII as itself, newline at the end.
    public static func encode(_ network: Network) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity(for: network))
        Schemas.network.encode(network, into: &writer)
        writer.finishDocument()
        return writer.bytes
    }

    /// Room for the bytes of a network, so that they are never copied to a larger buffer as they
    /// are written (at 100,000 partners that copy held 160 MB twice). A partner takes 1.4–2.2 KB;
    /// room for 4 KB each (1 KB for the other records) costs address space, not memory: pages
    /// never written are never touched.
    private static func capacity(for network: Network) -> Int {
        65_536 + network.partners.count * 4_096
            + (network.objectives.count + network.events.count + network.contacts.count) * 1_024
    }

    /// The same bytes as `encode(network)`, made faster: records whose ids are not in `changed`
    /// are copied from the bytes they were read from where those are canonical (SourceText).
    /// Also returns where every record now lies in the bytes written, the next save's source.
    public static func encode(_ network: Network, reusing source: SourceText?, changed: Set<String>) -> (bytes: [UInt8], source: SourceText) {
        var writer = JSONWriter(capacity: capacity(for: network))
        let written = encode(network, reusing: source, changed: changed, replacing: [:], into: &writer)
        return (writer.bytes, written)
    }

    /// The same bytes, handed to `output` as they are made (a save's temporary file), a buffer
    /// at a time; with `replacing`, the records with those ids are written in place of the
    /// network's (the save's stamped records: stamping them in a copy of the network would copy
    /// its lists). Returns where every record lies in the bytes handed out.
    static func encode(_ network: Network, reusing source: SourceText?, changed: Set<String>, replacing: [String: Record],
                       into output: ByteOutput) -> SourceText {
        var writer = JSONWriter(streamingTo: output)
        let written = encode(network, reusing: source, changed: changed, replacing: replacing, into: &writer)
        writer.handOutRest()
        return written
    }

    private static func encode(_ network: Network, reusing source: SourceText?, changed: Set<String>, replacing: [String: Record],
                               into writer: inout JSONWriter) -> SourceText {
        let changed = replacing.isEmpty ? changed : changed.union(replacing.keys)
        let encode = { (base: SpanReader?, writer: inout JSONWriter) -> SourceText in
            let reuse = RecordReuse(base: base, spans: source?.spans ?? [:], changed: changed, replacements: replacing)
            writer.topLevelRecords = reuse
            Schemas.network.encode(network, into: &writer)
            writer.finishDocument()
            writer.topLevelRecords = nil
            return SourceText(spans: reuse.written)
        }
        guard let source else { return encode(nil, &writer) }
        return source.withBytes { encode($0, &writer) }
    }

    /// One record as a JSON value, from its canonical form (the one definition of a record's
    /// JSON), to nest in larger documents or compare key by key.
    public static func json(_ record: Record) -> JSONValue {
        (try? JSONReader.parse(encode(record))) ?? .null
    }

    /// One record in canonical form, for `show --json` and exports; `compact` on one line (the
    /// recovery journal's lines).
    public static func encode(_ record: Record, compact: Bool = false) -> [UInt8] {
        var writer = JSONWriter(capacity: 2_048, compact: compact)
        switch record {
        case .partner(let value): Schemas.partner.encode(value, into: &writer)
        case .objective(let value): Schemas.objective.encode(value, into: &writer)
        case .event(let value): Schemas.event.encode(value, into: &writer)
        case .contact(let value): Schemas.contact.encode(value, into: &writer)
        }
        return writer.bytes
    }
}

