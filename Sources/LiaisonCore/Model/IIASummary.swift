/// An IIA as short lines for people, for the detail of its agreement: its ids and state, who
/// signed when, and one line per mobility specification.
public enum IIASummary {
    public static func lines(_ iia: IIA, parties: IIAParties) -> [String] {
        let sides = [(iia.ours, parties.ourName), (iia.theirs, parties.partnerName)]
        let ids = sides.compactMap { side, name in side?.iiaId.map { "\($0) (\(name))" } }
        var state = [iia.inEffect == true ? "in effect" : "not in effect"]
        if iia.terminatedAsAWhole == true { state.append("terminated") }
        var lines = ["EWP IIA " + (ids.isEmpty ? "without ids" : ids.joined(separator: " / ")) + " · " + state.joined(separator: ", ")]
        let signatures = sides.map { side, name in
            "\(name) " + (side?.signingDate.map { day in day.description + (side?.signerName.map { " (\($0))" } ?? "") } ?? "not yet")
        }
        lines.append("signed: " + signatures.joined(separator: ", "))
        lines += iia.mobilities.map { line($0, parties: parties) }
        return lines
    }

    /// "student studies, RUB to UJ, 2025/2026-2028/2029: 2 a year, 10 months, EQF 6 7, ISCED 0314 (Sociology)".
    static func line(_ mobility: MobilitySpecification, parties: IIAParties) -> String {
        var terms: [String] = []
        if let count = mobility.mobilitiesPerYear { terms.append("\(count) a year") }
        if let months = mobility.totalMonthsPerYear { terms.append("\(months) months") }
        if let days = mobility.totalDaysPerYear { terms.append("\(days) days") }
        if mobility.blended == true { terms.append("blended") }
        if !mobility.eqfLevels.isEmpty { terms.append("EQF " + mobility.eqfLevels.map(String.init).joined(separator: " ")) }
        if !mobility.subjectAreas.isEmpty { terms.append("ISCED " + mobility.subjectAreas.map(IIAHashCoverage.text).joined(separator: ", ")) }
        let languages = IIAHashCoverage.elementTexts("languageSkills", of: mobility) ?? []
        if !languages.isEmpty { terms.append("languages " + languages.joined(separator: ", ")) }
        let name = IIAComparison.describe(mobility, parties: parties, withYears: true)
        return name + (terms.isEmpty ? "" : ": " + terms.joined(separator: ", "))
    }
}

extension Network {
    /// The institutions of an IIA of a partner's agreement, as the network names them.
    public func iiaParties(of partner: Partner) -> IIAParties {
        IIAParties(ourHeiID: institution.heiID ?? "", partnerHeiID: partner.heiID ?? "", network: self, partner: partner)
    }
}
