import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonInterchange

/// `export --format ics` (events, agreements' end dates) and `--format vcard` (contacts): the
/// files calendars and address books import, written by LiaisonInterchange.
extension Export {
    static let contentLinesHelp = """
    --format ics events writes an iCalendar file (RFC 5545) with an all-day entry per event: \
    location, description, partners and contacts (name, role, e-mail), the kind as category. \
    --format ics agreements writes an all-day entry on each agreement's end date with the partner, \
    kind, dates, quota and the partner's contacts, and an alarm --remind before it (default 90d; \
    d, w, m, y as for expiring --within; none or 0 for no alarm). \
    --format vcard contacts writes vCard 4.0 (RFC 6350): name, organisation (the partner, or the \
    institution for its own staff) with the unit, role, e-mail, phone, notes. \
    Every entry and card has a UID made from its record's id and the institution, so a calendar \
    or address book importing a newer export updates what it has instead of doubling it. \
    Into a file or pipe the bytes are the RFC's (CRLF, lines folded at 75 octets); on a \
    terminal, lines end with a line feed and control characters are shown, not sent.
    """

    func validateContentLines() throws {
        switch format {
        case .ics where table != .events && table != .agreements:
            throw ValidationError("--format ics exports events or agreements (their end dates), not \(table?.rawValue ?? "partners"): name one")
        case .vcard where (table ?? .contacts) != .contacts:
            throw ValidationError("--format vcard exports contacts, not \(table?.rawValue ?? "partners")")
        default: break
        }
        if remind != nil, format != .ics || table != .agreements { throw ValidationError("--remind is for --format ics agreements") }
        if let remind {
            do { _ = try AgreementReminder.parse(remind) } catch { throw ValidationError(error.description) }
        }
    }

    func writeContentLines(_ network: Network, to destination: OutputDestination) throws {
        let file: ContentLines
        switch (format, table) {
        case (.vcard, _):
            file = VCardExport(network: network).contacts()
        case (_, .agreements):
            let reminder = try AgreementReminder.parse(remind ?? AgreementReminder.defaultLead)
            let calendar = CalendarExport(network: network, now: Date()).agreementEnds(reminder: reminder)
            calendar.notes.forEach(Console.note)
            file = calendar.lines
        default:
            let calendar = CalendarExport(network: network, now: Date()).events()
            calendar.notes.forEach(Console.note)
            file = calendar.lines
        }
        // On a terminal the lines are for reading: a CR would be a control (Console sanitises
        // what is left, as for CSV).
        try destination.write(file.bytes(lineEnding: destination.endsOnTerminal ? .lf : .crlf))
    }
}
