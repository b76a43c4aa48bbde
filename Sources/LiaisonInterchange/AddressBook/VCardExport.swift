import LiaisonCore

/// A network's contacts as vCard 4.0 (RFC 6350), one card each, for an address book to import.
/// The organisation is the partner the contact belongs to, or the home institution for its own
/// staff, with the contact's unit as the organisation's unit. The UID names the record
/// (`StableIdentifiers.contact`), so a card read back (`VCardTableReader`) keeps its id, and an
/// address book that matches on UID updates the card.
public struct VCardExport {
    private let network: Network
    private let identifiers: StableIdentifiers
    private let partnersById: [String: Partner]

    public init(network: Network) {
        self.network = network
        identifiers = StableIdentifiers(institution: network.institution)
        partnersById = Dictionary(network.partners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func contacts() -> ContentLines {
        var lines = ContentLines()
        for contact in network.contacts { lines.append(card(contact)) }
        return lines
    }

    private func card(_ contact: Contact) -> ContentLines {
        let partner = contact.partnerId.flatMap { partnersById[$0] }
        let organisation = partner?.name ?? network.institution.name
        var lines = ContentLines()
        lines.add("BEGIN", raw: "VCARD")
        lines.add("VERSION", raw: "4.0")
        lines.add("PRODID", raw: "-//Liaison//Liaison export//EN")
        lines.add("UID", raw: identifiers.contact(contact.id))
        lines.add("KIND", raw: "individual")
        lines.add("FN", text: contact.name)
        lines.add("N", raw: ContentLineText.escaped(components: PersonName(splitting: contact.name).components))
        if !organisation.isEmpty {
            let unit = contact.unit.flatMap { $0.isEmpty ? nil : $0 }
            lines.add("ORG", raw: ContentLineText.escaped(components: [organisation] + (unit.map { [$0] } ?? [])))
        }
        // TITLE is what address books show as the job; ROLE is the RFC's word for a person's
        // function. Liaison's role is both, so the card says it in both.
        lines.add("TITLE", text: contact.role)
        lines.add("ROLE", text: contact.role)
        lines.add("EMAIL;TYPE=work", text: contact.email)
        lines.add("TEL;TYPE=work,voice", text: contact.phone)
        lines.add("NOTE", text: contact.notes)
        if let revised = partner?.updatedAt.flatMap(ContentLineTime.utc(updatedAt:)) { lines.add("REV", raw: revised) }
        lines.add("END", raw: "VCARD")
        return lines
    }
}
