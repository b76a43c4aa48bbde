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
        } catch {
            return .failure(IIAComparisonFailure(error.description))
        }
    }
}
