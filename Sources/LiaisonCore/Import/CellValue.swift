/// A spreadsheet cell made into the text a field takes when typed (`FieldAssignment`), so that
/// everything after this goes through the same rules as `set` and the forms. Only the forms a
/// spreadsheet or a person writes differently are translated here: a country's name, a date in
/// German order (also with a two-digit year) or as Excel's serial number, a list separated by
/// `;`, a whole number written `3.0`, a choice in another case or by another name (German:
/// `ChoiceNames`), a website without its `https://`, and the `'` export puts before a
/// formula-like cell. A cell
/// that is none of these reaches the field's rule as it is, and is refused there in its words.
public enum CellValue {
    public static func text(_ cell: String, for type: FieldType) -> String {
        let cell = SpreadsheetCell.restored(cell)
        let trimmed = cell.trimmingSpaces
        guard !trimmed.isEmpty else { return "" }
        switch type {
        case .country:
            if Country.named(code: trimmed) != nil { return trimmed }
            return Country.suggestion(for: trimmed)?.code ?? trimmed
        case .day:
            return ImportDate.day(from: trimmed)?.description ?? trimmed
        case .words, .links, .subjectAreas, .eqfLevels:
            return cell.replacing(";", with: ",")
        case .count, .positiveCount, .integer:
            if trimmed.hasSuffix(".0"), let number = Int(trimmed.dropLast(2)) { return String(number) }
            return trimmed
        case .choice(let allowed):
            return ChoiceNames.value(named: trimmed, among: allowed) ?? trimmed
        case .url:
            return ImportWebsite.url(from: trimmed) ?? trimmed
        default:
            return cell
        }
    }
}

/// A website as a sheet holds it, often without its scheme ("www.univie.ac.at",
/// "univie.ac.at/en"): a text that is a host name (a dot, a top-level domain of letters, no
/// spaces or @) gets "https://". Only the import guesses so; `set` asks for the URL as a browser
/// takes it.
public enum ImportWebsite {
    public static func url(from text: String) -> String? {
        guard !text.contains("://"), !text.contains("@"), !text.contains(" ") else { return nil }
        let host = text.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }),
              let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return nil }
        let url = "https://" + text
        return Validation.isHTTPURL(url) ? url : nil
    }
}

/// Dates as spreadsheets hold them: ISO (2027-05-31, also with a time of 00:00:00), German
/// (31.05.2027, 31.5.2027, 31.05.27), or Excel's serial number of days in its 1900 date system.
public enum ImportDate {
    public static func day(from text: String) -> Day? {
        if let day = Day(text) { return day }
        if text.count == 19, text.hasSuffix("00:00:00"), let day = Day(text.prefix(10)) { return day }
        if text.contains(".") && !text.hasSuffix(".0") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, [2, 4].contains(parts[2].count),
                  let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
            return Day(year: parts[2].count == 2 ? fullYear(year) : year, month: month, day: day)
        }
        let digits = text.hasSuffix(".0") ? text.dropLast(2) : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let serial = Int(digits),
              serial >= smallestSerial else { return nil }
        return Day(excelSerial: Double(serial))
    }

    /// A two-digit year as Excel reads one: 00–29 are 2000–2029, 30–99 are 1930–1999.
    static func fullYear(_ year: Int) -> Int { year < 30 ? 2000 + year : 1900 + year }

    /// 10000 is 1927-05-18. A smaller number in a date column is not a day an office's sheet
    /// holds but something else typed there, most often a year ("2027" would be 1905-07-19):
    /// it is left to the date rule, which refuses it in its words.
    static let smallestSerial = 10_000
}
