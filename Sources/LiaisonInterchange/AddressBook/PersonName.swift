/// A person's name as one text split, as well as can be guessed, into a vCard's N components
/// (family; given; additional; prefixes; suffixes): titles before the name ("Prof. Dr.") are
/// prefixes, the last word with any particle before it ("van", "de") is the family name, the
/// rest the given names. A name of one word (or in a script without spaces) is the given name
/// alone; FN always keeps the name exactly as written.
struct PersonName: Equatable {
    var family = ""
    var given = ""
    var prefixes = ""

    init(family: String = "", given: String = "", prefixes: String = "") {
        self.family = family
        self.given = given
        self.prefixes = prefixes
    }

    init(splitting name: String) {
        var words = name.split(whereSeparator: \.isWhitespace).map(String.init)
        var titles: [String] = []
        while words.count > 1, let first = words.first, Self.isTitle(first) { titles.append(words.removeFirst()) }
        prefixes = titles.joined(separator: " ")
        guard words.count > 1 else {
            given = words.first ?? ""
            return
        }
        var familyWords = [words.removeLast()]
        while words.count > 1, let last = words.last, Self.particles.contains(last.lowercased()) { familyWords.insert(words.removeLast(), at: 0) }
        family = familyWords.joined(separator: " ")
        given = words.joined(separator: " ")
    }

    /// The N value's five components.
    var components: [String] { [family, given, "", prefixes, ""] }

    private static let particles: Set<String> = ["van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "zu", "ten", "ter"]
    private static let titles: Set<String> = ["prof", "dr", "pd", "mr", "mrs", "ms", "dipl", "ing", "mag", "univ", "doz", "apl"]

    private static func isTitle(_ word: String) -> Bool {
        let parts = word.lowercased().split { $0 == "." || $0 == "-" }
        return word.contains(".") && !parts.isEmpty && parts.allSatisfy { titles.contains(String($0)) }
    }
}
