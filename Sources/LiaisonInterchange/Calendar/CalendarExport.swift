import Foundation
import LiaisonCore

/// A network's events, or its agreements' end dates, as an iCalendar file (RFC 5545) that a
/// calendar subscribes to or imports: every entry all-day, with a UID made from its record
/// (`StableIdentifiers`), so importing a newer export updates the entries it had.
public struct CalendarExport {
    /// The calendar, and what was left out of it, for the user to hear.
    public struct File: Sendable {
        public var lines: ContentLines
        public var notes: [String]
    }

    private let network: Network
    private let stamp: String
    private let identifiers: StableIdentifiers
    private let links: Links
    private let contactsById: [String: Contact]
    private let partnersById: [String: Partner]

    /// `now` is the export's time, each entry's DTSTAMP.
    public init(network: Network, now: Date) {
        self.network = network
        stamp = ContentLineTime.utc(now)
        identifiers = StableIdentifiers(institution: network.institution)
        links = Links(network: network)
        contactsById = Dictionary(network.contacts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        partnersById = Dictionary(network.partners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One entry per event with a start day, from its start to its end (the end day included).
    public func events() -> File {
        var entries = ContentLines()
        var undated: [String] = []
        for event in network.events {
            guard let start = event.start else { undated.append(event.id); continue }
            let partners = event.partnerIds.map { partnersById[$0]?.name ?? $0 }
            let description = [
                event.description,
                partners.isEmpty ? nil : "Partners: " + partners.joined(separator: ", "),
                contactLines(event.contactIds),
            ].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
            entries.append(entry(uid: identifiers.event(event.id), from: start, through: max(start, event.end ?? start),
                                 summary: event.title, location: event.location, description: description,
                                 category: event.kind, lastModified: nil, alarm: nil))
        }
        var notes: [String] = []
        if !undated.isEmpty { notes.append("left out \(Counted.text(undated.count, "event")) without a start date: \(undated.joined(separator: ", "))") }
        return File(lines: calendar(named: "events", entries), notes: notes)
    }

    /// One all-day entry on each agreement's end day, with an alarm `reminder` before it.
    public func agreementEnds(reminder: AgreementReminder?) -> File {
        var entries = ContentLines()
        var openEnded = 0
        for partner in network.partners {
            for agreement in partner.agreements {
                guard let end = agreement.end else { openEnded += 1; continue }
                let summary = "Agreement with \(partner.name) ends: \(agreement.kind)"
                entries.append(entry(uid: identifiers.agreementEnd(agreement.id), from: end, through: end,
                                     summary: summary, location: nil, description: description(of: agreement, of: partner),
                                     category: agreement.kind, lastModified: partner.updatedAt.flatMap(ContentLineTime.utc(updatedAt:)),
                                     alarm: reminder.map { ($0.trigger(forEndOn: end), summary) }))
            }
        }
        var notes: [String] = []
        if openEnded > 0 { notes.append("left out \(Counted.text(openEnded, "agreement")) without an end date") }
        return File(lines: calendar(named: "agreement ends", entries), notes: notes)
    }

    private func calendar(named name: String, _ entries: ContentLines) -> ContentLines {
        var lines = ContentLines()
        lines.add("BEGIN", raw: "VCALENDAR")
        lines.add("VERSION", raw: "2.0")
        lines.add("PRODID", raw: "-//Liaison//Liaison export//EN")
        lines.add("CALSCALE", raw: "GREGORIAN")
        lines.add("METHOD", raw: "PUBLISH")
        let institution = network.institution.shortName.flatMap { $0.isEmpty ? nil : $0 } ?? network.institution.name
        lines.add("X-WR-CALNAME", text: institution.isEmpty ? name : "\(institution): \(name)")
        lines.append(entries)
        lines.add("END", raw: "VCALENDAR")
        return lines
    }

    /// An all-day VEVENT from `first` through `last`: DTEND is the day after, as RFC 5545 wants.
    private func entry(uid: String, from first: Day, through last: Day, summary: String, location: String?,
                       description: String, category: String?, lastModified: String?, alarm: (trigger: String, text: String)?) -> ContentLines {
        var lines = ContentLines()
        lines.add("BEGIN", raw: "VEVENT")
        lines.add("UID", text: uid)
        lines.add("DTSTAMP", raw: stamp)
        if let lastModified { lines.add("LAST-MODIFIED", raw: lastModified) }
        lines.add("DTSTART;VALUE=DATE", raw: ContentLineTime.date(first))
        lines.add("DTEND;VALUE=DATE", raw: ContentLineTime.date(last.adding(days: 1)))
        lines.add("SUMMARY", text: summary)
        lines.add("LOCATION", text: location)
        lines.add("DESCRIPTION", text: description)
        lines.add("CATEGORIES", text: category)
        // A deadline or a visit marks the day; it does not make the person busy all day.
        lines.add("TRANSP", raw: "TRANSPARENT")
        if let alarm {
            lines.add("BEGIN", raw: "VALARM")
            lines.add("ACTION", raw: "DISPLAY")
            lines.add("DESCRIPTION", text: alarm.text)
            lines.add("TRIGGER", raw: alarm.trigger)
            lines.add("END", raw: "VALARM")
        }
        lines.add("END", raw: "VEVENT")
        return lines
    }

    private func description(of agreement: Agreement, of partner: Partner) -> String {
        func label(_ key: String) -> String { Schema.agreementFields.first { $0.key == key }?.label ?? key }
        let country = Country.named(code: partner.country)?.name ?? partner.country
        var lines = ["Partner: " + partner.name + (country.isEmpty ? "" : " (\(country))")]
        lines.append("\(label("kind")): \(agreement.kind)")
        for (key, day) in [("start", agreement.start), ("end", agreement.end), ("signingDate", agreement.signingDate)] {
            if let day { lines.append("\(label(key)): \(day)") }
        }
        if let quota = agreement.quota, quota.incoming != nil || quota.outgoing != nil {
            let parts = [quota.incoming.map { "\($0) incoming" }, quota.outgoing.map { "\($0) outgoing" }].compactMap { $0 }
            lines.append("\(label("quota")): " + parts.joined(separator: ", "))
        }
        let contacts = contactLines(links.contacts(ofPartner: partner.id))
        return ([lines.joined(separator: "\n")] + [contacts].compactMap { $0 }).joined(separator: "\n\n")
    }

    /// "Contacts:" and a line per contact: name, role, e-mail. nil for none.
    private func contactLines(_ ids: [String]) -> String? {
        guard !ids.isEmpty else { return nil }
        let people = ids.map { id in
            guard let contact = contactsById[id] else { return id }
            return [contact.name, contact.role, contact.email].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        }
        return (["Contacts:"] + people).joined(separator: "\n")
    }
}
