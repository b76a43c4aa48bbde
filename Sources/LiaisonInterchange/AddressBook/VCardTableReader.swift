import Foundation
import LiaisonCore

/// Reads an address book file (`.vcf`, vCard 2.1, 3.0 or 4.0 as Outlook, Google, Apple and
/// Thunderbird write them) as a `SheetTable` with one row per card, for `liaison import contacts`.
/// The columns are `headers`; a row's number is its card's position in the file, counted from 1
/// ("card 3"), whatever cards were left out for holding nothing.
///
/// Read are: folded lines, escapes, grouped properties (`item1.EMAIL`), TYPE and PREF parameters
/// (the preferred e-mail address and phone number win, else a work one, else the first), vCard
/// 2.1's bare types (`TEL;WORK`) and QUOTED-PRINTABLE values with their CHARSET. The name is FN,
/// else N put together; the role TITLE, else ROLE; the organisation and unit ORG's first
/// component and the rest. The id is the one a UID written by `liaison export --format vcard`
/// names, else empty.
public enum VCardTableReader {
    public static let headers = ["id", "name", "role", "unit", "email", "phone", "organisation", "notes"]

    public static func read(bytes: [UInt8], source: String) throws(SheetReadError) -> SheetTable {
        let decoded = try TextFileDecoding.decode(bytes, file: source)
        let lines = ContentLines.unfold(decoded.text)
        var rows: [SheetTable.Row] = []
        var versions: [String] = []
        var card: [VCardProperty]?
        var cardNumber = 0
        var nesting = 0
        var index = 0
        while index < lines.count {
            var property = VCardProperty(line: lines[index])
            index += 1
            // Quoted-printable (vCard 2.1) ends a line that goes on with "=", without the
            // space that folds other lines.
            while property.isQuotedPrintable, property.value.hasSuffix("="), index < lines.count {
                property.value.removeLast()
                property.value += lines[index]
                index += 1
            }
            switch (property.name, property.value.uppercased()) {
            case ("BEGIN", "VCARD"):
                if card != nil {
                    nesting += 1 // a card inside a card (vCard 2.1's AGENT): not a contact of its own
                } else {
                    cardNumber += 1
                    card = []
                }
            case ("END", "VCARD"):
                if nesting > 0 { nesting -= 1; continue }
                guard let properties = card else { continue }
                card = nil
                let row = SheetTable.Row(number: cardNumber, cells: cells(of: properties))
                if row.cells.contains(where: { !$0.isEmpty }) { rows.append(row) }
                if let version = properties.first(where: { $0.name == "VERSION" })?.value, !versions.contains(version) { versions.append(version) }
            default:
                if nesting == 0, property.name != nil { card?.append(property) }
            }
        }
        if card != nil {
            throw SheetReadError("\(source), card \(cardNumber): no END:VCARD before the end of the file; the file may be cut off")
        }
        guard cardNumber > 0 else { throw SheetReadError("\(source) holds no vCard: no line BEGIN:VCARD") }
        var notes = [decoded.note]
        notes.append(Counted.text(cardNumber, "card") + (versions.isEmpty ? "" : " (vCard \(versions.joined(separator: ", ")))"))
        if rows.count < cardNumber { notes.append("left out \(Counted.text(cardNumber - rows.count, "card")) holding nothing to import") }
        return SheetTable(source: source, headers: headers, rows: rows, notes: notes, rowName: "card")
    }

    /// A card's cells, in the order of `headers`.
    static func cells(of properties: [VCardProperty]) -> [String] {
        func all(_ name: String) -> [VCardProperty] { properties.filter { $0.name == name } }
        /// The first such property's text, unescaped and trimmed.
        func text(_ name: String) -> String { all(name).first.map(\.text) ?? "" }
        func preferred(_ name: String) -> String {
            let candidates = all(name).filter { !$0.text.isEmpty }
            return (candidates.first(where: \.isPreferred) ?? candidates.first { $0.hasType("work") } ?? candidates.first)?.text ?? ""
        }
        var name = text("FN")
        if name.isEmpty, let parts = all("N").first?.components {
            // family; given; additional; prefixes; suffixes, in the order people say them
            name = [3, 1, 2, 0, 4].filter(parts.indices.contains).map { parts[$0] }.filter { !$0.isEmpty }.joined(separator: " ")
        }
        let title = text("TITLE")
        let organisation = all("ORG").first?.components ?? []
        var phone = preferred("TEL")
        if phone.lowercased().hasPrefix("tel:") { phone = String(phone.dropFirst(4)) }
        return [StableIdentifiers.contactId(fromUID: text("UID")) ?? "",
                name,
                title.isEmpty ? text("ROLE") : title,
                organisation.dropFirst().filter { !$0.isEmpty }.joined(separator: ", "),
                preferred("EMAIL"),
                phone,
                organisation.first ?? "",
                all("NOTE").map(\.text).filter { !$0.isEmpty }.joined(separator: "\n")]
    }
}

/// One line of a card: `group.NAME;PARAM=VALUE;PARAM:value`, its name upper-cased without the
/// group, its parameters with upper-cased keys (a bare vCard 2.1 parameter is a TYPE), the value
/// as written.
struct VCardProperty {
    var name: String?
    var parameters: [(key: String, value: String)] = []
    var value = ""

    init(line: String) {
        // The name and parameters end at the first ':' outside a quoted parameter value.
        var quoted = false
        guard let colon = line.firstIndex(where: { character in
            if character == "\"" { quoted.toggle() }
            return character == ":" && !quoted
        }) else { return }
        value = String(line[line.index(after: colon)...])
        var parts: [String] = []
        var current = ""
        quoted = false
        for character in line[..<colon] {
            if character == "\"" { quoted.toggle(); continue }
            if character == ";" && !quoted { parts.append(current); current = ""; continue }
            current.append(character)
        }
        parts.append(current)
        let qualified = parts.removeFirst()
        name = String(qualified.split(separator: ".").last ?? "").uppercased()
        for part in parts {
            if let equals = part.firstIndex(of: "=") {
                parameters.append((String(part[..<equals]).uppercased(), String(part[part.index(after: equals)...])))
            } else {
                parameters.append(("TYPE", part))
            }
        }
    }

    /// The value as text: decoded, unescaped, line breaks as line feeds (a quoted-printable
    /// value holds CRLF), without white space around it.
    var text: String {
        ContentLineText.unescaped(decodedValue)
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A compound value's components (N, ORG), each unescaped and trimmed.
    var components: [String] { ContentLineText.components(decodedValue).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }

    func parameter(_ key: String) -> [String] {
        parameters.filter { $0.key == key }.flatMap { $0.value.split(separator: ",").map { $0.lowercased() } }
    }

    func hasType(_ type: String) -> Bool { parameter("TYPE").contains(type) }

    /// TYPE=pref (vCard 3.0) or PREF=1 (4.0).
    var isPreferred: Bool { hasType("pref") || parameter("PREF").contains("1") }

    var isQuotedPrintable: Bool {
        parameter("ENCODING").contains("quoted-printable") || hasType("quoted-printable")
    }

    /// The value with any quoted-printable encoding undone, in its CHARSET (UTF-8 unless it says
    /// Latin-1 or Windows-1252).
    var decodedValue: String {
        guard isQuotedPrintable else { return value }
        var bytes: [UInt8] = []
        var utf8 = Array(value.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "="), let decoded = HexDigits.byte(utf8.prefix(2)) {
                bytes.append(decoded)
                utf8.removeFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        let charset = parameter("CHARSET").first ?? "utf-8"
        if ["utf-8", "utf8"].contains(charset), let text = String(validating: bytes, as: UTF8.self) { return text }
        // Latin-1, Windows-1252, or bytes that are not the UTF-8 they claim: Windows-1252, as
        // the whole file would be read.
        return String(String.UnicodeScalarView(bytes.compactMap(TextFileDecoding.windows1252)))
    }
}
