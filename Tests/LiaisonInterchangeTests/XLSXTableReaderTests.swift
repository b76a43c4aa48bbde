import Foundation
import LiaisonCore
import Testing
@testable import LiaisonInterchange

/// Sheets of workbooks as the import sees them: written by Liaison's own writer, by openpyxl, and
/// by hand in the forms Excel and LibreOffice use (shared and inline strings, rich text, escapes,
/// prefixed namespaces, absolute targets, cells and rows without references); hostile files are
/// refused with a message naming the file and what is wrong.
@Suite struct XLSXTableReaderTests {
    // MARK: - Workbooks Liaison writes

    @Test func aWorkbookTheWriterMadeReadsBackCellForCell() throws {
        let partners = ExportSheet(kind: .partners, columns: [
            .init(header: "name", type: .text), .init(header: "since", type: .day), .init(header: "agreements", type: .number),
            .init(header: "notes", type: .text),
        ], rows: [
            ["ETH Zürich", "2024-05-01", "3", "=HYPERLINK(\"http://evil.example\";\"click\")"],
            ["  spaced  ", "", "0", "bell\u{07} and\r\nCRLF, _x0041_ literal, tab\there"],
            ["Dated by hand", "1.5.2024", "", "<&>\"'"],
        ])
        let events = ExportSheet(kind: .events, columns: [.init(header: "title", type: .text)], rows: [["Science Days"]])
        let bytes = try XLSXWorkbookWriter.bytes(of: [partners, events])

        let table = try XLSXTableReader.read(bytes: bytes, source: "export.xlsx", sheet: nil)
        #expect(table.source == "export.xlsx, sheet \"partners\"")
        #expect(table.headers == ["name", "since", "agreements", "notes"])
        #expect(table.rows.map(\.number) == [2, 3, 4])
        // A day is a date in the workbook, so it reads back as Excel's serial, which the import makes a day.
        #expect(table.rows[0].cells == ["ETH Zürich", "45413", "3", "=HYPERLINK(\"http://evil.example\";\"click\")"])
        #expect(Day(excelSerial: 45413) == Day("2024-05-01"))
        #expect(table.rows[1].cells == ["  spaced  ", "", "0", "bell\u{07} and\r\nCRLF, _x0041_ literal, tab\there"])
        #expect(table.rows[2].cells == ["Dated by hand", "1.5.2024", "", "<&>\"'"])
        #expect(table.notes == ["read the first sheet, \"partners\" (--sheet NAME reads another)"])

        let second = try XLSXTableReader.read(bytes: bytes, source: "export.xlsx", sheet: "EVENTS")
        #expect(second.headers == ["title"])
        #expect(second.rows == [SheetTable.Row(number: 2, cells: ["Science Days"])])
        #expect(second.notes.isEmpty)
    }

    @Test func aSheetThatIsNotThereNamesTheSheetsThatAre() throws {
        let bytes = try XLSXWorkbookWriter.bytes(of: [ExportSheet.Kind.partners, .contacts].map { ExportSheet($0, of: Network()) })
        #expect(throws: SheetReadError("export.xlsx has no sheet \"Partner\"; its sheets are \"partners\", \"contacts\"")) {
            try XLSXTableReader.read(bytes: bytes, source: "export.xlsx", sheet: "Partner")
        }
    }

    // MARK: - A workbook openpyxl writes

    @Test("A workbook openpyxl makes: German headers, a date, shared strings, gaps, a second sheet by name",
          .enabled(if: Python.openpyxl, "needs python3 with openpyxl (.ci/run installs it)"))
    func openpyxlWorkbook() throws {
        let path = Python.temporaryPath(".xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
        import datetime, sys, openpyxl
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Übersicht"
        ws["A1"] = "nothing to import here"
        data = wb.create_sheet("Partner")
        data.append(["Hochschule", "Land", None, "Laufzeit bis", "Plätze", "Aktiv"])
        data.append(["ETH Zürich", "Schweiz", None, datetime.date(2027, 5, 31), 3, True])
        data.append(["Universität Wien", "Österreich", None, None, 1.5, False])
        data["A5"] = CellRichText([TextBlock(InlineFont(b=True), "Jagiellonen"), "-Universität"])
        data["B5"] = "Polen"
        data["D5"] = "=NA()"
        data["AB5"] = "far right"
        data["C6"] = "Schweiz"
        wb.save(sys.argv[1])
        """
        let run = try Python.run(script, arguments: [path])
        try #require(run.status == 0, "\(run.errors)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))

        let table = try XLSXTableReader.read(bytes: bytes, source: "partner.xlsx", sheet: "partner")
        #expect(table.source == "partner.xlsx, sheet \"Partner\"")
        #expect(table.headers == ["Hochschule", "Land", "", "Laufzeit bis", "Plätze", "Aktiv"])
        #expect(table.rows.map(\.number) == [2, 3, 5, 6])
        #expect(table.rows[0].cells == ["ETH Zürich", "Schweiz", "", "46538", "3", "TRUE"])
        #expect(Day(excelSerial: 46538) == Day("2027-05-31"))
        #expect(table.rows[1].cells == ["Universität Wien", "Österreich", "", "", "1.5", "FALSE"])
        // A formula openpyxl wrote has no result stored: the cell is empty until a spreadsheet computes it.
        #expect(table.rows[2].cells == ["Jagiellonen-Universität", "Polen", "", "", "", ""])
        #expect(table.rows[3].cells == ["", "", "Schweiz", "", "", ""])
        #expect(table.notes == ["D5: a formula without a saved value, read as empty; open and save the workbook in Excel or LibreOffice first",
                                "cells right of the last column header (F) were ignored, the first at AB5"])

        let first = try XLSXTableReader.read(bytes: bytes, source: "partner.xlsx", sheet: nil)
        #expect(first.headers == ["nothing to import here"])
        #expect(first.rows.isEmpty)
        #expect(first.notes == ["read the first sheet, \"Übersicht\" (--sheet NAME reads another)"])
    }

    // MARK: - Parts as other programs write them

    /// A workbook of one sheet made of the given parts, the rest as Excel writes them.
    static func workbook(sheet: String, sharedStrings: String? = nil, workbook: String? = nil, sheetTarget: String = "worksheets/sheet1.xml",
                         sheetPart: String = "xl/worksheets/sheet1.xml") throws -> [UInt8] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [(name: String, data: Data)] = [
            ("xl/workbook.xml", Data((workbook ?? """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(relationships)"><sheets><sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """).utf8)),
            ("xl/_rels/workbook.xml.rels", Data("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/worksheet" Target="\(sheetTarget)"/>\
            <Relationship Id="rId2" Type="\(relationships)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """.utf8)),
            (sheetPart, Data(sheet.utf8)),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", Data(sharedStrings.utf8))) }
        return try XLSXPackage.archive(parts)
    }

    static func sheet(_ rows: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\#(rows)</sheetData></worksheet>"#
    }

    @Test func cellTypesAsExcelAndLibreOfficeStoreThem() throws {
        let shared = """
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">\
        <si><t>Name</t></si><si><r><rPr><b/></rPr><t>Ruhr-</t></r><r><t xml:space="preserve">Universität </t></r><rPh><t>ルール</t></rPh></si>\
        <si><t>line_x000D_\nbreak_x0009_</t></si></sst>
        """
        let sheet = Self.sheet("""
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Wert</t></is></c><c r="AA1" t="str"><v>Formel</v></c></row>\
        <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>45413</v></c><c r="AA3" t="str"><f>A3&amp;"!"</f><v>Ruhr-Universität !</v></c></row>\
        <row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4" s="3"/></row>\
        <row r="7"><c r="A7" t="inlineStr"><is><t xml:space="preserve">  kept  </t></is></c><c r="B7" t="b"><v>0</v></c></row>
        """)
        let table = try XLSXTableReader.read(bytes: try Self.workbook(sheet: sheet, sharedStrings: shared), source: "excel.xlsx", sheet: nil)
        #expect(table.headers.count == 27)
        #expect(table.headers[0] == "Name" && table.headers[1] == "Wert" && table.headers[26] == "Formel")
        #expect(table.headers[2..<26].allSatisfy { $0.isEmpty })
        #expect(table.rows.map(\.number) == [3, 4, 7])
        #expect(table.rows.map { [$0.cells[0], $0.cells[1], $0.cells[26]] } == [
            ["Ruhr-Universität ", "45413", "Ruhr-Universität !"],
            ["line\r\nbreak\t", "#N/A", ""],
            ["  kept  ", "FALSE", ""],
        ])
    }

    /// openpyxl writes an empty string as `<c t="inlineStr"/>`, with no `<is>`: it is empty, not
    /// the text of the cell before it (which a user's City once silently became).
    @Test func emptyInlineStringsAreEmpty() throws {
        let sheet = Self.sheet("""
        <row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Land</t></is></c>\
        <c r="C1" t="inlineStr"><is><t>Ort</t></is></c><c r="D1" t="inlineStr"><is><t>Notizen</t></is></c></row>\
        <row r="2"><c r="A2" t="inlineStr"><is><t>Uni Innsbruck</t></is></c><c r="B2" t="inlineStr"><is><t>AT</t></is></c>\
        <c r="C2" t="inlineStr"/><c r="D2" t="inlineStr"><is><t>note A</t></is></c></row>\
        <row r="3"><c r="A3" t="inlineStr"><is><t>Uni Graz</t></is></c><c r="B3" t="inlineStr"/><c r="C3" t="s"/><c r="D3" t="inlineStr"><is/></c></row>
        """)
        let table = try XLSXTableReader.read(bytes: try Self.workbook(sheet: sheet), source: "empty.xlsx", sheet: nil)
        #expect(table.rows.map(\.cells) == [["Uni Innsbruck", "AT", "", "note A"], ["Uni Graz", "", "", ""]])
    }

    @Test func prefixedNamespacesAbsoluteTargetsAndCellsWithoutReferences() throws {
        let sheet = """
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:XFD1048576"/><x:sheetData>\
        <x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>\
        <x:row><x:c><x:v>1</x:v></x:c><x:c r="B2"><x:v>2</x:v></x:c></x:row>\
        </x:sheetData></x:worksheet>
        """
        let bytes = try Self.workbook(sheet: sheet, sheetTarget: "/xl/worksheets/data.xml", sheetPart: "xl/worksheets/data.xml")
        let table = try XLSXTableReader.read(bytes: bytes, source: "generated.xlsx", sheet: "tabelle1")
        #expect(table.headers == ["a", "b"])
        #expect(table.rows == [SheetTable.Row(number: 2, cells: ["1", "2"])])
    }

    @Test func cellsWithoutReferencesFollowTheCellBeforeEvenAnEmptyOne() throws {
        let sheet = Self.sheet("""
        <row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c t="inlineStr"><is><t>c</t></is></c></row>        <row><c><v>1</v></c><c/><c><v>3</v></c></row>
        """)
        let table = try XLSXTableReader.read(bytes: try Self.workbook(sheet: sheet), source: "s.xlsx", sheet: nil)
        #expect(table.rows == [SheetTable.Row(number: 2, cells: ["1", "", "3"])])
    }

    /// libxml2 refuses a document over 10 MB handed to it in one piece, as `XMLParser(data:)`
    /// does; the worksheet is streamed to it instead.
    @Test func aWorksheetOverTenMegabytesIsRead() throws {
        let long = String(repeating: "x", count: 4_000_000)
        let columns = ["a", "b", "c"].map { ExportSheet.Column(header: $0, type: .text) }
        let bytes = try XLSXWorkbookWriter.bytes(of: [ExportSheet(kind: .partners, columns: columns, rows: [[long, long, long]])])
        let table = try XLSXTableReader.read(bytes: bytes, source: "big.xlsx", sheet: nil)
        #expect(table.rows.map { $0.cells.map(\.count) } == [[4_000_000, 4_000_000, 4_000_000]])
    }

    @Test func targetsRelativeToTheWorkbookFolderAreResolved() {
        #expect(XLSXWorkbook.partName("worksheets/sheet1.xml", relativeTo: "xl") == "xl/worksheets/sheet1.xml")
        #expect(XLSXWorkbook.partName("/xl/worksheets/sheet1.xml", relativeTo: "xl") == "xl/worksheets/sheet1.xml")
        #expect(XLSXWorkbook.partName("../xl/./worksheets/sheet2.xml", relativeTo: "xl") == "xl/worksheets/sheet2.xml")
        #expect(XLSXWorkbook.relationshipsPart(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    }

    @Test func cellReferencesPastZAndBeyondTheSheetsLimits() {
        #expect(XLSXCellReference("A1") == XLSXCellReference(column: 0, row: 1))
        #expect(XLSXCellReference("AA12") == XLSXCellReference(column: 26, row: 12))
        #expect(XLSXCellReference("$XFD$1048576") == XLSXCellReference(column: 16_383, row: 1_048_576))
        for outside in ["XFE1", "ZZZZZZZ1", "A0", "A1048577", "A99999999999999999999", "1A", "A", "", "A1B"] {
            #expect(XLSXCellReference(outside) == nil, "\(outside)")
        }
        #expect(XLSXCellReference.letters(ofColumn: 0) == "A")
        #expect(XLSXCellReference.letters(ofColumn: 27) == "AB")
        #expect(XLSXCellReference.letters(ofColumn: 16_383) == "XFD")
    }

    @Test func officeEscapesDecodeAndEncodeBothWays() {
        #expect(OOXMLText.decoded("a_x000D_b_x005F_x0041_c_xZZZZ_") == "a\rb_x0041_c_xZZZZ_")
        let awkward = "\u{01}start, _x0041_ literal, \u{1F} and \u{FFFE} and ümlaut\t"
        #expect(OOXMLText.encoded(awkward) == "_x0001_start, _x005F_x0041_ literal, _x001F_ and _xFFFE_ and ümlaut\t")
        #expect(OOXMLText.decoded(OOXMLText.encoded(awkward)) == awkward)
    }

    // MARK: - Hostile and broken files

    @Test func filesThatAreNotWorkbooksAreRefusedWithTheReason() throws {
        func refusal(_ bytes: [UInt8], sheet: String? = nil) -> String? {
            do {
                _ = try XLSXTableReader.read(bytes: bytes, source: "in.xlsx", sheet: sheet)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(refusal(Array("Name;Land\nETH;CH\n".utf8)) == "in.xlsx is not an XLSX workbook: it is not a ZIP archive (an XLSX file is one; an old .xls file or a CSV file renamed is not)")
        #expect(refusal([0x50, 0x4B, 0x03, 0x04, 0, 0]).map { $0.hasPrefix("in.xlsx is not an XLSX workbook: its ZIP archive cannot be opened") } == true)
        #expect(refusal(try XLSXPackage.archive([("hello.txt", Data("hi".utf8))])) == "in.xlsx is a ZIP archive but not an XLSX workbook: it has no xl/workbook.xml inside")

        let broken = try Self.workbook(sheet: "<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>")
        #expect(refusal(broken)?.hasPrefix("in.xlsx: its part xl/worksheets/sheet1.xml is not well-formed XML") == true, "\(refusal(broken) ?? "")")

        // A billion laughs: entities that would expand to gigabytes are refused by the parser.
        var entities = #"<!ENTITY lol0 "lol">"#
        for level in 1...9 { entities += #"<!ENTITY lol\#(level) "\#(String(repeating: "&lol\(level - 1);", count: 10))">"# }
        let laughs = try Self.workbook(sheet: #"<?xml version="1.0"?><!DOCTYPE worksheet [\#(entities)]>"# + Self.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>"#)
            .replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: ""))
        #expect(refusal(laughs)?.hasPrefix("in.xlsx: its part xl/worksheets/sheet1.xml is not well-formed XML") == true, "\(refusal(laughs) ?? "")")

        let hugeColumn = try Self.workbook(sheet: Self.sheet(#"<row r="1"><c r="ZZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>"#))
        #expect(refusal(hugeColumn) == "in.xlsx, sheet \"Tabelle1\", row 1: the cell reference \"ZZZZZZZ1\" is not one a sheet has (columns A to XFD, rows 1 to 1048576)")

        let hugeRow = try Self.workbook(sheet: Self.sheet(#"<row r="99999999999"><c t="inlineStr"><is><t>x</t></is></c></row>"#))
        #expect(refusal(hugeRow) == "in.xlsx, sheet \"Tabelle1\": a row numbered \"99999999999\", but rows are numbered 1 to 1048576")

        let missingString = try Self.workbook(sheet: Self.sheet(#"<row r="1"><c r="B1" t="s"><v>7</v></c></row>"#), sharedStrings: "<sst><si><t>only</t></si></sst>")
        #expect(refusal(missingString) == "in.xlsx, sheet \"Tabelle1\", cell B1: it refers to shared string \"7\", which the workbook does not have (it has 1)")

        let lostSheet = try Self.workbook(sheet: Self.sheet(""), sheetTarget: "worksheets/elsewhere.xml")
        #expect(refusal(lostSheet) == "in.xlsx has no part xl/worksheets/elsewhere.xml inside")

        let empty = try Self.workbook(sheet: Self.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t> </t></is></c></row>"#))
        #expect(refusal(empty) == "in.xlsx, sheet \"Tabelle1\" has no header row: it holds no text")

        let noSheets = try Self.workbook(sheet: "", workbook: #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#)
        #expect(refusal(noSheets) == "in.xlsx has no sheets: xl/workbook.xml lists none")
    }
}

/// Excel's 1900 date system, which workbooks store days in: its phantom 29 February 1900.
@Suite struct ExcelSerialDayTests {
    @Test func serialsAroundThePhantomLeapDay() {
        #expect(Day(excelSerial: 61) == Day("1900-03-01"))
        #expect(Day(excelSerial: 60) == nil)
        #expect(Day(excelSerial: 59) == nil)
        #expect(Day(excelSerial: 45000.75) == Day("2023-03-15"))
        #expect(Day(excelSerial: 2_958_465) == Day("9999-12-31"))
        #expect(Day(excelSerial: 2_958_466) == nil)
        #expect(Day("2027-05-31")?.excelSerial == 46538)
    }
}
