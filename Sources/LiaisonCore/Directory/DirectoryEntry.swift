/// One institution of a reference directory: an entry of the ECHE list, a ROR record or a list
/// of universities, in one shape so that completion and code checks need not know where it came from.
public struct DirectoryEntry: Equatable, Sendable {
    /// Which list an entry comes from; each is stored in a file of its own and replaced whole by
    /// an import of a newer edition.
    public enum Source: String, CaseIterable, Sendable {
        case eche, ror, list

        /// For people: "the ECHE list".
        public var title: String {
            switch self {
            case .eche: "the ECHE list"
            case .ror: "ROR"
            case .list: "a list of universities"
            }
        }

        /// For a list with little room: "ECHE", "ROR", "list".
        public var shortTitle: String {
            switch self {
            case .eche: "ECHE"
            case .ror: "ROR"
            case .list: "list"
            }
        }
    }

    /// A name in a language: ROR's `ror_display`, `label`, `alias` or `acronym`, with its
    /// language tag where the source gives one ("ja", "de").
    public struct Name: Equatable, Sendable {
        public enum Kind: String, Sendable { case display, label, alias, acronym }
        public var text: String
        public var language: String?
        public var kind: Kind

        public init(_ text: String, language: String? = nil, kind: Kind = .display) {
            self.text = text
            self.language = language
            self.kind = kind
        }
    }

    public var source: Source
    /// The entry's id in its source: the Erasmus code in the ECHE list, the ROR id
    /// (https://ror.org/…), a list's own or its first domain.
    public var id: String
    /// The first is the one shown.
    public var names: [Name]
    /// ISO 3166-1 alpha-2, upper case: "DE".
    public var countryCode: String?
    public var city: String?
    public var website: String?
    public var domains: [String]
    public var erasmusCode: String?
    public var pic: String?
    /// The EWP `hei-id`: the institution's main internet domain.
    public var schac: String?

    public init(source: Source, id: String, names: [Name], countryCode: String? = nil, city: String? = nil,
                website: String? = nil, domains: [String] = [], erasmusCode: String? = nil, pic: String? = nil, schac: String? = nil) {
        self.source = source
        self.id = id
        self.names = names
        self.countryCode = countryCode
        self.city = city
        self.website = website
        self.domains = domains
        self.erasmusCode = erasmusCode
        self.pic = pic
        // A code stored by an earlier import that took an e-mail address for a domain is dropped.
        self.schac = schac.flatMap { Self.domain($0) == nil ? nil : $0 } ?? Self.schac(domains: domains, website: website)
    }

    /// The name shown: the first.
    public var name: String { names.first?.text ?? id }

    /// A SCHAC code is the institution's internet domain, which directories give as a domain or
    /// only as a website: "https://www.ruhr-uni-bochum.de/en" is "ruhr-uni-bochum.de". What is
    /// not a domain (an e-mail address in the ECHE list's website column, words) gives none.
    public static func schac(domains: [String], website: String?) -> String? {
        if let domain = domains.lazy.compactMap(domain).first { return domain }
        return website.flatMap(domain)
    }

    /// The host of a domain or web address where it is one: no "@", no spaces, a dot.
    static func domain(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.contains("@"), !trimmed.contains(where: \.isWhitespace) else { return nil }
        let host = host(trimmed)
        return host.contains(".") ? host : nil
    }

    /// The host of a domain or web address, lower case, without `www.`.
    static func host(_ text: String) -> String {
        var rest = Substring(text.lowercased().filter { !$0.isWhitespace })
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        rest = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        return String(rest)
    }
}
