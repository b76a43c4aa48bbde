/// Other names people write for the values of the choice fields (Partner.partnershipTypes and
/// statuses, Agreement.kinds, Event.kinds), German ones first: an office's sheet says
/// "Austausch", "aktiv" or "Kooperationsvertrag" where Liaison stores `exchange`, `active` and
/// `memorandum-of-understanding`. Names are compared as `TextFolding.matchKey` makes them (case,
/// accents, spaces and punctuation ignored), and only among the values the field allows, so one
/// name may mean different values in different fields. The import reads them (`CellValue`); `set`
/// and the forms take the stored values, which they offer to complete.
public enum ChoiceNames {
    static let other: [String: [String]] = [
        // Partner.partnershipTypes
        "research-led": ["Forschung", "forschungsstark", "forschungsorientiert", "Research"],
        "global-engagement": ["global", "globales Engagement"],
        "exchange": ["Austausch", "Austauschpartner"],
        "network": ["Netzwerk", "Verbund", "Hochschulnetzwerk"],
        // Partner.statuses
        "active": ["aktiv", "laufend"],
        "planned": ["geplant", "in Planung", "in Vorbereitung"],
        "suspended": ["ruhend", "ausgesetzt", "pausiert", "inaktiv"],
        "ended": ["beendet", "abgelaufen", "ausgelaufen", "gekündigt"],
        // Agreement.kinds
        "student-exchange": ["Austauschvertrag", "Studierendenaustausch", "Studentenaustausch", "Austauschabkommen"],
        "memorandum-of-understanding": ["Kooperationsvertrag", "Kooperationsabkommen", "Absichtserklärung", "MoU", "Rahmenvertrag", "Rahmenabkommen"],
        "erasmus": ["Erasmus+", "Erasmus-Vertrag", "Erasmus agreement", "Inter-institutional agreement", "IIA"],
        "joint-degree": ["Doppelabschluss", "Doppelabschlussprogramm", "Double Degree", "Joint Degree", "Gemeinsamer Abschluss"],
        "research-cooperation": ["Forschungskooperation", "Forschungsvertrag", "Research cooperation agreement"],
        // Agreement.kinds and Event.kinds
        "other": ["Sonstiges", "Sonstige", "Andere", "Anderes"],
        // Event.kinds
        "science-days": ["Wissenschaftstage", "Science Day", "Tag der Wissenschaft"],
        "delegation-visit": ["Delegationsbesuch", "Delegationsreise", "Besuch", "Delegation"],
        "conference": ["Konferenz", "Tagung", "Kongress"],
        "workshop": ["Seminar"],
    ]

    /// The allowed value a text names (a value itself, in any case, or one of its other names);
    /// nil when it names none of them.
    public static func value(named text: String, among allowed: [String]) -> String? {
        let key = TextFolding.matchKey(text)
        guard !key.isEmpty else { return nil }
        return allowed.first { TextFolding.matchKey($0) == key }
            ?? allowed.first { (other[$0] ?? []).contains { TextFolding.matchKey($0) == key } }
    }
}
