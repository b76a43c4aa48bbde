import Foundation
import LiaisonCore
import Testing

/// `liaison import` from an XLSX workbook and from a vCard address book, on the real binary: the
/// export's workbook and address book read back change nothing; a workbook an office made (with
/// openpyxl, as Excel stores it: shared strings, a real date cell) and cards from an address book
/// are matched, added and refused as a CSV sheet is.
@Suite("liaison import from workbooks and address books", .serialized)
struct ImportWorkbookAndCardTests {
    @Test("export --format xlsx, then import of each sheet: 0 added, 0 changed, the data file's bytes unchanged")
    func workbookRoundTrip() throws {
        let (directory, path) = try CLI.copyOfSample("import-xlsx")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let workbook = directory + "/network.xlsx"
        let export = try CLI.run(["export", "--format", "xlsx", "-o", workbook], data: path)
        #expect(export.status == 0, "\(export.stderr)")
        let before = FileManager.default.contents(atPath: path)
        for kind in ["partners", "agreements", "contacts", "events"] {
            // Named, or found by its name: the sheet named as what is imported, not the first.
            for sheet in [["--sheet", kind], []] {
                let result = try CLI.run(["import", kind, workbook] + sheet, data: path)
                #expect(result.status == 0, "\(kind): \(result.stderr)")
                #expect(result.stdout.contains("0 added, 0 changed"), "\(kind): \(result.stdout)")
                #expect(result.stderr.contains("nothing to import"), "\(kind): \(result.stderr)")
                if sheet.isEmpty {
                    #expect(result.stdout.contains("read the sheet \"\(kind)\", named as what is imported"), "\(kind): \(result.stdout)")
                }
            }
        }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("a workbook made as Excel stores one (German headers, a date cell, a second sheet): matched, added and refused by row",
          .enabled(if: Tools.openpyxl, "needs python3 with openpyxl (.ci/run installs it)"))
    func officeWorkbook() throws {
        let (directory, path) = try CLI.copyOfSample("import-xlsx")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let workbook = directory + "/Partner.xlsx"
        let script = """
        import datetime, sys, openpyxl
        book = openpyxl.Workbook()
        notes = book.active
        notes.title = "Hinweise"
        notes.append(["Diese Tabelle führt die Partnerhochschulen."])
        sheet = book.create_sheet("Partner")
        sheet.append(["Hochschule", "Land", "Ort", "Partner seit", "Erasmus-Code"])
        sheet.append(["ETH Zurich", "Schweiz", "Zürich", datetime.date(2001, 3, 1), None])
        sheet.append(["Universität Basel", "Schweiz", "Basel", datetime.date(2010, 4, 5), "CH BASEL01"])
        sheet.append(["Atlantis University", "Atlantis", None, None, None])
        sheet["D3"].number_format = "DD.MM.YYYY"
        book.save(sys.argv[1])
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, workbook]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "openpyxl could not write the workbook")

        let notes = try CLI.run(["import", "partners", workbook, "--sheet", "hinweise", "--dry-run"], data: path)
        #expect(notes.status == 2, "the first sheet has no columns a partner has")
        #expect(notes.stderr.contains(workbook), "\(notes.stderr)")

        // Without --sheet, the sheet named as what is imported is read, not the first.
        let unnamed = try CLI.run(["import", "partners", workbook, "--dry-run"], data: path)
        #expect(unnamed.status == 1 && unnamed.stdout.contains("read the sheet \"Partner\", named as what is imported"), "\(unnamed.stdout)")

        let missing = try CLI.run(["import", "partners", workbook, "--sheet", "Vertraege"], data: path)
        #expect(missing.status == 2 && missing.stderr.contains("Hinweise") && missing.stderr.contains("Partner"), "\(missing.stderr)")

        let dryRun = try CLI.run(["import", "partners", workbook, "--sheet", "partner", "--dry-run"], data: path)
        #expect(dryRun.status == 1, "a refused row without --skip-invalid")
        #expect(dryRun.stdout.contains("  Hochschule → name (Name)\n  Land → country (Country)\n  Ort → city (City)\n  Partner seit → since (Since)\n  Erasmus-Code → erasmusCode (Erasmus code)"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("changed:\n  row 2: partner ETH Zürich (ethz)\n    Since: (none) → 2001-03-01\n"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("added:\n  row 3: partner Universität Basel"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("refused:\n  row 4, column \"Land\": \"Atlantis\" is not an ISO 3166-1 alpha-2 code"), "\(dryRun.stdout)")

        let imported = try CLI.run(["import", "partners", workbook, "--sheet", "Partner", "--skip-invalid"], data: path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let network = try NetworkFile.load(path: path).network
        let basel = try #require(network.partners.first { $0.name == "Universität Basel" })
        #expect(basel.since == Day("2010-04-05") && basel.country == "CH" && basel.erasmusCode == "CH BASEL01")
        #expect(network.partners.first { $0.id == "ethz" }?.since == Day("2001-03-01"))
    }

    @Test("export --format vcard, then import contacts: nothing changes; cards from an address book add and update contacts")
    func addressBook() throws {
        let (directory, path) = try CLI.copyOfSample("import-vcf")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let exported = directory + "/contacts.vcf"
        #expect(try CLI.run(["export", "--format", "vcard", "-o", exported], data: path).status == 0)
        let before = FileManager.default.contents(atPath: path)
        let again = try CLI.run(["import", "contacts", exported], data: path)
        #expect(again.status == 0 && again.stdout.contains("0 added, 0 changed, 10 unchanged, 0 refused"), "\(again.stdout)\(again.stderr)")
        #expect(FileManager.default.contents(atPath: path) == before)

        // As Apple's Contacts writes them: vCard 3.0, folded lines, a grouped e-mail; the first
        // card is a colleague at ETH Zürich (named by its organisation), the second a known
        // contact with a new phone, the third an address that is none.
        let cards = """
        BEGIN:VCARD\r
        VERSION:3.0\r
        N:Muster;Erika;;Dr.;\r
        FN:Dr. Erika Muster\r
        ORG:ETH Zürich;International\r
          Office\r
        item1.EMAIL;type=INTERNET;type=pref:erika.muster@ethz.example\r
        TITLE:Erasmus coordinator\r
        END:VCARD\r
        BEGIN:VCARD\r
        VERSION:3.0\r
        FN:Japan Desk\r
        TEL;type=WORK:+49 234 32-00000\r
        END:VCARD\r
        BEGIN:VCARD\r
        VERSION:3.0\r
        FN:Nobody\r
        EMAIL:not-an-address\r
        END:VCARD\r

        """
        let book = directory + "/Kontakte.vcf"
        try Data(cards.utf8).write(to: URL(fileURLWithPath: book))
        let dryRun = try CLI.run(["import", "contacts", book, "--dry-run"], data: path)
        #expect(dryRun.status == 1)
        #expect(dryRun.stdout.contains("  organisation → partnerId (Partner)"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("added:\n  card 1: contact Dr. Erika Muster"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("changed:\n  card 2: contact Japan Desk (japan-desk)\n    Phone: (none) → +49 234 32-00000"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("refused:\n  card 3, column \"email\""), "\(dryRun.stdout)")
        #expect(dryRun.stderr.contains("1 card refused"), "\(dryRun.stderr)")

        let imported = try CLI.run(["import", "contacts", book, "--skip-invalid"], data: path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let network = try NetworkFile.load(path: path).network
        let erika = try #require(network.contacts.first { $0.name == "Dr. Erika Muster" })
        #expect(erika.partnerId == "ethz" && erika.unit == "International Office" && erika.role == "Erasmus coordinator")
        #expect(network.contacts.first { $0.id == "japan-desk" }?.phone == "+49 234 32-00000")
    }

    @Test("an address book is refused for partners, agreements and events, saying to import it as contacts")
    func addressBookForOtherKinds() throws {
        let (directory, path) = try CLI.copyOfSample("import-vcf")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let book = directory + "/contacts.vcf"
        try Data("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n".utf8).write(to: URL(fileURLWithPath: book))
        for kind in ["partners", "agreements", "events"] {
            let result = try CLI.run(["import", kind, book], data: path)
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(book) is a vCard address book, which holds contacts: import it with `liaison import contacts \(book)`"), "\(result.stderr)")
        }
    }
}

@Suite("liaison import: options checked before anything is read")
struct ImportOptionTests {
    @Test("--header-row counts from 1, as the spreadsheet does")
    func headerRowFromOne() throws {
        let result = try CLI.run(["import", "partners", "/nonexistent.csv", "--header-row", "0"])
        #expect(result.status == 2 && result.stderr.contains("--header-row counts rows as the spreadsheet does, from 1"), "\(result.stderr)")
    }
}
