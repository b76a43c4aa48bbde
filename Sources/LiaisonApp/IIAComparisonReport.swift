import Foundation
import LiaisonCore
import LiaisonInterchange

/// Which agreement's IIA to compare: a partner's, and the agreement chosen in its detail (nil:
/// the one the partner's file names by iia-id, else the partner's only IIA, as `liaison ewp
/// diff PARTNER FILE` chooses).
public struct IIAComparisonTarget: Equatable, Sendable {
    public var partnerID: String
    public var agreementID: String?

    public init(partnerID: String, agreementID: String?) {
        self.partnerID = partnerID
        self.agreementID = agreementID
    }
}

/// What the comparison view shows: a title and the lines `liaison ewp diff` prints.
public struct IIAComparisonReport: Equatable, Sendable {
    public var title: String
    public var lines: [IIACopyComparison.ReportLine]
    public var hashesMatch: Bool

    public init(title: String, lines: [IIACopyComparison.ReportLine], hashesMatch: Bool) {
        self.title = title
        self.lines = lines
        self.hashesMatch = hashesMatch
    }
}

extension IIAComparisonReport {
    /// A partner's file that breaks its XSD is not compared; the view lists its problems as
    /// `liaison ewp diff` does (FILE:LINE, the element's path, the rule), one a line.
    static func brokenFile(_ path: String, _ problems: [EWPSchemaProblem]) -> IIAComparisonReport {
        let heading = IIACopyComparison.ReportLine(
            text: "Not compared: the file does not follow the IIA get-response XSD (\(Counted.text(problems.count, "problem"))):", kind: .disagreement)
        return IIAComparisonReport(title: "\(path): not an IIA get-response as the XSD defines it",
                                   lines: [heading] + problems.map { IIACopyComparison.ReportLine(text: "  \($0)", kind: .difference) },
                                   hashesMatch: false)
    }

    /// Reads the partner's file and compares: the same choice of agreement and the same lines
    /// as `liaison ewp diff`.
    static func make(_ target: IIAComparisonTarget, path: String, network: Network) -> Result<IIAComparisonReport, IIAComparisonFailure> {
        guard let partner = network.partners.first(where: { $0.id == target.partnerID }) else {
            return .failure(IIAComparisonFailure("\(target.partnerID) no longer exists"))
        }
        do {
            let theirs = try IIADiff.read(path: path)
            let agreement: Agreement
            if let id = target.agreementID, let chosen = partner.agreements.first(where: { $0.id == id }) {
                agreement = chosen
            } else if let named = IIADiff.agreement(of: partner, matching: theirs, ourHeiID: try IIADiff.ourHeiID(in: network)) {
                agreement = named
            } else {
                return .failure(IIAComparisonFailure("\(path): no IIA there has the iia-id of one agreement of \(partner.id); select the agreement in the detail"))
            }
            let comparison = try IIADiff.compare(agreement, of: partner, in: network, with: theirs, file: path)
            return .success(IIAComparisonReport(title: comparison.title, lines: comparison.reportLines, hashesMatch: comparison.hashesMatch))
        } catch where !error.problems.isEmpty {
            return .success(brokenFile(path, error.problems))
        } catch {
            return .failure(IIAComparisonFailure(error.description))
        }
    }
}
