import Foundation
import LiaisonCore

/// Which copies `liaison ewp diff` and the dashboard's comparison view put side by side: an
/// agreement of the network against the partner's get-response, or two get-responses, ours and
/// the partner's, their IIAs paired by iia-id.
public enum IIADiff {
    /// Why nothing could be compared, in plain words naming the file or the record.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
        /// Where a file breaks its XSD, when that is why (each also in `description`).
        public var problems: [EWPSchemaProblem] = []

        init(description: String) {
            self.description = description
        }

        init(file: String, problems: [EWPSchemaProblem]) {
            description = "\(file) does not follow its XSD (\(Counted.text(problems.count, "problem"))), so it is not compared:\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
            self.problems = problems
        }
    }

    /// Whether OURS, naming no file that exists, was meant as one: it has a `/` or ends in
    /// `.xml`, which no record id does. Then the missing file is named, not a missing record.
    public static func looksLikePath(_ argument: String) -> Bool {
        argument.contains("/") || argument.lowercased().hasSuffix(".xml")
    }

    /// The IIAs of a get-response file. A file that breaks the XSD is refused as `ewp import`
    /// refuses it (`EWPSchemaCheck`): a missing `<in-effect>` or a CEFR level "B7" is no
    /// difference in terms but a broken file, and is said so.
    public static func read(path: String) throws(Failure) -> [ExchangedIIA] {
        let bytes: [UInt8]
        // The error names the file and why it cannot be read.
        do { bytes = try FileContents.read(path) } catch { throw Failure(description: "\(error)") }
        let document: EWPXMLElement
        do { document = try EWPXMLElement.parseDocument(Data(bytes), source: path) } catch { throw Failure(description: error.description) }
        guard document.name == "iias-get-response" else {
            throw Failure(description: "\(path): not an IIA get-response (its root element is <\(document.name)>, not <iias-get-response>)")
        }
        let problems = EWPSchemaCheck.problems(in: document, file: path)
        if !problems.isEmpty { throw Failure(file: path, problems: problems) }
        let iias = IIAResponseReader.iias(in: document)
        if iias.isEmpty { throw Failure(description: "\(path): the get-response holds no <iia>") }
        return iias
    }

    /// The home institution's `hei-id`, which every comparison with the network needs.
    public static func ourHeiID(in network: Network) throws(Failure) -> String {
        guard let heiID = network.institution.heiID else {
            throw Failure(description: "the institution has no SCHAC code (EWP hei-id) and no website to take it from: set institution.schacCode")
        }
        return heiID
    }

    /// The agreement's IIA against the same agreement in the partner's file.
    public static func compare(_ agreement: Agreement, of partner: Partner, in network: Network,
                               with theirs: [ExchangedIIA], file: String) throws(Failure) -> IIACopyComparison {
        guard let ours = agreement.iia else {
            throw Failure(description: "agreement \(agreement.id) of \(partner.id) has no EWP IIA to compare (import one with liaison ewp import)")
        }
        if let unwritable = partner.iiaValueXMLCannotCarry(agreementID: agreement.id) {
            throw Failure(description: "our hash cannot be made: " + unwritable.description)
        }
        let ourHeiID = try ourHeiID(in: network)
        guard let counterpart = IIACopyComparison.counterpart(of: ours, ourHeiID: ourHeiID, in: theirs) else {
            let ids = [ours.ours?.iiaId, ours.theirs?.iiaId].compactMap { $0 }
            throw Failure(description: "\(file): no IIA of \(ourHeiID) there has the iia-id of agreement \(agreement.id)"
                + (ids.isEmpty ? " (which has none)" : " (\(ids.joined(separator: " or ")))"))
        }
        let made: IIACopyComparison?
        do {
            made = try IIACopyComparison(ours: ours, ourHeiID: ourHeiID, theirs: counterpart, network: network, partner: partner)
        } catch {
            throw Failure(description: "our hash cannot be made: " + error.description)
        }
        guard let comparison = made else {
            throw Failure(description: "\(file), line \(counterpart.line): the IIA is between \(counterpart.parties.map(\.heiID).joined(separator: " and ")), not with \(ourHeiID)")
        }
        if let partnerHeiID = partner.heiID, !SCHACCode.same(partnerHeiID, comparison.parties.partnerHeiID) {
            throw Failure(description: "\(file), line \(counterpart.line): the IIA is with \(comparison.parties.partnerHeiID), but \(partner.id) is \(partnerHeiID)")
        }
        return comparison
    }

    /// The partner's agreement that is the IIA in the file: the one sharing an iia-id with an
    /// IIA there, else its only agreement with an IIA.
    public static func agreement(of partner: Partner, matching theirs: [ExchangedIIA], ourHeiID: String) -> Agreement? {
        let withIIA = partner.agreements.filter { $0.iia != nil }
        let matching = withIIA.filter { agreement in
            theirs.contains { $0.isCopy(of: agreement.iia!, ourHeiID: ourHeiID) }
        }
        if matching.count == 1 { return matching[0] }
        return matching.isEmpty && withIIA.count == 1 ? withIIA[0] : nil
    }

    /// Two get-responses, ours and the partner's: each IIA of ours with the partner's IIA of
    /// the same iia-id (or the only ones of both files). Ours is the network's institution
    /// where it is a party, else the first partner of our file, who served it.
    public struct FilePairs: Sendable {
        public var comparisons: [IIACopyComparison] = []
        /// IIAs of one file that have no counterpart in the other, by their line.
        public var unmatchedOurs: [ExchangedIIA] = []
        public var unmatchedTheirs: [ExchangedIIA] = []

        public init(comparisons: [IIACopyComparison] = []) {
            self.comparisons = comparisons
        }
    }

    /// An IIA of our file that cannot be hashed (which a file that parsed as XML cannot hold)
    /// is an error, never a comparison with a wrong hash.
    public static func compare(ours ourFile: [ExchangedIIA], theirs theirFile: [ExchangedIIA], network: Network?) throws(Failure) -> FilePairs {
        var pairs = FilePairs()
        var freeTheirs = theirFile
        let networkHeiID = network?.institution.heiID
        for exchanged in ourFile {
            let ourHeiID = networkHeiID.flatMap { id in exchanged.parties.contains { SCHACCode.same($0.heiID, id) } ? id : nil }
                ?? exchanged.parties.first?.heiID ?? ""
            guard let ours = exchanged.iia(ourHeiID: ourHeiID)?.iia,
                  let counterpart = counterpart(of: ours, ourHeiID: ourHeiID, among: freeTheirs, alone: ourFile.count == 1) else {
                pairs.unmatchedOurs.append(exchanged)
                continue
            }
            let made: IIACopyComparison?
            do {
                made = try IIACopyComparison(ours: ours, ourHeiID: ourHeiID, theirs: counterpart, network: network)
            } catch {
                throw Failure(description: "line \(exchanged.line): our hash cannot be made: " + error.description)
            }
            guard let comparison = made else {
                pairs.unmatchedOurs.append(exchanged)
                continue
            }
            pairs.comparisons.append(comparison)
            freeTheirs.removeAll { $0.line == counterpart.line }
        }
        pairs.unmatchedTheirs = freeTheirs
        return pairs
    }

    /// The partner's IIA sharing an iia-id with ours; when each file holds one IIA, that one,
    /// whose differing ids the comparison then shows.
    private static func counterpart(of ours: IIA, ourHeiID: String, among theirs: [ExchangedIIA], alone: Bool) -> ExchangedIIA? {
        if alone && theirs.count == 1 { return theirs[0] }
        let sameAgreement = theirs.filter { $0.isCopy(of: ours, ourHeiID: ourHeiID) }
        return sameAgreement.count == 1 ? sameAgreement[0] : nil
    }
}
