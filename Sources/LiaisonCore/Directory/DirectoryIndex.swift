/// Completion over a directory's names and cities: what someone types ("bochum", "ruhr uni",
/// "lodz", "東京") finds the entries one of whose names (the name shown, labels in other languages,
/// aliases, acronyms) or whose city has a word starting with each word typed, folded
/// as `TextFolding` folds (case and diacritics ignored, any script). Scripts written without
/// spaces (Chinese, Japanese) match from any character, since a word there has no visible start.
///
/// Built once from the entries: each distinct word is kept once, sorted, with the entries that
/// have it, so a query is a binary search per word typed, a walk over the words it starts, and a
/// ranking of the entries found (`Rank`): names that start with the text as whole words, then
/// entries with each word typed whole in a name or the city ("tours" in "Université de Tours"
/// rather than in "Tourangelle"), then the rest; within each, universities first, then shorter
/// names.
public struct DirectoryIndex: Sendable {
    public let entries: [DirectoryEntry]
    /// The distinct folded words, sorted by their UTF-8 bytes.
    private let words: [[UInt8]]
    /// For each word, the entries that have it, in entry order.
    private let postings: [[Int32]]
    /// Each entry's names folded, for ranking.
    private let foldedNames: [[[UInt8]]]
    /// Entries by their codes (`CodeKey`), for finding the entry a partner's code names.
    private let byCode: [CodeKey: [Int32]]
    /// Whether each entry is a university by one of its names (`universityStems`), for ranking.
    private let isUniversity: [Bool]

    /// The starts of the folded words that name a university in the languages of the ECHE list
    /// and ROR: university, université, Universität, universidad, università, uniwersytet,
    /// univerzita, yliopisto, egyetem. A school or college ranks after a university of the place
    /// typed, since offices look for universities far more often.
    /// The adjectives that start so ("centre hospitalier universitaire", "universitario") do not.
    static let universityStems: [[UInt8]] = ["universit", "universid", "uniwersyt", "univerzit", "yliopisto", "egyetem"].map { Array($0.utf8) }
    static let adjectiveStems: [[UInt8]] = ["universitair", "universitari"].map { Array($0.utf8) }

    /// Whether a folded word names a university.
    static func namesUniversity(_ word: [UInt8]) -> Bool {
        universityStems.contains { word.starts(with: $0) } && !adjectiveStems.contains { word.starts(with: $0) }
    }

    /// A code as codes compare: an Erasmus code by `ErasmusCode.comparisonKey`, a PIC by its
    /// digits, a SCHAC code as `SCHACCode` compares them.
    public enum CodeKey: Hashable, Sendable {
        case erasmusCode(String), pic(String), schac(String)

        public static func erasmusCode(of text: String) -> CodeKey { .erasmusCode(ErasmusCode.comparisonKey(text)) }
        public static func pic(of text: String) -> CodeKey { .pic(text.filter(\.isNumber)) }
        public static func schac(of text: String) -> CodeKey { .schac(SCHACCode.normalized(text)) }

        /// The code as compared, without its kind.
        public var text: String {
            switch self {
            case .erasmusCode(let text), .pic(let text), .schac(let text): text
            }
        }

        /// The keys of an entry's codes.
        static func keys(of entry: DirectoryEntry) -> [CodeKey] {
            [entry.erasmusCode.map(erasmusCode(of:)), entry.pic.map(pic(of:)), entry.schac.map(schac(of:))].compactMap { $0 }
        }
    }

    public init(_ entries: [DirectoryEntry]) {
        self.entries = entries
        var entriesByWord: [[UInt8]: [Int32]] = [:]
        var foldedNames: [[[UInt8]]] = []
        var byCode: [CodeKey: [Int32]] = [:]
        var isUniversity: [Bool] = []
        foldedNames.reserveCapacity(entries.count)
        isUniversity.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() {
            var seen = Set<[UInt8]>()
            var folded: [[UInt8]] = []
            for name in entry.names {
                let text = TextFolding.fold(name.text)
                folded.append(Array(text.utf8))
                for word in Self.words(of: text) where seen.insert(word).inserted {
                    entriesByWord[word, default: []].append(Int32(position))
                    // "UNIVERSITAET" is also found as "universitat", typed without the dots.
                    if let contracted = Self.contractingWrittenOutUmlauts(word), seen.insert(contracted).inserted {
                        entriesByWord[contracted, default: []].append(Int32(position))
                    }
                }
            }
            isUniversity.append(seen.contains(where: Self.namesUniversity))
            // A city is found as a name's word is, but ranks as no name does.
            for word in entry.city.map({ Self.words(of: TextFolding.fold($0)) }) ?? [] where seen.insert(word).inserted {
                entriesByWord[word, default: []].append(Int32(position))
            }
            for key in CodeKey.keys(of: entry) { byCode[key, default: []].append(Int32(position)) }
            foldedNames.append(folded)
        }
        self.byCode = byCode
        self.isUniversity = isUniversity
        let sorted = entriesByWord.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        words = sorted.map(\.key)
        postings = sorted.map(\.value)
        self.foldedNames = foldedNames
    }

    /// The best `limit` entries for the text, best first; none for text without letters or digits.
    /// Text with German umlauts also finds them written out, as lists in capitals write them
    /// ("Ruhr-Universität" finds "RUHR-UNIVERSITAET"): both forms are looked up and merged.
    /// Umlauts typed without dots ("Universitat") find names that write them out, since each
    /// written-out word is indexed contracted too; and umlauts written out in the text typed
    /// ("Universitaet Wien") find names that drop the dots ("UNIVERSITAT WIEN").
    public func complete(_ text: String, limit: Int = 10) -> [DirectoryEntry] {
        guard limit > 0 else { return [] }
        let folded = TextFolding.fold(text)
        var best = ranked(folded, limit: limit)
        var variants: [String] = []
        let writtenOut = TextFolding.writingOutUmlauts(text)
        if writtenOut != text { variants.append(TextFolding.fold(writtenOut)) }
        if let contracted = Self.contractingWrittenOutUmlauts(Array(folded.utf8)) { variants.append(String(decoding: contracted, as: UTF8.self)) }
        for variant in variants {
            let found = Set(best.map(\.position))
            best = (best + ranked(variant, limit: limit).filter { !found.contains($0.position) })
                .sorted { ($0.rank, $0.length, $0.position) < ($1.rank, $1.length, $1.position) }
            best = Array(best.prefix(limit))
        }
        return best.map { entries[Int($0.position)] }
    }

    /// A folded word with `ae`, `oe`, `ue` as `a`, `o`, `u` ("universitaet" → "universitat");
    /// nil when it has none.
    static func contractingWrittenOutUmlauts(_ word: [UInt8]) -> [UInt8]? {
        let e = UInt8(ascii: "e")
        let vowels: [UInt8] = [UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "u")]
        guard word.indices.dropLast().contains(where: { word[$0 + 1] == e && vowels.contains(word[$0]) }) else { return nil }
        var contracted: [UInt8] = []
        contracted.reserveCapacity(word.count)
        var index = 0
        while index < word.count {
            contracted.append(word[index])
            if index + 1 < word.count, word[index + 1] == e, vowels.contains(word[index]) { index += 2 } else { index += 1 }
        }
        return contracted
    }

    /// The best `limit` entries for folded text, best first, with what they are ranked by (`rank`).
    private func ranked(_ folded: String, limit: Int) -> [(rank: Int, length: Int, position: Int32)] {
        let typed = Self.words(of: folded, everySuffix: false)
        guard !typed.isEmpty else { return [] }
        // The word with the fewest entries first, so the others only narrow a small set.
        let sets = typed.map(entriesStarting).sorted { $0.count < $1.count }
        var found = sets[0]
        for other in sets.dropFirst() {
            let others = Set(other)
            found = found.filter(others.contains)
            if found.isEmpty { return [] }
        }
        let query = Array(folded.utf8)
        // The entries with every word typed whole: a few binary searches, not a look at each
        // entry; marked in a table by position, which is cheaper to ask than a set.
        var wholeCount = [UInt8](repeating: 0, count: typed.count == 1 && entriesWithWord(typed[0]).isEmpty ? 0 : entries.count)
        if !wholeCount.isEmpty {
            for word in typed { for position in entriesWithWord(word) { wholeCount[Int(position)] &+= 1 } }
        }
        let wordsTyped = UInt8(truncatingIfNeeded: typed.count)
        // The best `limit` kept in order as the found entries pass: a letter typed finds nearly
        // every entry, and sorting them all would cost more than the lookup.
        var best: [(rank: Int, length: Int, position: Int32)] = []
        best.reserveCapacity(limit + 1)
        for position in found {
            let names = foldedNames[Int(position)]
            let candidate = (rank: rank(position, names: names, query: query, hasWordsWhole: !wholeCount.isEmpty && wholeCount[Int(position)] == wordsTyped),
                             length: names.first?.count ?? 0, position: position)
            if best.count == limit, let last = best.last, !((candidate.rank, candidate.length, candidate.position) < (last.rank, last.length, last.position)) {
                continue
            }
            let place = best.firstIndex { (candidate.rank, candidate.length, candidate.position) < ($0.rank, $0.length, $0.position) } ?? best.count
            best.insert(candidate, at: place)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    /// An entry's rank for a query, lower first: 0–1 a name starts with the text as whole words,
    /// 2–3 each word typed is a whole word of a name or the city, 4–5 words only start so; the
    /// even rank of each pair for a university.
    private func rank(_ position: Int32, names: [[UInt8]], query: [UInt8], hasWordsWhole: Bool) -> Int {
        let tier = names.contains { Self.startsWithWords($0, query) } ? 0 : hasWordsWhole ? 1 : 2
        return tier * 2 + (isUniversity[Int(position)] ? 0 : 1)
    }

    /// Whether a folded name starts with the query and the query ends where a word of the name
    /// does ("tours" starts "tours fondettes", not "tourangelle"); in a script written without
    /// spaces any character ends a word.
    private static func startsWithWords(_ name: [UInt8], _ query: [UInt8]) -> Bool {
        guard name.starts(with: query) else { return false }
        guard name.count > query.count else { return true }
        let next = name[query.count], last = query[query.count - 1]
        // Folded Latin text is nearly all ASCII: decided without decoding.
        if next < 0x80, last < 0x80 {
            return !((next >= 0x61 && next <= 0x7A) || (next >= 0x30 && next <= 0x39))
        }
        let rest = String(decoding: name[query.count...], as: UTF8.self).unicodeScalars
        guard let following = rest.first else { return true }
        let ending = String(decoding: query, as: UTF8.self).unicodeScalars.last
        if isUnspaced(following) || ending.map(isUnspaced) == true { return true }
        return !(following.properties.isAlphabetic || following.properties.numericType != nil)
    }

    /// The entries one of whose names is this name, folded, a leading "The" ignored ("University
    /// of Tokyo" is "The University of Tokyo"): each word is looked up whole, then the names compared.
    /// A name with German umlauts is also looked up with them written out.
    public func entries(named name: String) -> [DirectoryEntry] {
        let writtenOut = TextFolding.writingOutUmlauts(name)
        let found = positions(named: name)
        guard writtenOut != name else { return found.map { entries[Int($0)] } }
        return (found + positions(named: writtenOut).filter { !found.contains($0) }).sorted().map { entries[Int($0)] }
    }

    private func positions(named name: String) -> [Int32] {
        let key = Self.nameKey(TextFolding.fold(name))
        let typed = Self.words(of: key, everySuffix: false)
        guard !typed.isEmpty else { return [] }
        let sets = typed.map(entriesWithWord).sorted { $0.count < $1.count }
        var found = sets[0]
        for other in sets.dropFirst() where !found.isEmpty {
            let others = Set(other)
            found = found.filter(others.contains)
        }
        let wanted = Array(key.utf8)
        return found.sorted().filter { position in
            foldedNames[Int(position)].contains { Array(Self.nameKey(String(decoding: $0, as: UTF8.self)).utf8) == wanted }
        }
    }

    /// The entries with this code.
    public func entries(withCode key: CodeKey) -> [DirectoryEntry] {
        (byCode[key] ?? []).map { entries[Int($0)] }
    }

    /// A folded name without its leading "the ", spaces made one.
    private static func nameKey(_ folded: String) -> String {
        let spaced = folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return spaced.hasPrefix("the ") ? String(spaced.dropFirst(4)) : spaced
    }

    /// The entries that have exactly this word.
    private func entriesWithWord(_ word: [UInt8]) -> [Int32] {
        var low = 0, high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle].lexicographicallyPrecedes(word) { low = middle + 1 } else { high = middle }
        }
        return low < words.count && words[low] == word ? postings[low] : []
    }

    /// The entries with a word that starts with `prefix`, each once.
    private func entriesStarting(_ prefix: [UInt8]) -> [Int32] {
        var low = 0, high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle].lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
        }
        var found: [Int32] = []
        var index = low
        while index < words.count, words[index].starts(with: prefix) {
            found.append(contentsOf: postings[index])
            index += 1
        }
        if index - low > 1 { found = Array(Set(found)) }
        return found
    }

    /// The words of folded text: runs of letters and digits. A run in a script written without
    /// spaces gives each of its suffixes as a word too (`everySuffix`), so "大学" finds "東京大学".
    static func words(of folded: String, everySuffix: Bool = true) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var run: [Unicode.Scalar] = []
        func finish() {
            guard !run.isEmpty else { return }
            words.append(Array(String(String.UnicodeScalarView(run)).utf8))
            if everySuffix, run.contains(where: isUnspaced) {
                for start in 1..<run.count where isUnspaced(run[start]) {
                    words.append(Array(String(String.UnicodeScalarView(run[start...])).utf8))
                }
            }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { run.append(scalar) } else { finish() }
        }
        finish()
        return words
    }

    /// Han ideographs, Hiragana and Katakana: scripts written without spaces between words.
    private static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isIdeographic || (0x3040...0x30FF).contains(scalar.value)
    }
}
