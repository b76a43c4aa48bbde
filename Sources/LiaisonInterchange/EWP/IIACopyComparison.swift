import LiaisonCore

/// Our copy of an IIA beside the partner's copy from a get-response: both hashes, whether they
/// match, and the differences in words (`IIAComparison`). `liaison ewp diff` and the dashboard's
/// comparison view both show this.
///
/// The v7 hash names the iia-ids by their partner's position in the document (`iia-id_1`,
/// `iia-id_2`), and a partner serves its IIAs with itself first. So our copy is hashed as the
/// partner's document orders the institutions: equal terms then give equal hashes.
public struct IIACopyComparison: Sendable {
    public let parties: IIAParties
    public let ours: IIA
    public let theirs: IIA
    /// The kit's hash of our copy, written by `IIAResponseWriter` in the partner's order.
    public let ourHash: String
    /// The kit's hash of the partner's `<iia>` as it stands in their file.
    public let theirHash: String
    /// The `iia-hash` their file states (which a correct file has equal to `theirHash`).
    public let theirStatedHash: String?
    /// The line of the partner's `<iia>` in their file.
    public let theirLine: Int
    public let comparison: IIAComparison

    public var hashesMatch: Bool { ourHash == theirHash }
    /// Their file states a hash its content does not have.
    public var statedHashDiffers: Bool { theirStatedHash.map { $0.lowercased() != theirHash } ?? false }

    /// Nil when neither institution of the partner's IIA is `ourHeiID`, or both are; an error
    /// when our copy holds a value XML cannot carry, so that it has no hash.
    public init?(ours: IIA, ourHeiID: String, theirs exchanged: ExchangedIIA, network: Network? = nil, partner: Partner? = nil)
        throws(IIAResponseWriter.Unwritable) {
        guard let (theirs, partnerHeiID) = exchanged.iia(ourHeiID: ourHeiID) else { return nil }
        let parties = network.map { IIAParties(ourHeiID: ourHeiID, partnerHeiID: partnerHeiID, network: $0, partner: partner) }
            ?? IIAParties(ourHeiID: ourHeiID, partnerHeiID: partnerHeiID)
        self.parties = parties
        self.ours = ours
        self.theirs = theirs
        let weComeFirst = exchanged.parties.first.map { SCHACCode.same($0.heiID, ourHeiID) } ?? true
        ourHash = try IIAResponseWriter.hash(weComeFirst
            ? IIAResponseWriter.Item(iia: ours, ourHeiID: ourHeiID, partnerHeiID: partnerHeiID)
            : IIAResponseWriter.Item(iia: ours.sidesSwapped, ourHeiID: partnerHeiID, partnerHeiID: ourHeiID)).hash
        theirHash = exchanged.computedHash.hash
        theirStatedHash = exchanged.statedHash
        theirLine = exchanged.line
        comparison = IIAComparison(ours: ours, theirs: theirs, parties: parties)
    }

    /// The IIA of a get-response that is the same agreement as `ours`: the one sharing an
    /// iia-id with it, else the only one in the file.
    public static func counterpart(of ours: IIA, ourHeiID: String, in iias: [ExchangedIIA]) -> ExchangedIIA? {
        let sameAgreement = iias.filter { $0.isCopy(of: ours, ourHeiID: ourHeiID) }
        if sameAgreement.count == 1 { return sameAgreement[0] }
        return sameAgreement.isEmpty && iias.count == 1 ? iias[0] : nil
    }
}

extension IIACopyComparison {
    /// "rub-2025-17 (ours) / H-991 (theirs)": the agreement by both institutions' ids.
    public var title: String {
        let ids = [(ours.ours?.iiaId ?? theirs.ours?.iiaId).map { "\($0) (\(parties.ourName))" },
                   (theirs.theirs?.iiaId ?? ours.theirs?.iiaId).map { "\($0) (\(parties.partnerName))" }].compactMap { $0 }
        return "IIA " + (ids.isEmpty ? "without iia-ids" : ids.joined(separator: " / ")) + ", \(parties.ourName) with \(parties.partnerName)"
    }

    /// One line of the comparison for people, with what it says, so that a front end can
    /// colour it: the verdict, a heading, a difference.
    public struct ReportLine: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case hash, agreement, disagreement, heading, difference }
        public let text: String
        public let kind: Kind

        public init(text: String, kind: Kind) {
            self.text = text
            self.kind = kind
        }
    }

    /// The comparison as lines for people, the same in the CLI and the dashboard: the hashes,
    /// whether they match, the differences the hash sees and those it does not (indented).
    public var reportLines: [ReportLine] {
        var lines = [ReportLine(text: "our hash:   \(ourHash)", kind: .hash), ReportLine(text: "their hash: \(theirHash)", kind: .hash)]
        if statedHashDiffers, let stated = theirStatedHash {
            lines.append(ReportLine(text: "Their file states iia-hash \(stated), which is not the hash of its content.", kind: .disagreement))
        }
        let hashed = comparison.hashed, notInHash = comparison.notInHash
        if hashesMatch {
            lines.append(ReportLine(text: "The hashes match: the copies agree in everything the hash covers.", kind: .agreement))
        } else if hashed.isEmpty {
            lines.append(ReportLine(text: "The hashes differ, but no field does: a value is written differently (spaces, letter case) in one copy.",
                                    kind: .disagreement))
        } else {
            lines.append(ReportLine(text: "The hashes differ: \(Counted.text(hashed.count, "difference")) the hash covers:", kind: .disagreement))
            lines += hashed.map { ReportLine(text: "  " + $0, kind: .difference) }
        }
        if !notInHash.isEmpty {
            lines.append(ReportLine(text: "Not in the hash (these do not change it):", kind: .heading))
            lines += notInHash.map { ReportLine(text: "  " + $0, kind: .difference) }
        }
        return lines
    }
}

extension ExchangedIIA {
    /// Whether this is a copy of the agreement `ours`: one side's iia-id is the same in both.
    func isCopy(of ours: IIA, ourHeiID: String) -> Bool {
        iia(ourHeiID: ourHeiID).map { ours.sharesID(with: $0.iia) } ?? false
    }
}

extension IIA {
    /// The IIA seen from the partner: their side ours and ours theirs.
    var sidesSwapped: IIA {
        var swapped = self
        swapped.ours = theirs
        swapped.theirs = ours
        return swapped
    }
}
