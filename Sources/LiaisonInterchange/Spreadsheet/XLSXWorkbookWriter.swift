import Foundation
import LiaisonCore
import ZIPFoundation

/// Writes sheets as an XLSX workbook, in memory: the package's content types and relationships,
/// the workbook, a style sheet, and one worksheet per sheet. Text cells are inline strings, which
/// a spreadsheet never runs as a formula, so `=HYPERLINK(…)` in a note stays text without a
/// leading `'`. Number columns are numbers, day columns Excel dates (the serial, shown
/// `yyyy-mm-dd`), so that a round trip through the import gives the same day; a cell that is not
/// what its column expects is written as text. The header row is bold and frozen, and each
/// column is as wide as its longest cell (within limits).
public enum XLSXWorkbookWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func bytes(of sheets: [ExportSheet]) throws(Failure) -> [UInt8] {
        var parts: [(name: String, text: String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbook(sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet)))
        }
        do {
            return try XLSXPackage.archive(parts.map { ($0.name, Data($0.text.utf8)) })
        } catch {
            throw Failure(description: "the workbook could not be packed: \(error)")
        }
    }

    /// The styles `styles` declares, by their index in `cellXfs`.
    enum Style: Int {
        case plain = 0, header = 1, day = 2
    }

    // MARK: - The package

    private static let xmlDeclaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private static func contentTypes(sheetCount: Int) -> String {
        let sheets = (0..<sheetCount).map {
            #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        return xmlDeclaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheets + "</Types>"
    }

    private static let packageRelationships = xmlDeclaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    private static func workbook(_ sheets: [ExportSheet]) -> String {
        let entries = sheets.enumerated().map { index, sheet in
            #"<sheet name="\#(XMLMarkup.escaped(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        return xmlDeclaration + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
            + "<sheets>\(entries)</sheets></workbook>"
    }

    /// The sheets are rId1…rIdN, the styles the one after.
    private static func workbookRelationships(sheetCount: Int) -> String {
        let sheets = (0..<sheetCount).map { index in
            #"<Relationship Id="rId\#(index + 1)" Type="\#(relationshipNamespace)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }.joined()
        return xmlDeclaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets + #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relationshipNamespace)/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// A regular and a bold font; the cell formats `Style` names: plain, bold (the header), and
    /// a date shown as `yyyy-mm-dd` (custom number format 164, the first id free for them).
    private static let styles = xmlDeclaration + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    // MARK: - A worksheet

    private static func worksheet(_ sheet: ExportSheet) -> String {
        var xml = xmlDeclaration + #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        // The header row stays in view while the rows scroll under it.
        xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            + #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        if !sheet.columns.isEmpty {
            xml += "<cols>"
            for (index, width) in columnWidths(sheet).enumerated() {
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml += row(1, sheet.columns.map { cell(text: $0.header, style: .header) })
        for (index, cells) in sheet.rows.enumerated() {
            xml += row(index + 2, zip(sheet.columns, cells).map { column, text in cell(text, as: column.type) })
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    /// A row's cells, given their XML without the reference, which is added here.
    private static func row(_ number: Int, _ cells: [String?]) -> String {
        var xml = #"<row r="\#(number)">"#
        for (column, cell) in cells.enumerated() {
            guard let cell else { continue }
            xml += #"<c r="\#(XLSXCellReference.letters(ofColumn: column))\#(number)""# + cell
        }
        return xml + "</row>"
    }

    /// The rest of a `<c` element after its reference, or nil for an empty cell (left out).
    private static func cell(_ text: String, as type: ExportSheet.CellType) -> String? {
        guard !text.isEmpty else { return nil }
        switch type {
        case .number where isNumber(text):
            return "><v>\(text)</v></c>"
        case .day:
            guard let serial = Day(text)?.excelSerial else { return cell(text: text, style: .plain) }
            return #" s="\#(Style.day.rawValue)"><v>\#(serial)</v></c>"#
        default:
            return cell(text: text, style: .plain)
        }
    }

    /// An inline string; its spaces kept as they are.
    private static func cell(text: String, style: Style) -> String {
        let styleAttribute = style == .plain ? "" : #" s="\#(style.rawValue)""#
        return #"\#(styleAttribute) t="inlineStr"><is><t xml:space="preserve">\#(XMLMarkup.escaped(OOXMLText.encoded(text)))</t></is></c>"#
    }

    /// A whole number as Liaison writes counts and orders: digits, perhaps a minus.
    private static func isNumber(_ text: String) -> Bool {
        // Excel keeps 15 significant digits; more would be rounded, so such a cell stays text.
        let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8[...]
        return (1...15).contains(digits.count) && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Each column as wide as its widest cell's longest line, in characters, between 8 and 60;
    /// a date column wide enough for `yyyy-mm-dd`.
    static func columnWidths(_ sheet: ExportSheet) -> [Int] {
        sheet.columns.enumerated().map { index, column in
            var widest = column.header.count + 2
            for row in sheet.rows where index < row.count {
                let text = row[index]
                guard text.utf8.count > widest else { continue }
                widest = max(widest, text.split(separator: "\n").map(\.count).max() ?? 0)
                if widest >= 60 { break }
            }
            return min(60, max(column.type == .day ? 12 : 8, widest + 1))
        }
    }
}
