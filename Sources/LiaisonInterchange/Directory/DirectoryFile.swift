import LiaisonCore

/// A file to import into the reference directory, read by what it holds whatever its name: a
/// workbook with the ECHE list's columns, a ROR data dump, or a JSON list of universities.
public enum DirectoryFile {
    public struct Contents: Sendable {
        public var source: DirectoryEntry.Source
        public var entries: [DirectoryEntry]
        /// Rows (the list's) or elements (1-based, the JSON files') left out for lack of a name or code.
        public var skipped: [Int]
    }

    public static func read(path: String) throws(SheetReadError) -> Contents {
        let bytes = try SheetFile.contents(of: path)
        if SheetFile.format(of: bytes) == .xlsx {
            let table = try XLSXTableReader.read(bytes: bytes, source: path, sheet: nil, header: HeaderRowChoice(kind: .partners))
            guard ECHEListReader.recognises(table) else {
                throw SheetReadError("\(path) is a workbook without the ECHE list's columns (Erasmus Code, Legal Name); its headers are: \(table.headers.filter { !$0.isEmpty }.joined(separator: ", "))")
            }
            let (entries, skipped) = try ECHEListReader.entries(of: table)
            return Contents(source: .eche, entries: entries, skipped: skipped)
        }
        let document: JSONValue
        do { document = try JSONReader.parse(bytes) } catch {
            throw SheetReadError("\(path) is neither a workbook (the ECHE list) nor JSON (a ROR dump, a list of universities): \(error)")
        }
        if RORDumpReader.recognises(document) {
            let (entries, skipped) = try RORDumpReader.entries(of: document, source: path)
            return Contents(source: .ror, entries: entries, skipped: skipped)
        }
        if UniversityListReader.recognises(document) {
            let (entries, skipped) = try UniversityListReader.entries(of: document, source: path)
            return Contents(source: .list, entries: entries, skipped: skipped)
        }
        throw SheetReadError("\(path) is JSON but neither a ROR data dump (an array of records with \"id\" https://ror.org/… and \"names\") nor a list of universities (an array of objects with \"name\" and \"domains\" or \"web_pages\")")
    }
}
