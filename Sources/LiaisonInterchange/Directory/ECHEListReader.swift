import Foundation
import LiaisonCore

/// The European Commission's list of institutions holding the Erasmus Charter (ECHE), as the
/// workbook it publishes. Editions spell the headers differently ("Erasmus Code", "ERASMUS_CODE",
/// "Legal Name", "Organisation legal name"), so a column is found by the words its header
/// contains, folded. The charter's start and end (Excel serial dates) are not kept: every
/// institution on the list holds the charter.
public enum ECHEListReader {
    /// The columns an edition must have to be read as the list.
    static let requiredColumns: [Column] = [.erasmusCode, .name]

    enum Column: CaseIterable {
        case erasmusCode, pic, name, city, country, website

        /// Whether a header (as `TextFolding.matchKey` has it) names the column.
        func matches(_ key: String) -> Bool {
            switch self {
            case .erasmusCode: key.contains("erasmus") && key.contains("code")
            case .pic: key == "pic" || key.hasPrefix("pic") && key.contains("code") || key == "participantidentificationcode"
            case .name: key.contains("legalname") || key == "name" || key.hasSuffix("legalname") || key == "institutionname" || key == "organisationname"
            case .city: key == "city" || key.hasPrefix("city")
            case .country: key.hasPrefix("country")
            case .website: key.contains("website") || key.contains("webpage") || key == "url"
            }
        }
    }

    /// Whether a table has the list's columns.
    public static func recognises(_ table: SheetTable) -> Bool {
        let keys = table.headers.map(TextFolding.matchKey)
        return requiredColumns.allSatisfy { column in keys.contains(where: column.matches) }
    }

    /// The list's institutions; a row without an Erasmus code or a name is left out and counted.
    public static func entries(of table: SheetTable) throws(SheetReadError) -> (entries: [DirectoryEntry], skipped: [Int]) {
        let keys = table.headers.map(TextFolding.matchKey)
        var columns: [Column: Int] = [:]
        for column in Column.allCases { columns[column] = keys.firstIndex(where: column.matches) }
        for column in requiredColumns where columns[column] == nil {
            throw SheetReadError("\(table.source) has no \(column == .name ? "institution name (Legal Name)" : "Erasmus Code") column: it is not the ECHE list")
        }
        var entries: [DirectoryEntry] = []
        var skipped: [Int] = []
        for row in table.rows {
            func cell(_ column: Column) -> String? {
                guard let index = columns[column], index < row.cells.count else { return nil }
                let text = row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            guard let written = cell(.erasmusCode), let name = cell(.name) else { skipped.append(row.number); continue }
            let code = ErasmusCode(written)?.padded ?? written
            let website = cell(.website).map { $0.contains("://") ? $0 : ImportWebsite.url(from: $0) ?? $0 }
            entries.append(DirectoryEntry(source: .eche, id: code, names: [DirectoryEntry.Name(name)],
                                          countryCode: cell(.country)?.uppercased(), city: cell(.city), website: website,
                                          erasmusCode: code, pic: cell(.pic)))
        }
        return (entries, skipped)
    }
}
