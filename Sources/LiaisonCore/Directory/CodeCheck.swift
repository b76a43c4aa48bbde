/// What `liaison check codes` finds: partners whose Erasmus code, PIC or SCHAC code is missing,
/// malformed, or not the one the directory has for them, each with the value that would put it
/// right where one is known. The rule of what is a finding lives here, for any front end.
public struct CodeFinding: Equatable, Sendable, CustomStringConvertible {
    public enum Field: String, CaseIterable, Sendable {
        case erasmusCode, pic, schacCode

        /// For people, as the partner table labels it: "Erasmus code".
        public var label: String { Schema.label(forPath: rawValue, in: .partner) }

        /// Whether a partner without this code lacks it. Erasmus codes and PICs are given to
        /// institutions in Erasmus+ programme countries (`Country.erasmusProgrammeCodes`), and
        /// EWP, whose hei-id the SCHAC code is, connects those; elsewhere (Tokyo, Missouri) a code
        /// is missing only where the directory knows one, and `Partner.heiID` falls back on the
        /// website's domain.
        func isExpected(of partner: Partner) -> Bool {
            Country.isErasmusProgrammeCountry(partner.country)
        }
    }

    public enum Problem: String, Sendable {
        /// The partner has no value.
        case missing
        /// The value is not written as the rule says (the ECHE list's padding, 9 digits, a domain).
        case malformed
        /// The directory's entry for the partner has another value.
        case differs
    }

    public var partnerId: String
    public var partnerName: String
    public var field: Field
    public var problem: Problem
    /// The partner's value, if any.
    public var value: String?
    /// What the value should be: the directory's, or a malformed code written as the rule says.
    public var suggestion: String?
    /// Where the suggestion comes from ("the ECHE list PL KRAKOW01"); nil for a code only rewritten.
    public var origin: String?

    public var description: String {
        let what: String = switch problem {
        case .missing: "\(field.label) missing"
        case .malformed: "\(field.label) \"\(value ?? "")\" is malformed (\(Self.rule(of: field)))"
        case .differs: "\(field.label) \"\(value ?? "")\" differs from the directory"
        }
        guard let suggestion else { return what }
        return what + "; " + (origin.map { "\($0) has \"\(suggestion)\"" } ?? "written so: \"\(suggestion)\"")
    }

    static func rule(of field: Field) -> String {
        switch field {
        case .erasmusCode: "the ECHE list pads the country to three characters: D  BOCHUM01"
        case .pic: "9 digits"
        case .schacCode: "the institution's internet domain, lower case: uj.edu.pl"
        }
    }
}

public enum CodeCheck {
    /// The findings for these partners, in their order and the fields' order. Without a
    /// directory only missing and malformed codes are found.
    public static func findings(in partners: [Partner], directory: DirectoryIndex?) -> [CodeFinding] {
        partners.flatMap { findings(for: $0, directory: directory) }
    }

    public static func findings(for partner: Partner, directory: DirectoryIndex?) -> [CodeFinding] {
        let entries = directory.map { matchingEntries(for: partner, in: $0) } ?? []
        return CodeFinding.Field.allCases.compactMap { field in
            let value = partner[field].flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 }
            let known = entries.lazy.compactMap { entry in entry[field].map { (value: $0, origin: DirectoryPartner.origin(of: entry)) } }.first
            func finding(_ problem: CodeFinding.Problem, _ suggestion: String?, _ origin: String?) -> CodeFinding {
                CodeFinding(partnerId: partner.id, partnerName: partner.name, field: field, problem: problem, value: value,
                            suggestion: suggestion, origin: origin)
            }
            guard let value else {
                guard known != nil || field.isExpected(of: partner) else { return nil }
                return finding(.missing, known?.value, known?.origin)
            }
            if let stated = entries.lazy.compactMap({ entry in states(entry, field).map { (value: $0, origin: DirectoryPartner.origin(of: entry)) } }).first,
               key(value, field) != key(stated.value, field) {
                return finding(.differs, stated.value, stated.origin)
            }
            if !isWellFormed(value, field) {
                if let known { return finding(.malformed, known.value, known.origin) }
                return finding(.malformed, rewritten(value, field), nil)
            }
            return nil
        }
    }

    /// The directory's entries for a partner, best source first (the ECHE list holds all three
    /// codes): those with one of its codes (its hei-id: the SCHAC code, else its website's
    /// domain, so "https://www.deusto.es" is the entry with "http://www.deusto.es"), else the one
    /// entry per source with its name (or local name) in its country.
    public static func matchingEntries(for partner: Partner, in directory: DirectoryIndex) -> [DirectoryEntry] {
        var found: [DirectoryEntry] = []
        let keys: [DirectoryIndex.CodeKey] = [
            partner.erasmusCode.map(DirectoryIndex.CodeKey.erasmusCode(of:)), partner.pic.map(DirectoryIndex.CodeKey.pic(of:)),
            partner.heiID.map(DirectoryIndex.CodeKey.schac(of:)),
        ].compactMap { $0 }.filter { !$0.text.isEmpty }
        for key in keys {
            for entry in directory.entries(withCode: key)
            where !found.contains(where: { $0.source == entry.source }) {
                found.append(entry)
            }
        }
        if found.isEmpty {
            let named = [partner.name, partner.localName].compactMap { $0 }.flatMap(directory.entries(named:))
                .filter { $0.countryCode == partner.country }
            // A name two entries of one source have does not say which institution it is.
            for source in DirectoryEntry.Source.allCases {
                let ids = Set(named.filter { $0.source == source }.map(\.id))
                if ids.count == 1, let entry = named.first(where: { $0.source == source }) { found.append(entry) }
            }
        }
        return found.sorted { sourceRank($0.source) < sourceRank($1.source) }
    }

    /// The value an entry states for a field, as opposed to one guessed: a SCHAC code made from
    /// the ECHE list's website ("uni.wroc.pl") may not be the institution's EWP domain
    /// ("uwr.edu.pl"), so it fills a missing code but does not contradict one.
    private static func states(_ entry: DirectoryEntry, _ field: CodeFinding.Field) -> String? {
        field == .schacCode && entry.domains.isEmpty ? nil : entry[field]
    }

    private static func sourceRank(_ source: DirectoryEntry.Source) -> Int {
        DirectoryEntry.Source.allCases.firstIndex(of: source) ?? 0
    }

    private static func codeKey(_ value: String, _ field: CodeFinding.Field) -> DirectoryIndex.CodeKey {
        switch field {
        case .erasmusCode: .erasmusCode(of: value)
        case .pic: .pic(of: value)
        case .schacCode: .schac(of: value)
        }
    }

    private static func key(_ value: String, _ field: CodeFinding.Field) -> String { codeKey(value, field).text }

    /// Whether a value is written as the rule says: an Erasmus code padded as the ECHE list pads
    /// it, a PIC of 9 digits, a SCHAC code that is a lower-case domain.
    static func isWellFormed(_ value: String, _ field: CodeFinding.Field) -> Bool {
        switch field {
        case .erasmusCode: ErasmusCode(value)?.padded == value
        case .pic: Validation.isPIC(value)
        case .schacCode: value.contains(".") && DirectoryEntry.host(value) == value
        }
    }

    /// A malformed value written as the rule says, where that can be done without a directory.
    static func rewritten(_ value: String, _ field: CodeFinding.Field) -> String? {
        switch field {
        case .erasmusCode: ErasmusCode(value)?.padded
        case .pic: nil
        case .schacCode: DirectoryEntry.host(value).contains(".") ? DirectoryEntry.host(value) : nil
        }
    }

    /// The partner with the findings' suggestions put in (those without one left as they are).
    public static func fixed(_ partner: Partner, by findings: [CodeFinding]) -> Partner {
        var partner = partner
        for finding in findings where finding.partnerId == partner.id {
            if let suggestion = finding.suggestion { partner[finding.field] = suggestion }
        }
        return partner
    }
}

extension Partner {
    subscript(field: CodeFinding.Field) -> String? {
        get {
            switch field {
            case .erasmusCode: erasmusCode
            case .pic: pic
            case .schacCode: schacCode
            }
        }
        set {
            switch field {
            case .erasmusCode: erasmusCode = newValue
            case .pic: pic = newValue
            case .schacCode: schacCode = newValue
            }
        }
    }
}

extension DirectoryEntry {
    subscript(field: CodeFinding.Field) -> String? {
        switch field {
        case .erasmusCode: erasmusCode.map { ErasmusCode($0)?.padded ?? $0 }
        case .pic: pic
        case .schacCode: schac
        }
    }
}
