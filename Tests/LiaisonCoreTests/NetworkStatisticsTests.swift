import LiaisonCore
import Testing

@Suite struct NetworkStatisticsTests {
    static func agreement(_ kind: String, _ start: String?, _ end: String?, in quotaIn: Int?, out quotaOut: Int?) -> Agreement {
        var agreement = Agreement()
        agreement.id = "\(kind)-\(end ?? "open")"
        agreement.kind = kind
        agreement.start = start.flatMap { Day($0) }
        agreement.end = end.flatMap { Day($0) }
        if quotaIn != nil || quotaOut != nil { agreement.quota = Quota(incoming: quotaIn, outgoing: quotaOut) }
        return agreement
    }

    @Test func agreementsByKindAndEndYearAndPlacesInForce() throws {
        var network = Network()
        var europe = Partner()
        europe.id = "a"
        europe.country = "PL"
        europe.agreements = [
            Self.agreement("erasmus", "2020-01-01", "2025-12-31", in: 10, out: 10), // ended: its places do not count
            Self.agreement("erasmus", "2021-01-01", "2027-06-30", in: 4, out: 2),
            Self.agreement("student-exchange", "2027-01-01", nil, in: 9, out: 9), // not yet started
        ]
        var asia = Partner()
        asia.id = "b"
        asia.country = "JP"
        asia.agreements = [Self.agreement("student-exchange", nil, nil, in: 3, out: nil)]
        var unknown = Partner()
        unknown.id = "c"
        unknown.country = "XX"
        network.partners = [europe, asia, unknown]
        var event = Event()
        event.start = Day("2026-05-01")
        network.events = [event, Event()]

        let today = try #require(Day("2026-11-24"))
        let statistics = NetworkStatistics(network: network, today: today, expiringUntil: try #require(Day("2027-11-24")))
        #expect(statistics.agreementsByKind.map { "\($0.value)=\($0.count)" } == ["erasmus=2", "student-exchange=2"])
        #expect(statistics.agreementsByEndYear.map { "\($0.value)=\($0.count)" } == ["2025=1", "2027=1", "open-ended=2"])
        #expect(statistics.eventsByYear.map { "\($0.value)=\($0.count)" } == ["2026=1", "undated=1"])
        #expect(statistics.quotasByRegion == [.init(region: "Asia", incoming: 3, outgoing: 0), .init(region: "Europe", incoming: 4, outgoing: 2),
                                              .init(region: "unknown", incoming: 0, outgoing: 0)])
        #expect(statistics.expiring.items.map { $0.agreement(in: network).id } == ["erasmus-2027-06-30"])
        #expect(statistics.totals.map(\.key) == ["partners", "agreements", "objectives", "events", "contacts", "expiring"])
        #expect(statistics.totals.map(\.count) == [3, 4, 0, 2, 0, 1])
    }
}
