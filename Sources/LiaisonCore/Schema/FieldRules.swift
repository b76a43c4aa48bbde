/// The rule of each field type, applied to one value. The verdict is the same wherever a value
/// comes from (a loaded file, a form, `set`, `add`, an import):
/// - an error refuses the file or the edit;
/// - a warning that `refusesInput` loads from a file (the value is kept, so nothing is lost) but
///   is refused when typed or imported: an unknown status, a website that is not http(s), an
///   e-mail address that is not one, a link to nothing;
/// - a plain warning is shown and accepted everywhere (a malformed Erasmus code, a timestamp).
enum FieldRules {
    /// The first C0 or C1 control or DEL in a text, named as U+XXXX; line feed and tab pass when
    /// line breaks are allowed. (How such characters are shown on a terminal is the sanitiser's
    /// business; whether they may be entered is this rule's.)
    static func firstControl(in text: String, allowingLineBreaks: Bool) -> String? {
        // Every text of a file is checked on load: look at the bytes first. C0 and DEL are one
        // byte each, C1 starts with 0xC2; text without those bytes has no control.
        var text = text
        let mayHaveControl = text.withUTF8 { bytes in bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 } }
        guard mayHaveControl else { return nil }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            guard value < 0x20 || (0x7F...0x9F).contains(value) else { continue }
            if allowingLineBreaks && (scalar == "\n" || scalar == "\t") { continue }
            return XMLCharacters.name(scalar)
        }
        return nil
    }

    /// `field` is made only for a problem: a load checks every value of every record.
    static func check(_ value: String, _ type: FieldType, at path: @autoclosure () -> String, _ issues: inout Issues) {
        // Most values are fine; a diagnostic's path is built then.
        var found = Issues()
        check(value, type, &found)
        guard !found.list.isEmpty else { return }
        let field = path()
        for diagnostic in found.list { issues.add(diagnostic.severity, field, diagnostic.message, refusesInput: diagnostic.refusesInput) }
    }

    private static func check(_ value: String, _ type: FieldType, _ issues: inout Issues) {
        let field = ""
        switch type {
        case .id:
            if value.isEmpty {
                issues.add(.error, field, "is required")
            } else if !Validation.isValidId(value) {
                issues.add(.error, field, "\"\(value)\" is not a valid id: lower-case letters and digits, then also . _ -")
            }
        case .choice(let allowed):
            if !allowed.contains(value) {
                issues.add(.warning, field, Choice.problem(value, allowed: allowed), refusesInput: true)
            }
        case .country:
            if Country.named(code: value) == nil {
                var message = "\"\(value)\" is not an ISO 3166-1 alpha-2 code"
                if let suggestion = Country.suggestion(for: value) { message += " (did you mean \(suggestion.code)?)" }
                issues.add(.error, field, message)
            }
        case .url:
            if !Validation.isHTTPURL(value) {
                issues.add(.warning, field, "\"\(value)\" is not an http(s) URL with a host name (https://www.example.org)", refusesInput: true)
            }
        case .email:
            if !Validation.isEmail(value) {
                issues.add(.warning, field, "\"\(value)\" is not an e-mail address (name@example.org)", refusesInput: true)
            }
        case .erasmusCode:
            if !Validation.isErasmusCode(value) {
                if let code = ErasmusCode(value) {
                    issues.add(.warning, field, "\"\(value)\" is not written as the ECHE list writes Erasmus codes: \"\(code.padded)\"")
                } else {
                    issues.add(.warning, field, "\"\(value)\" does not look like an Erasmus code (country letters padded with spaces to three, city letters, 1–3 digits: \"PL KRAKOW01\", \"D  BOCHUM01\")")
                }
            }
        case .timestamp:
            if !Validation.isTimestamp(value) {
                issues.add(.warning, field, "\"\(value)\" is not an RFC 3339 UTC timestamp (2026-11-24T20:05:41Z)")
            }
        case .subjectAreas, .isced:
            if !Validation.isISCED(value) {
                issues.add(.error, field, "\"\(value)\" is not an ISCED-F 2013 code of 4 digits (e.g. 0533)")
            }
        case .academicYear:
            if !Validation.isAcademicYear(value) {
                issues.add(.warning, field, "\"\(value)\" is not an academic year: YYYY/YYYY, the second year the first or the one after (2026/2027)", refusesInput: true)
            }
        case .pic:
            if !Validation.isPIC(value) {
                issues.add(.warning, field, "\"\(value)\" is not a PIC: 9 digits (999986096)", refusesInput: true)
            }
        case .language:
            if !Validation.isLanguageTag(value) {
                issues.add(.warning, field, "\"\(value)\" is not a language tag (en, de, pt-BR)", refusesInput: true)
            }
        case .decimal:
            if !Validation.isDecimal(value) {
                issues.add(.warning, field, "\"\(value)\" is not a number of 0 or more (5, 4.5)", refusesInput: true)
            }
        case .eqfLevels:
            if let level = Int(value), !(1...8).contains(level) {
                issues.add(.warning, field, "\(level) is not an EQF level: 1 to 8", refusesInput: true)
            }
        case .text, .words:
            if let control = firstControl(in: value, allowingLineBreaks: false) {
                issues.add(.warning, field, "holds the control character \(control); one-line text may not", refusesInput: true)
            }
        case .notes:
            if let control = firstControl(in: value, allowingLineBreaks: true) {
                issues.add(.warning, field, "holds the control character \(control); text may hold line breaks and tabs, no other controls", refusesInput: true)
            }
        case .editor, .day, .count, .positiveCount, .integer, .flag, .link, .links, .object, .records:
            // Dates and numbers are checked as they are decoded; links need the whole network
            // (Validation.checkAcrossRecords).
            break
        }
    }
}

/// Values from a fixed list: the message for one that is not on it, and the value a partly
/// typed or mistyped one most likely means.
public enum Choice {
    static func problem(_ value: String, allowed: [String]) -> String {
        var message = "\"\(value)\" is not one of \(allowed.joined(separator: ", "))"
        if let suggestion = suggestion(for: value, in: allowed) { message += " (did you mean \(suggestion)?)" }
        return message
    }

    /// The value a text most likely means: one it starts (`deleg` → delegation-visit), else the
    /// closest by edit distance if it is close (`actve` → active).
    public static func suggestion(for text: String, in allowed: [String]) -> String? {
        let folded = text.lowercased()
        guard !folded.isEmpty else { return nil }
        if let exact = allowed.first(where: { $0.lowercased() == folded }) { return exact }
        let starting = allowed.filter { $0.hasPrefix(folded) }
        if starting.count == 1 { return starting[0] }
        let scored = allowed.map { ($0, editDistance(folded, $0)) }.min { $0.1 < $1.1 }
        guard let best = scored, best.1 <= max(1, folded.count / 3) else { return starting.first }
        return best.0
    }

    /// The completion a form offers for a partly typed value: the only value it starts, or the first.
    public static func completion(for text: String, in allowed: [String]) -> String? {
        let folded = text.lowercased()
        guard !folded.isEmpty, !allowed.contains(text) else { return nil }
        return allowed.first { $0.hasPrefix(folded) }
    }

    /// Levenshtein distance, one row at a time.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let b = Array(b)
        var row = Array(0...b.count)
        for (i, character) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for j in b.indices {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (character == b[j] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
