import Foundation
import LiaisonCore
import Testing

/// `liaison import` of what a new user's office exports: a partner list with titles above its
/// header row and German values, and Outlook's contact export saved as "Unicode Text".
@Suite("liaison import of office exports", .serialized)
struct ImportOfficeSheetTests {
    @Test("titles above the header row: the row found is said, rows keep their numbers, German values and a bare host import; --header-row forces a row")
    func titledPartnerList() throws {
        let (directory, path) = try CLI.copyOfSample("import-titled")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sheet = try ImportCommandTests.write("""
        Partnerliste International Office;;;;;
        Stand: 1.10.2024;;;;;
        ;;;;;
        Hochschule;Land;Typ;Status;Seit;Webseite
        Universität Wien;Österreich;Austausch;geplant;01.10.24;www.univie.ac.at
        Atlantis University;Atlantis;Netzwerk;aktiv;;

        """, in: directory)
        let result = try CLI.run(["import", "partners", sheet, "--skip-invalid"], data: path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("read as UTF-8; cells separated by \";\"; headers in row 4, below 2 rows of titles"))
        #expect(result.stdout.contains("added:\n  row 5: partner Universität Wien"))
        #expect(result.stdout.contains("refused:\n  row 6, column \"Land\""))
        let vienna = try #require(try NetworkFile.load(path: path).network.partners.first { $0.name == "Universität Wien" })
        #expect(vienna.partnershipType == "exchange" && vienna.status == "planned")
        #expect(vienna.since == Day("2024-10-01") && vienna.website == "https://www.univie.ac.at")

        let forced = try CLI.run(["import", "partners", sheet, "--header-row", "2", "--dry-run"], data: path)
        #expect(forced.status == 2 && forced.stderr.contains("no column is a field of partners: the headers are \"Stand: 1.10.2024\""))
        let empty = try CLI.run(["import", "partners", sheet, "--header-row", "3", "--dry-run"], data: path)
        #expect(empty.status == 2 && empty.stderr.contains("row 3, which --header-row gives, is empty"))
    }

    @Test("Outlook's contact export as Unicode Text (UTF-16, tabs): Vorname + Nachname, Firma as the partner")
    func outlookUnicodeText() throws {
        let (directory, path) = try CLI.copyOfSample("import-outlook")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = "Anrede\tVorname\tNachname\tFirma\tAbteilung\tPosition\tE-Mail-Adresse\tTelefon geschäftlich\r\n"
            + "Frau\tAnna\tNowak\tJagiellonian University\tInternational Relations\tCoordinator\tanna@uj.edu.pl\t+48 12 000\r\n"
        let sheet = directory + "/kontakte.txt"
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: sheet))
        let result = try CLI.run(["import", "contacts", sheet], data: path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("read as UTF-16 (little-endian); cells separated by tabs"))
        #expect(result.stdout.contains("  Vorname + Nachname → name (Name)\n"))
        #expect(result.stdout.contains("  Anrede → ignored (a salutation or title, not part of the name)"))
        let anna = try #require(try NetworkFile.load(path: path).network.contacts.first { $0.name == "Anna Nowak" })
        #expect(anna.partnerId == "jagiellonian" && anna.email == "anna@uj.edu.pl" && anna.phone == "+48 12 000")
    }
}
