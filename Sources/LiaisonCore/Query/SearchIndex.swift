#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One search for the CLI and the dashboard. Each record's searchable text is folded once into
/// one contiguous buffer; a word is found with memmem over the whole buffer, which is what keeps
/// a search over 100,000 partners within a few milliseconds (docs/performance.md).
public struct SearchIndex: Sendable {
    public struct Hit: Equatable, Sendable {
        public var kind: RecordKind
        /// Position in the network's list of that kind.
        public var position: Int
        public var id: String
        public var name: String
        /// Lower is better: 0 exact name, 1 name prefix, 2 word prefix in the name, 3 in the name, 4 elsewhere.
        public var rank: Int
    }

    /// 20 bytes an entry (116,000 of them at 100,000 partners): offsets and positions in 32 bits.
    private struct Entry: Sendable {
        private var storedPosition: UInt32
        private var storedStart: UInt32
        private var storedNamesEnd: UInt32
        private var storedEnd: UInt32
        var kind: RecordKind
        /// False once the record was edited or deleted: its text is blanked, a newer entry holds it.
        var live = true

        init(kind: RecordKind, position: Int, start: Int, namesEnd: Int, end: Int) {
            precondition(end <= UInt32.max && position <= UInt32.max, "a search index holds up to 4 GB of text")
            self.kind = kind
            storedPosition = UInt32(position)
            storedStart = UInt32(start)
            storedNamesEnd = UInt32(namesEnd)
            storedEnd = UInt32(end)
        }

        var position: Int {
            get { Int(storedPosition) }
            set { storedPosition = UInt32(newValue) }
        }
        var start: Int { Int(storedStart) }
        /// End of the names part (name, local and short names) within the text.
        var namesEnd: Int { Int(storedNamesEnd) }
        var end: Int { Int(storedEnd) }
    }

    private var text: [UInt8] = []
    private var entries: [Entry] = []
    /// The revision of the store it was built from, or has caught up with.
    public private(set) var revision: Int
    /// Entries of records edited or deleted since the build: their bytes are dead weight.
    private var deadEntries = 0

    /// Separates records (and names from other fields) so that no match spans two of them.
    private static let recordSeparator: UInt8 = 0x00
    private static let fieldSeparator: UInt8 = 0x01

    public init(network: Network, revision: Int = 0) {
        self.revision = revision
        entries.reserveCapacity(network.partners.count + network.contacts.count + network.events.count + network.objectives.count)
        text.reserveCapacity(network.partners.count * 400)
        for kind in [RecordKind.partner, .contact, .event, .objective] {
            for position in 0..<Self.count(of: kind, in: network) {
                add(kind, position, Self.searchableText(of: kind, at: position, in: network))
            }
        }
    }

    /// Catches up with the store's edits since it was built: an edited record's text is blanked
    /// and appended anew, a record inserted or removed shifts the positions after it. The
    /// answers are those of an index built anew; when the blanked text outweighs the live, it is.
    public mutating func follow(_ edits: [ListEdit], in network: Network, revision: Int) {
        for edit in edits {
            let kind = edit.kind
            switch edit {
            case .replaced(_, let record, let position):
                kill(kind, position)
                add(kind, position, Self.searchableText(of: record))
            case .inserted(let record, let position):
                for index in entries.indices where entries[index].live && entries[index].kind == kind && entries[index].position >= position {
                    entries[index].position += 1
                }
                add(kind, position, Self.searchableText(of: record))
            case .removed(_, let position):
                kill(kind, position)
                for index in entries.indices where entries[index].live && entries[index].kind == kind && entries[index].position > position {
                    entries[index].position -= 1
                }
            }
        }
        self.revision = revision
        if deadEntries > entries.count / 2 { self = SearchIndex(network: network, revision: revision) }
    }

    /// Blanks the entry of a record, so no word matches it, and marks it dead.
    private mutating func kill(_ kind: RecordKind, _ position: Int) {
        guard let index = entries.firstIndex(where: { $0.live && $0.kind == kind && $0.position == position }) else { return }
        let entry = entries[index]
        for offset in entry.start..<entry.end { text[offset] = Self.recordSeparator }
        entries[index].live = false
        deadEntries += 1
    }

    /// The text a record is found by, names first, and the key of each in the record's JSON
    /// (the country's English name counts as "country"): the one list both the index and
    /// `matchedFields` read, so that what is reported as matched is what was searched. The keys
    /// are constant lists, so that building the index allocates no more than the texts.
    private static func searchableText(of kind: RecordKind, at position: Int, in network: Network) -> (names: [String?], fields: [String?], keys: [String]) {
        searchableText(of: network.record(kind: kind, at: position))
    }

    private static func searchableText(of record: Record) -> (names: [String?], fields: [String?], keys: [String]) {
        switch record {
        case .partner(let partner):
            return ([partner.name, partner.localName, partner.shortName],
                    [partner.city, partner.country, Country.named(code: partner.country)?.name, partner.tags.joined(separator: " "), partner.notes,
                     partner.erasmusCode, partner.schacCode, partner.id],
                    partnerKeys)
        case .contact(let contact):
            return ([contact.name], [contact.role, contact.unit, contact.email, contact.phone, contact.notes, contact.id], contactKeys)
        case .event(let event):
            return ([event.title], [event.location, event.kind, event.description, event.id], eventKeys)
        case .objective(let objective):
            return ([objective.title], [objective.description, objective.id], objectiveKeys)
        }
    }

    private static let partnerKeys = ["name", "localName", "shortName", "city", "country", "country", "tags", "notes", "erasmusCode", "schacCode", "id"]
    private static let contactKeys = ["name", "role", "unit", "email", "phone", "notes", "id"]
    private static let eventKeys = ["title", "location", "kind", "description", "id"]
    private static let objectiveKeys = ["title", "description", "id"]

    private static func count(of kind: RecordKind, in network: Network) -> Int {
        switch kind {
        case .partner: network.partners.count
        case .contact: network.contacts.count
        case .event: network.events.count
        case .objective: network.objectives.count
        }
    }

    private mutating func add(_ kind: RecordKind, _ position: Int, _ searchable: (names: [String?], fields: [String?], keys: [String])) {
        let start = text.count
        for name in searchable.names {
            guard let name else { continue }
            TextFolding.append(name, to: &text)
            text.append(Self.fieldSeparator)
        }
        let namesEnd = text.count
        for field in searchable.fields {
            guard let field else { continue }
            TextFolding.append(field, to: &text)
            text.append(Self.fieldSeparator)
        }
        entries.append(Entry(kind: kind, position: position, start: start, namesEnd: namesEnd, end: text.count))
        text.append(Self.recordSeparator)
    }

    /// What made a hit match, as keys of the record's JSON: the fields holding a word of the
    /// query, then the fields the filters looked at. Computed from the record itself, for the
    /// hits a caller shows, so that the search stays as fast as it was.
    public func matchedFields(of hit: Hit, query: SearchQuery, in network: Network) -> [String] {
        var keys: [String] = []
        func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
        if !query.words.isEmpty {
            let searchable = Self.searchableText(of: hit.kind, at: hit.position, in: network)
            let words = query.words.map { Array($0.utf8) }
            for (key, text) in zip(searchable.keys, searchable.names + searchable.fields) {
                guard let text else { continue }
                var folded: [UInt8] = []
                TextFolding.append(text, to: &folded)
                if words.contains(where: { folded.firstRange(of: $0) != nil }) { add(key) }
            }
        }
        for filter in query.filters {
            switch filter {
            case .country: add("country")
            case .type: add("partnershipType")
            case .status: add("status")
            case .tag: add("tags")
            case .kind: add(hit.kind == .event ? "kind" : "agreements")
            case .expires: add("agreements")
            case .since: add("since")
            }
        }
        return keys
    }

    /// Records that match every word and filter, best first.
    /// Positions of the records of one kind that match, in no particular order: what a list's
    /// filter needs, without ranking and sorting every hit.
    public func matchingPositions(_ query: SearchQuery, kind: RecordKind, in network: Network, today: Day = .today()) -> Set<Int> {
        var candidates = matchingEntries(for: query.words)
        candidates.removeAll { index in
            entries[index].kind != kind || !query.filters.allSatisfy { matches($0, entries[index], network, today) }
        }
        return Set(candidates.map { entries[$0].position })
    }

    public func search(_ query: SearchQuery, in network: Network, today: Day = .today()) -> [Hit] {
        var candidates = matchingEntries(for: query.words)
        let onlyPartners = query.filters.contains { $0.appliesOnlyToPartners }
        candidates.removeAll { index in
            let entry = entries[index]
            if onlyPartners && entry.kind != .partner { return true }
            return !query.filters.allSatisfy { filter in matches(filter, entry, network, today) }
        }
        var hits = candidates.map { index -> Hit in
            let entry = entries[index]
            return Hit(kind: entry.kind, position: entry.position, id: id(of: entry, in: network),
                       name: name(of: entry, in: network), rank: rank(of: entry, words: query.words))
        }
        hits.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.kind != b.kind { return Self.kindOrder(a.kind) < Self.kindOrder(b.kind) }
            if a.name != b.name { return a.name.lexicographicallyPrecedes(b.name) }
            // The same name: by place in the list, as an index built anew finds them.
            return a.position < b.position
        }
        return hits
    }

    private static func kindOrder(_ kind: RecordKind) -> Int {
        switch kind {
        case .partner: 0
        case .contact: 1
        case .event: 2
        case .objective: 3
        }
    }

    /// Indexes of the entries holding all words; all entries when there are none.
    private func matchingEntries(for words: [String]) -> [Int] {
        guard let first = words.max(by: { $0.utf8.count < $1.utf8.count }) else { return entries.indices.filter { entries[$0].live } }
        let rest = words.filter { $0 != first }
        var result: [Int] = []
        text.withUnsafeBufferPointer { haystack in
            let needle = Array(first.utf8)
            var offset = 0
            var entryIndex = 0
            while offset < haystack.count {
                guard let found = Self.find(needle, in: haystack, from: offset) else { break }
                // Entries are in text order: walk forward to the one holding the match.
                while entries[entryIndex].end < found { entryIndex += 1 }
                let entry = entries[entryIndex]
                if rest.allSatisfy({ Self.find(Array($0.utf8), in: haystack, from: entry.start, to: entry.end) != nil }) {
                    result.append(entryIndex)
                }
                offset = entry.end + 1
            }
        }
        return result
    }

    /// First occurrence of `needle` at or after `start`: memchr (vectorised in libc) finds
    /// candidates for the first byte, memcmp checks the rest. Glibc's memmem is not exported
    /// to Swift, and this is as fast on folded text.
    private static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int? = nil) -> Int? {
        let limit = end ?? haystack.count
        guard let firstByte = needle.first, limit - start >= needle.count else { return nil }
        let base = haystack.baseAddress!
        return needle.withUnsafeBytes { needleBytes -> Int? in
            var offset = start
            let lastStart = limit - needle.count
            while offset <= lastStart {
                guard let hit = memchr(base + offset, Int32(firstByte), lastStart - offset + 1) else { return nil }
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if needle.count == 1 || memcmp(base + position + 1, needleBytes.baseAddress! + 1, needle.count - 1) == 0 {
                    return position
                }
                offset = position + 1
            }
            return nil
        }
    }

    private func rank(of entry: Entry, words: [String]) -> Int {
        guard !words.isEmpty else { return 4 }
        let phrase = Array(words.joined(separator: " ").utf8)
        let names = text[entry.start..<entry.namesEnd].split(separator: Self.fieldSeparator)
        if names.contains(where: { $0.elementsEqual(phrase) }) { return 0 }
        if names.contains(where: { $0.starts(with: phrase) }) { return 1 }
        let nameWords = names.flatMap { $0.split(separator: UInt8(ascii: " ")) }
        if words.allSatisfy({ word in nameWords.contains { $0.starts(with: word.utf8) } }) { return 2 }
        if words.allSatisfy({ word in names.contains { $0.firstRange(of: Array(word.utf8)) != nil } }) { return 3 }
        return 4
    }

    private func matches(_ filter: SearchQuery.Filter, _ entry: Entry, _ network: Network, _ today: Day) -> Bool {
        if case .kind(let kind) = filter, entry.kind == .event {
            return network.events[entry.position].kind == kind
        }
        guard entry.kind == .partner else { return false }
        let partner = network.partners[entry.position]
        switch filter {
        case .country(let code): return partner.country == code
        case .type(let type): return partner.partnershipType == type
        case .status(let status): return partner.status == status
        case .tag(let tag): return partner.tags.contains { TextFolding.fold($0) == tag }
        case .kind(let kind): return partner.agreements.contains { $0.kind == kind }
        case .expires(let comparison, let day):
            return partner.agreements.contains { agreement in
                guard let end = agreement.end, end >= today else { return false }
                return comparison.holds(end, day)
            }
        case .since(let comparison, let day, let byYear):
            guard let since = partner.since else { return false }
            return byYear ? comparison.holds(since.year, day.year) : comparison.holds(since, day)
        }
    }

    private func id(of entry: Entry, in network: Network) -> String {
        switch entry.kind {
        case .partner: network.partners[entry.position].id
        case .contact: network.contacts[entry.position].id
        case .event: network.events[entry.position].id
        case .objective: network.objectives[entry.position].id
        }
    }

    private func name(of entry: Entry, in network: Network) -> String {
        switch entry.kind {
        case .partner: network.partners[entry.position].name
        case .contact: network.contacts[entry.position].name
        case .event: network.events[entry.position].title
        case .objective: network.objectives[entry.position].title
        }
    }
}
