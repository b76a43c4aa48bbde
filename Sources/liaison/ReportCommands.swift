import ArgumentParser
import LiaisonCore
import TerminalUI

/// `--within` and the data file: what `stats` and `expiring` both start from.
struct ExpiringOptions: ParsableArguments {
    @Option(name: .long, help: "How far ahead agreements count as ending soon (180d, 6w, 6m, 1y).")
    var within = "180d"

    @OptionGroup var dataOptions: DataOptions

    /// The network, today, and the agreements ending between today and `--within`.
    func load() throws -> (network: Network, today: Day, expiring: ExpiringAgreements) {
        let limit = try parseDuration(within, option: "--within")
        let network = try dataOptions.load().network
        let day = try today()
        return (network, day, ExpiringAgreements(network: network, today: day, until: limit))
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Counts by region, country, partnership type and status, and agreements expiring soon.")

    @OptionGroup var options: ExpiringOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (network, _, expiring) = try options.load()
        let within = options.within
        let summary = PartnerSummary(network: network)
        let groups: [(String, PartnerSummary.Counts)] = [
            ("region", summary.byRegion), ("country", summary.byCountry), ("type", summary.byType), ("status", summary.byStatus),
        ]
        let totals: [(String, Int)] = [("partners", network.partners.count), ("agreements", summary.agreements),
                                       ("objectives", network.objectives.count), ("events", network.events.count), ("contacts", network.contacts.count),
                                       ("expiring", expiring.items.count)]
        if output.json {
            var members: [(String, JSONValue?)] = totals.map { ($0.0, JSONOutput.int($0.1)) }
            members.append(("expiringWithin", .string(within)))
            for (name, values) in groups {
                members.append(("by" + name.prefix(1).uppercased() + name.dropFirst(), .object(JSONObject(values.map { ($0.0, JSONOutput.int($0.1)) }))))
            }
            JSONOutput.print(JSONOutput.object(members))
            return
        }
        // The keys are the plural nouns ("partners"): "1 partner" is the key without its s.
        Console.print("\(Sanitizer.safe(network.institution.name)): " + totals.dropLast().map { Counted.text($0.1, String($0.0.dropLast()), plural: $0.0) }.joined(separator: ", "))
        Console.print("Agreements ending within \(within): \(expiring.items.count)")
        for (name, values) in groups {
            Console.print("")
            var table = Table([.init(title: "BY " + name.uppercased()), .init(title: "PARTNERS", alignRight: true, flexible: false)])
            for (key, count) in values {
                table.add([name == "country" ? Describe.country(key) : key, String(count)])
            }
            Console.print(table.render(width: Console.width))
        }
    }
}

struct Expiring: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Agreements that end within a time from today, soonest first.")

    @OptionGroup var options: ExpiringOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (_, day, expiring) = try options.load()
        let within = options.within
        if output.json {
            JSONOutput.print(.array(expiring.items.map { item in
                JSONOutput.object([("partnerId", .string(item.partner.id)), ("partner", .string(item.partner.name)),
                                   ("agreementId", .string(item.agreement.id)), ("kind", .string(item.agreement.kind)),
                                   ("end", .string(item.end.description)), ("daysLeft", JSONOutput.int(day.days(until: item.end)))])
            }))
        } else if !expiring.items.isEmpty {
            var table = Table([.init(title: "END", flexible: false), .init(title: "LEFT", alignRight: true, flexible: false),
                               .init(title: "PARTNER"), .init(title: "COUNTRY", flexible: false), .init(title: "AGREEMENT"), .init(title: "KIND")])
            for item in expiring.items {
                table.add([item.end.description, Describe.daysLeft(item.end, today: day), item.partner.name, item.partner.country,
                           item.agreement.id, item.agreement.kind])
            }
            Console.print(table.render(width: Console.width))
        }
        if expiring.items.isEmpty { throw CLIFailure.notFound("no agreement ends within \(within)") }
    }
}
