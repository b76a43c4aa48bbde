/// The records of a network file (docs/data-format.md). Values the format leaves open
/// (partnership type, status, kinds) are kept as text, so a value this version does not know
/// survives a load and save; `extra` holds the keys it does not know, in their order.

public struct Institution: Equatable, Sendable {
    public var name = ""
    public var shortName: String?
    public var country = ""
    public var city: String?
    public var erasmusCode: String?
    /// The EWP `hei-id`: the institution's internet domain (`ruhr-uni-bochum.de`), which says
    /// which side of an IIA is the home institution's.
    public var schacCode: String?
    /// The European Commission's Participant Identification Code, 9 digits.
    public var pic: String?
    public var website: String?
    public var extra = JSONObject()

    public init() {}
}

public struct Quota: Equatable, Sendable {
    public var incoming: Int?
    public var outgoing: Int?
    public var extra = JSONObject()

    public init(incoming: Int? = nil, outgoing: Int? = nil) {
        self.incoming = incoming
        self.outgoing = outgoing
    }
}

public struct Agreement: Equatable, Sendable {
    public var id = ""
    public var kind = ""
    public var start: Day?
    public var end: Day?
    public var signingDate: Day?
    public var quota: Quota?
    public var subjectAreas: [String] = []
    public var notes: String?
    /// The agreement as an Erasmus Without Paper inter-institutional agreement, where it is one.
    public var iia: IIA?
    public var extra = JSONObject()

    public init() {}

    public static let kinds = ["memorandum-of-understanding", "student-exchange", "erasmus", "joint-degree", "research-cooperation", "other"]
}

public struct Partner: Equatable, Sendable {
    public var id = ""
    public var name = ""
    public var localName: String?
    public var shortName: String?
    public var country = ""
    public var city: String?
    public var website: String?
    public var erasmusCode: String?
    /// The EWP `hei-id`.
    public var schacCode: String?
    /// The European Commission's Participant Identification Code, 9 digits.
    public var pic: String?
    /// The partner's organisational unit this partnership is with, as EWP names it (`ounit-id`
    /// or its code), where known.
    public var organisationalUnit: String?
    public var partnershipType = ""
    public var status = ""
    public var since: Day?
    public var agreements: [Agreement] = []
    public var contactIds: [String] = []
    public var objectiveIds: [String] = []
    public var tags: [String] = []
    public var notes: String?
    public var updatedAt: String?
    public var updatedBy: String?
    public var extra = JSONObject()

    public init() {}

    public static let partnershipTypes = ["research-led", "global-engagement", "exchange", "network"]
    public static let statuses = ["active", "planned", "suspended", "ended"]

    /// The soonest agreement end on or after `today`: what "next agreement end" columns show.
    public func nextAgreementEnd(after today: Day) -> Day? {
        agreements.compactMap(\.end).filter { $0 >= today }.min()
    }
}

public struct Objective: Equatable, Sendable {
    public var id = ""
    public var title = ""
    public var description: String?
    public var order: Int?
    public var extra = JSONObject()

    public init() {}
}

public struct Event: Equatable, Sendable {
    public var id = ""
    public var title = ""
    public var kind: String?
    public var start: Day?
    public var end: Day?
    public var location: String?
    public var description: String?
    public var partnerIds: [String] = []
    public var contactIds: [String] = []
    public var objectiveIds: [String] = []
    public var extra = JSONObject()

    public init() {}

    public static let kinds = ["science-days", "delegation-visit", "conference", "workshop", "other"]

    /// Not over yet on `today`: its end (or its start, for a one-day event) is today or later.
    /// An event with neither date is not upcoming. The one rule the lists and the overview use.
    public func isUpcoming(today: Day) -> Bool {
        guard let last = end ?? start else { return false }
        return last >= today
    }
}

public struct Contact: Equatable, Sendable {
    public var id = ""
    public var name = ""
    public var role: String?
    public var unit: String?
    public var email: String?
    public var phone: String?
    public var partnerId: String?
    public var notes: String?
    public var extra = JSONObject()

    public init() {}
}

/// A whole network file.
public struct Network: Equatable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion = Network.currentSchemaVersion
    public var institution = Institution()
    public var partners: [Partner] = []
    public var objectives: [Objective] = []
    public var events: [Event] = []
    public var contacts: [Contact] = []
    public var extra = JSONObject()

    public init() {}

    /// The ids of one kind's records, in the file's order.
    public func ids(of kind: RecordKind) -> [String] {
        switch kind {
        case .partner: partners.map(\.id)
        case .objective: objectives.map(\.id)
        case .event: events.map(\.id)
        case .contact: contacts.map(\.id)
        }
    }
}

/// The four kinds of record that have ids and can be linked, listed and edited.
public enum RecordKind: String, CaseIterable, Sendable, Codable {
    case partner, objective, event, contact

    public var plural: String { rawValue + "s" }
}

public enum Record: Equatable, Sendable {
    case partner(Partner)
    case objective(Objective)
    case event(Event)
    case contact(Contact)

    public var id: String {
        switch self {
        case .partner(let record): record.id
        case .objective(let record): record.id
        case .event(let record): record.id
        case .contact(let record): record.id
        }
    }

    public var kind: RecordKind {
        switch self {
        case .partner: .partner
        case .objective: .objective
        case .event: .event
        case .contact: .contact
        }
    }

    /// The name people know the record by: a partner's or contact's name, an objective's or event's title.
    public var displayName: String {
        switch self {
        case .partner(let record): record.name
        case .objective(let record): record.title
        case .event(let record): record.title
        case .contact(let record): record.name
        }
    }
}
