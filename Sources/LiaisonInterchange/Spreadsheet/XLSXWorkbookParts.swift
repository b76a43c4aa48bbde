import LiaisonCore
import SWXMLHash

/// What a workbook's main part (`xl/workbook.xml`) and its relationships
/// (`xl/_rels/workbook.xml.rels`) say: the sheets in their order, each with the part that holds
/// it, and the part of the shared strings, if any.
struct XLSXWorkbook {
    struct Sheet {
        var name: String
        var part: String
    }

    var sheets: [Sheet]
    var sharedStringsPart: String?

    init(package: XLSXPackage) throws(SheetReadError) {
        let workbookPart = try Self.workbookPart(in: package)
        let workbook = try package.xml(of: workbookPart)
        let relationships = try Self.relationships(of: workbookPart, in: package)
        var sheets: [Sheet] = []
        for sheet in workbook.element(named: "sheets")?.elements(named: "sheet") ?? [] {
            guard let name = sheet.attribute("name"), let id = sheet.attribute("id") else {
                throw SheetReadError("\(package.source): a sheet in \(workbookPart) has no name or no relationship id")
            }
            guard let target = relationships.first(where: { $0.id == id })?.target else {
                throw SheetReadError("\(package.source): the sheet \"\(name)\" points to relationship \(id), which \(Self.relationshipsPart(of: workbookPart)) does not have")
            }
            sheets.append(Sheet(name: name, part: target))
        }
        guard !sheets.isEmpty else { throw SheetReadError("\(package.source) has no sheets: \(workbookPart) lists none") }
        self.sheets = sheets
        sharedStringsPart = relationships.first { $0.type.hasSuffix("/sharedStrings") }?.target
    }

    /// The sheet asked for by name (case-insensitive), else the first.
    func sheet(named name: String?, source: String) throws(SheetReadError) -> Sheet {
        guard let name else { return sheets[0] }
        let folded = name.lowercased()
        guard let sheet = sheets.first(where: { $0.name.lowercased() == folded }) else {
            let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw SheetReadError("\(source) has no sheet \"\(name)\"; its sheets are \(names)")
        }
        return sheet
    }

    /// The workbook's part: where the package's relationships say the office document is,
    /// `xl/workbook.xml` in every workbook seen.
    private static func workbookPart(in package: XLSXPackage) throws(SheetReadError) -> String {
        if package.contains("_rels/.rels"),
           let main = try relationshipElements(of: "_rels/.rels", base: "", in: package)
               .first(where: { $0.type.hasSuffix("/officeDocument") }) {
            return main.target
        }
        guard package.contains("xl/workbook.xml") else {
            throw SheetReadError("\(package.source) is a ZIP archive but not an XLSX workbook: it has no xl/workbook.xml inside")
        }
        return "xl/workbook.xml"
    }

    /// The part's relationships, targets resolved to part names.
    private static func relationships(of part: String, in package: XLSXPackage) throws(SheetReadError) -> [Relationship] {
        let name = relationshipsPart(of: part)
        guard package.contains(name) else { throw SheetReadError("\(package.source) has no \(name) inside, so its sheets cannot be found") }
        let folder = String(part.prefix(upTo: part.lastIndex(of: "/") ?? part.startIndex))
        return try relationshipElements(of: name, base: folder, in: package)
    }

    private struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    private static func relationshipElements(of name: String, base: String, in package: XLSXPackage) throws(SheetReadError) -> [Relationship] {
        try package.xml(of: name).elements(named: "Relationship").compactMap { element in
            guard let id = element.attribute("Id"), let target = element.attribute("Target"),
                  element.attribute("TargetMode") != "External" else { return nil }
            return Relationship(id: id, type: element.attribute("Type") ?? "", target: partName(target, relativeTo: base))
        }
    }

    /// `_rels/NAME.rels` in the part's folder.
    static func relationshipsPart(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// A relationship's target as a part name: `/xl/worksheets/sheet1.xml` from the package's
    /// root, `worksheets/sheet1.xml` from the folder of the part whose relationship it is; `..`
    /// and `.` resolved.
    static func partName(_ target: String, relativeTo folder: String) -> String {
        let joined = target.hasPrefix("/") ? target : (folder.isEmpty ? target : "\(folder)/\(target)")
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
