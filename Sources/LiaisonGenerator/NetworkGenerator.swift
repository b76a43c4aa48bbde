import LiaisonCore

/// Makes a synthetic partner network for benchmarks and load tests: `liaison-bench generate N`.
/// The same seed gives the same network. Names mix Latin with diacritics, CJK, Cyrillic, Greek
/// and Korean scripts, so display width is exercised. The data is made up; it is for measuring,
/// not for reading.
///
/// A port of the project's former Python generator with the same shape and proportions: partners
/// spread evenly over 20 countries on six continents, 0–4 agreements each with ends spread over
/// 2006–2032, one contact per 10 partners, one event per 20, five objectives, and links among them.
public enum NetworkGenerator {
    /// `withIIAs: false` gives the shape before Erasmus agreements carried EWP IIAs (the shape
    /// issue 11's targets were set on: 146 MB at 100,000 partners); the rest of the network is
    /// the same, since IIAs are made without draws.
    public static func network(partners count: Int, seed: UInt64 = 1, withIIAs: Bool = true) -> Network {
        precondition(count >= 0, "a network of \(count) partners")
        var random = SeededRandom(seed: seed)
        var network = Network()
        network.institution.name = "Ruhr-Universität Bochum"
        network.institution.shortName = "RUB"
        network.institution.country = "DE"
        network.institution.city = "Bochum"
        network.institution.website = "https://www.ruhr-uni-bochum.de"
        network.objectives = objectives
        network.contacts = (0..<max(5, count / 10)).map { contact($0, &random) }
        network.partners.reserveCapacity(count)
        for index in 0..<count {
            network.partners.append(partner(index, contacts: network.contacts, withIIAs: withIIAs, &random))
        }
        network.events = (0..<max(3, count / 20)).map { index in
            event(index, partners: network.partners, contacts: network.contacts, &random)
        }
        return network
    }

    // MARK: records

    static let objectives: [Objective] = [
        "Integrate researchers into top-level international research",
        "Promote intercultural understanding and competences",
        "Early and continuous international experience for students",
        "Accept international responsibility in global engagement",
        "Attract international students and researchers",
    ].enumerated().map { offset, title in
        var objective = Objective()
        objective.id = "o-\(offset + 1)"
        objective.title = title
        objective.description = title + "."
        objective.order = offset + 1
        return objective
    }

    static func contact(_ index: Int, _ random: inout SeededRandom) -> Contact {
        var contact = Contact()
        contact.id = "c-\(index)"
        contact.name = "Contact \(index) Ä\(Character(Unicode.Scalar(0x4E00 + UInt32(index % 500))!))"
        contact.role = random.pick(["coordinator", "rector's delegate", "advisor"])
        contact.unit = "International Office"
        contact.email = "contact\(index)@example.org"
        contact.phone = "+49 234 32-" + zeroPadded(index, 5)
        return contact
    }

    static func partner(_ index: Int, contacts: [Contact], withIIAs: Bool, _ random: inout SeededRandom) -> Partner {
        let country = random.pick(countries)
        let city = random.pick(country.cities)
        let stem = random.pick(stems)
        var partner = Partner()
        partner.id = "p-\(index)"
        partner.name = "\(stem.before)\(city)\(stem.after) \(index)"
        partner.country = country.code
        partner.city = city
        partner.website = "https://www.univ\(index).example.org"
        partner.agreements = (0..<random.int(in: 0...4)).map { agreement(partner: index, number: $0, withIIA: withIIAs, &random) }
        partner.partnershipType = random.pick(partnershipTypes)
        partner.status = random.pick(statuses)
        partner.since = date(years: 1980...2026, &random)
        partner.contactIds = random.distinct(min(2, contacts.count), of: contacts.count).map { contacts[$0].id }
        partner.objectiveIds = random.sample(random.int(in: 0...3), of: objectives).map(\.id)
        partner.tags = random.sample(random.int(in: 0...3), of: words)
        partner.notes = text(words: random.int(in: 0...30), &random)
        partner.updatedAt = "2026-01-01T00:00:00Z"
        partner.updatedBy = "gen"
        return partner
    }

    static func agreement(partner: Int, number: Int, withIIA: Bool, _ random: inout SeededRandom) -> Agreement {
        var agreement = Agreement()
        agreement.id = "a-\(partner)-\(number)"
        agreement.kind = random.pick(agreementKinds)
        let start = date(years: 2005...2026, &random)
        agreement.start = start
        // The same day of the month 1–6 years later: days stop at 28, so it always exists.
        agreement.end = Day(year: start.year + random.int(in: 1...6), month: start.month, day: start.day)
        agreement.quota = Quota(incoming: random.int(in: 0...10), outgoing: random.int(in: 0...10))
        agreement.subjectAreas = random.sample(random.int(in: 0...3), of: subjectAreas)
        agreement.notes = ""
        if withIIA && agreement.kind == "erasmus" { agreement.iia = iia(partner: partner, number: number, agreement) }
        return agreement
    }

    /// An Erasmus agreement's IIA: students both ways for the agreement's academic years, as many
    /// as its quota. Made from the agreement alone, with no draws, so that the rest of a seed's
    /// network is what it was before networks had IIAs.
    static func iia(partner: Int, number: Int, _ agreement: Agreement) -> IIA {
        let home = "ruhr-uni-bochum.de", partnerHeiID = "univ\(partner).example.org"
        var iia = IIA()
        var ours = IIASide(), theirs = IIASide()
        ours.iiaId = "rub-\(partner)-\(number)"
        theirs.iiaId = "P\(partner)/\(number)"
        ours.signingDate = agreement.start
        iia.ours = ours
        iia.theirs = theirs
        iia.inEffect = true
        let first = agreement.start.map(AcademicYear.init(containing:)) ?? AcademicYear(startYear: 2026)
        let last = agreement.end.map(AcademicYear.init(containing:)).map { max($0, first) } ?? first
        iia.mobilities = [(home, partnerHeiID, agreement.quota?.outgoing), (partnerHeiID, home, agreement.quota?.incoming)].map { sending, receiving, count in
            var mobility = MobilitySpecification()
            mobility.kind = "student-studies"
            mobility.sending = sending
            mobility.receiving = receiving
            mobility.firstAcademicYear = first.description
            mobility.lastAcademicYear = last.description
            mobility.mobilitiesPerYear = max(1, count ?? 1)
            mobility.totalMonthsPerYear = "10"
            mobility.blended = false
            mobility.eqfLevels = [6, 7]
            mobility.subjectAreas = agreement.subjectAreas.map { SubjectArea(code: $0) }
            var english = LanguageSkill()
            english.language = "en"
            english.cefrLevel = "B2"
            mobility.languageSkills = [english]
            return mobility
        }
        return iia
    }

    static func event(_ index: Int, partners: [Partner], contacts: [Contact], _ random: inout SeededRandom) -> Event {
        var event = Event()
        event.id = "e-\(index)"
        event.title = "\(random.pick(["Japan", "China", "Poland", "Brazil", "Ghana"])) Science Days \(2000 + index % 27)"
        event.start = date(years: 2000...2027, &random)
        event.location = random.pick(["Bochum", "東京", "Kraków"])
        event.description = text(words: 20, &random)
        event.partnerIds = random.distinct(min(3, partners.count), of: partners.count).map { partners[$0].id }
        event.contactIds = [random.pick(contacts).id]
        event.objectiveIds = [random.pick(objectives).id]
        return event
    }

    // MARK: pieces

    /// A day in the given years; days stop at 28, so every month has it.
    static func date(years: ClosedRange<Int>, _ random: inout SeededRandom) -> Day {
        let year = random.int(in: years)
        let month = random.int(in: 1...12)
        return Day(year: year, month: month, day: random.int(in: 1...28))!
    }

    /// Words drawn with repetition, separated by spaces.
    static func text(words count: Int, _ random: inout SeededRandom) -> String {
        var text = ""
        for index in 0..<count {
            if index > 0 { text += " " }
            text += random.pick(words)
        }
        return text
    }

    static func zeroPadded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    struct Country {
        let code: String
        let cities: [String]
    }

    static let countries: [Country] = [
        Country(code: "DE", cities: ["Köln", "München", "Düsseldorf"]),
        Country(code: "FR", cities: ["Lyon", "Besançon", "Orléans"]),
        Country(code: "PL", cities: ["Kraków", "Łódź", "Wrocław"]),
        Country(code: "GB", cities: ["Leeds", "York", "Bath"]),
        Country(code: "ES", cities: ["Málaga", "León", "Cádiz"]),
        Country(code: "JP", cities: ["東京", "京都", "仙台"]),
        Country(code: "CN", cities: ["北京", "上海", "南京"]),
        Country(code: "KR", cities: ["서울", "부산", "대전"]),
        Country(code: "IN", cities: ["Chennai", "Pune", "Delhi"]),
        Country(code: "RU", cities: ["Москва", "Казань", "Томск"]),
        Country(code: "GR", cities: ["Αθήνα", "Πάτρα", "Βόλος"]),
        Country(code: "US", cities: ["Boston", "Austin", "Denver"]),
        Country(code: "CA", cities: ["Montréal", "Québec", "Toronto"]),
        Country(code: "BR", cities: ["São Paulo", "Belém", "Brasília"]),
        Country(code: "ZA", cities: ["Durban", "Pretoria", "Cape Town"]),
        Country(code: "GH", cities: ["Accra", "Kumasi", "Tamale"]),
        Country(code: "AU", cities: ["Perth", "Hobart", "Sydney"]),
        Country(code: "IL", cities: ["Haifa", "Tel Aviv", "Be'er Sheva"]),
        Country(code: "TR", cities: ["İstanbul", "İzmir", "Ankara"]),
        Country(code: "CL", cities: ["Valparaíso", "Concepción", "Santiago"]),
    ]

    /// Institution names around the city: what comes before it and after it.
    static let stems: [(before: String, after: String)] = [
        ("University of ", ""), ("", " Institute of Technology"), ("Universität ", ""), ("Université de ", ""),
        ("", " National University"), ("Technische Hochschule ", ""), ("", " University of Science"), ("Escuela Superior de ", ""),
    ]

    /// Written out rather than taken from the model's lists, so that a seed keeps giving the same network.
    static let partnershipTypes = ["research-led", "global-engagement", "exchange", "network"]
    /// Half the partners active, as in a real office's list.
    static let statuses = ["active", "active", "active", "planned", "suspended", "ended"]
    static let agreementKinds = ["memorandum-of-understanding", "student-exchange", "erasmus", "joint-degree", "research-cooperation"]
    static let subjectAreas = ["0111", "0231", "0411", "0533", "0588", "0610", "0713", "0912"]
    static let words = ["quantum", "materials", "ruhr", "climate", "energy", "robotics", "medicine", "law",
                        "history", "linguistics", "japan", "security", "data"]
}
