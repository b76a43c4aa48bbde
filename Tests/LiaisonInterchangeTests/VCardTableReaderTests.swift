import LiaisonCore
import Testing
@testable import LiaisonInterchange

/// Address book files as other programs write them, read as the table `import contacts` takes.
@Suite struct VCardTableReaderTests {
    private func read(_ text: String) throws -> SheetTable {
        try VCardTableReader.read(bytes: Array(text.utf8), source: "contacts.vcf")
    }

    private func row(_ table: SheetTable, _ number: Int) -> [String: String] {
        guard let row = table.rows.first(where: { $0.number == number }) else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(table.headers, row.cells))
    }

    @Test func appleStyleVCard3WithGroupedItemsFoldedLinesAndTwoCards() throws {
        // As Apple Contacts writes: grouped e-mail with a label, TYPE=pref, folded NOTE, escapes.
        let text = """
        BEGIN:VCARD\r
        VERSION:3.0\r
        PRODID:-//Apple Inc.//macOS 14.0//EN\r
        N:van der Berg;Anna;;Prof. Dr.;\r
        FN:Prof. Dr. Anna van der Berg\r
        ORG:ETH Zürich\\, Departement Physik;International Office;Mobility\r
        TITLE:Head\\, International Office\r
        item1.EMAIL;type=INTERNET;type=WORK:anna.work@ethz.example\r
        item1.X-ABLabel:_$!<Work>!$_\r
        item2.EMAIL;type=INTERNET;type=HOME;type=pref:anna@home.example\r
        TEL;type=CELL;type=VOICE:+41 79 000 00 00\r
        TEL;type=WORK;type=VOICE:+41 44 632 11 11\r
        NOTE:Met at the Science Days in Zürich\\; prefers e-mail.\\nSecond line: 東\r
         京大学 visit\r
        UID:6A4B7C2E-1111-4D4D-9999-ABCDEF012345\r
        END:VCARD\r
        BEGIN:VCARD\r
        VERSION:3.0\r
        N:Tanaka;Hiroshi;;;\r
        FN:Hiroshi Tanaka\r
        EMAIL;type=INTERNET:tanaka@u-tokyo.example\r
        END:VCARD\r

        """
        let table = try read(text)
        #expect(table.headers == ["id", "name", "role", "unit", "email", "phone", "organisation", "notes"])
        #expect(table.rows.map(\.number) == [1, 2])
        #expect(row(table, 1) == [
            "id": "", "name": "Prof. Dr. Anna van der Berg", "role": "Head, International Office",
            "unit": "International Office, Mobility", "email": "anna@home.example", "phone": "+41 44 632 11 11",
            "organisation": "ETH Zürich, Departement Physik",
            "notes": "Met at the Science Days in Zürich; prefers e-mail.\nSecond line: 東京大学 visit",
        ])
        #expect(row(table, 2)["email"] == "tanaka@u-tokyo.example")
        #expect(table.notes == ["read as UTF-8", "2 cards (vCard 3.0)"])
    }

    @Test func vCard4AsThunderbirdWritesItWithPrefAndTelURIs() throws {
        let text = """
        BEGIN:VCARD
        VERSION:4.0
        FN:Kenji Sato
        EMAIL;TYPE=work:k.sato@work.example
        EMAIL;PREF=1:kenji@example.org
        TEL;VALUE=uri;TYPE="voice,work":tel:+81-3-1234-5678
        ROLE:Coordinator
        UID:liaison://rub/contact/kenji-sato
        END:VCARD
        """
        let table = try read(text)
        #expect(row(table, 1) == [
            "id": "kenji-sato", "name": "Kenji Sato", "role": "Coordinator", "unit": "",
            "email": "kenji@example.org", "phone": "+81-3-1234-5678", "organisation": "", "notes": "",
        ])
    }

    @Test func aCardWithoutFNTakesItsNameFromN() throws {
        let table = try read("BEGIN:VCARD\nVERSION:3.0\nN:Vernekohl;Iris;Maria;Dr.;\nEND:VCARD\n")
        #expect(row(table, 1)["name"] == "Dr. Iris Maria Vernekohl")
    }

    @Test func outlookVCard21WithQuotedPrintableAndBareTypes() throws {
        // Outlook's 2.1: bare parameters, a quoted-printable note in Windows-1252 over two lines
        // joined by a soft line break, an empty card, and a card number that counts it.
        let text = """
        BEGIN:VCARD\r
        VERSION:2.1\r
        END:VCARD\r
        BEGIN:VCARD\r
        VERSION:2.1\r
        N;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r
        TEL;WORK;VOICE:+49 234 32-22222\r
        EMAIL;PREF;INTERNET:juergen@rub.example\r
        NOTE;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:Gr=FC=DFe aus =\r
        Bochum=0D=0Azweite Zeile\r
        END:VCARD\r

        """
        let table = try read(text)
        #expect(table.rows.map(\.number) == [2])
        #expect(row(table, 2)["name"] == "Jürgen Müller")
        #expect(row(table, 2)["phone"] == "+49 234 32-22222")
        #expect(row(table, 2)["email"] == "juergen@rub.example")
        #expect(row(table, 2)["notes"] == "Grüße aus Bochum\nzweite Zeile")
        #expect(table.notes.last == "left out 1 card holding nothing to import")
    }

    @Test func whatLiaisonExportsReadsBackCellForCell() throws {
        var network = Network()
        network.institution.name = "Ruhr-Universität Bochum"
        network.institution.shortName = "RUB"
        var partner = Partner()
        partner.id = "eth"
        partner.name = "ETH Zürich; \"Physik\", Departement"
        partner.updatedAt = "2026-11-20T09:15:00Z"
        network.partners = [partner]
        var guest = Contact()
        guest.id = "eth-iro"
        guest.name = "Prof. Dr. Anna van der Berg"
        guest.role = "Head, International Office"
        guest.unit = "Rektorat; Mobility"
        guest.email = "anna@ethz.example"
        guest.phone = "+41 44 632 11 11"
        guest.partnerId = "eth"
        guest.notes = String(repeating: "Zürich office, 東京大学\\ desk; ", count: 4) + "\nsecond line"
        var staff = Contact()
        staff.id = "rub-desk"
        staff.name = "Japan Desk"
        network.contacts = [guest, staff]
        let table = try VCardTableReader.read(bytes: VCardExport(network: network).contacts().bytes(), source: "rub.vcf")
        #expect(table.rows.map(\.cells) == [
            ["eth-iro", guest.name, "Head, International Office", "Rektorat; Mobility", "anna@ethz.example", "+41 44 632 11 11",
             partner.name, guest.notes ?? ""],
            ["rub-desk", "Japan Desk", "", "", "", "", "Ruhr-Universität Bochum", ""],
        ])
    }

    @Test func filesThatAreNoAddressBookAreRefusedWithTheirName() {
        #expect(throws: SheetReadError("contacts.vcf holds no vCard: no line BEGIN:VCARD")) { try read("name,email\nA,a@b.example\n") }
        #expect(throws: SheetReadError("contacts.vcf, card 2: no END:VCARD before the end of the file; the file may be cut off")) {
            try read("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n")
        }
    }
}
