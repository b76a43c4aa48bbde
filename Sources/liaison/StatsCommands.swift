import ArgumentParser
import LiaisonCore
import TerminalUI

/// `--within` and the data file: what `stats` and `expiring` both start from.
struct ExpiringOptions: ParsableArguments {
    @Option(name: .long, help: "How far ahead agreements count as ending soon (180d, 6w, 6m, 1y).")
    var within = "180d"

    @OptionGroup var dataOptions: DataOptions

    /// The network, today, and the last day of `--within`.
    func load() throws -> (network: Network, today: Day, limit: Day) {
        let limit = try parseDuration(within, option: "--within")
        return (try dataOptions.load().network, try today(), limit)
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Counts by region, country, partnership type and status, agreements by kind and end year, places per region, and agreements expiring soon.")

    @OptionGroup var options: ExpiringOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pager: PagerOptions

    func run() throws {
        pager.start()
        let (network, day, limit) = try options.load()
        let within = options.within
        let statistics = NetworkStatistics(network: network, today: day, expiringUntil: limit)
        let expiring = statistics.expiring
        let summary = statistics.partners
        let partnerGroups: [(String, PartnerSummary.Counts)] = [
            ("region", summary.byRegion), ("country", summary.byCountry), ("type", summary.byType), ("status", summary.byStatus),
        ]
        let otherGroups: [(key: String, title: String, unit: String, counts: PartnerSummary.Counts)] = [
            ("byAgreementKind", "AGREEMENT KIND", "AGREEMENTS", statistics.agreementsByKind),
            ("byEndYear", "END YEAR", "AGREEMENTS", statistics.agreementsByEndYear),
            ("byEventYear", "EVENT YEAR", "EVENTS", statistics.eventsByYear),
        ]
        if output.json {
            func counts(_ values: PartnerSummary.Counts) -> JSONValue { .object(JSONObject(values.map { ($0.0, JSONOutput.int($0.1)) })) }
            var members: [(String, JSONValue?)] = statistics.totals.map { ($0.key, JSONOutput.int($0.count)) }
            members.append(("expiringWithin", .string(within)))
            for (name, values) in partnerGroups {
                members.append(("by" + name.prefix(1).uppercased() + name.dropFirst(), counts(values)))
            }
            for group in otherGroups { members.append((group.key, counts(group.counts))) }
            members.append(("quotasByRegion", .object(JSONObject(statistics.quotasByRegion.map { totals in
                (totals.region, JSONOutput.object([("incoming", JSONOutput.int(totals.incoming)), ("outgoing", JSONOutput.int(totals.outgoing))]))
            }))))
            JSONOutput.print(JSONOutput.object(members))
            return
        }
        // The keys are the plural nouns ("partners"): "1 partner" is the key without its s.
        let totals = "\(Sanitizer.safe(network.institution.name)): " + statistics.totals.dropLast().map { Counted.text($0.count, String($0.key.dropLast()), plural: $0.key) }.joined(separator: ", ")
        Console.print(Console.width.map { TextWrap.lines(totals, width: $0).joined(separator: "\n") } ?? totals)
        Console.print("Agreements ending within \(within): \(expiring.items.count)")
        func printTable(_ title: String, _ unit: String, _ values: PartnerSummary.Counts, label: (String) -> String = { $0 }) {
            Console.print("")
            var table = Table([.name("BY " + title), .key(unit, alignRight: true)])
            for (key, count) in values { table.add([label(key), String(count)]) }
            Console.print(table.render(width: Console.width))
        }
        for (name, values) in partnerGroups {
            printTable(name.uppercased(), "PARTNERS", values, label: name == "country" ? Describe.country : { $0 })
        }
        for group in otherGroups { printTable(group.title, group.unit, group.counts) }
        Console.print("")
        var places = Table([.name("PLACES BY REGION"), .key("IN", alignRight: true), .key("OUT", alignRight: true)])
        for totals in statistics.quotasByRegion { places.add([totals.region, String(totals.incoming), String(totals.outgoing)]) }
        Console.print(places.render(width: Console.width))
    }
}

struct Expiring: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Agreements that end within a time from today, soonest first.")

    @OptionGroup var options: ExpiringOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pager: PagerOptions

    func run() throws {
        pager.start()
        let (network, day, limit) = try options.load()
        let expiring = ExpiringAgreements(network: network, today: day, until: limit)
        let within = options.within
        if output.json {
            JSONOutput.print(.array(expiring.items.map { item in
                let (partner, agreement) = (item.partner(in: network), item.agreement(in: network))
                return JSONOutput.object([("partnerId", .string(partner.id)), ("partner", .string(partner.name)),
                                   ("agreementId", .string(agreement.id)), ("kind", .string(agreement.kind)),
                                   ("end", .string(item.end.description)), ("daysLeft", JSONOutput.int(day.days(until: item.end)))])
            }))
        } else if !expiring.items.isEmpty {
            // The partner's name stays whole before the country code and the days left (the end date
            // says it) give way; the agreement's id and kind are never cut.
            var table = Table([.key("END"), Table.Column.key("LEFT", alignRight: true).leftOut(rank: 2), .name("PARTNER"),
                               Table.Column.key("COUNTRY").leftOut(rank: 1), .key("AGREEMENT"), .key("KIND")])
            for item in expiring.items {
                let (partner, agreement) = (item.partner(in: network), item.agreement(in: network))
                table.add([item.end.description, Describe.daysLeft(item.end, today: day), partner.name, partner.country,
                           agreement.id, agreement.kind])
            }
            Console.print(table.render(width: Console.width))
        }
        if expiring.items.isEmpty { throw CLIFailure.notFound("no agreement ends within \(within)") }
    }
}
