import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonInterchange

/// `liaison ewp diff`: our copy of an IIA beside the partner's, with both v7 hashes and the
/// differences in words (`IIACopyComparison`).
struct EWPDiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare our copy of an IIA with the partner's: both hashes, and why they differ.",
        discussion: """
        OURS is our get-response file (an existing file, or any argument with a / or ending in \
        .xml), or an agreement id, or a partner (id or name), whose IIA in the network is compared. For a partner, the agreement is the one \
        sharing an iia-id with the partner's file, else its only agreement with an IIA. \
        PARTNER.xml is the partner's IIA v7 get-response; with several IIAs in a file, they are \
        paired by iia-id. Both files are checked against the IIA get-response v7 XSD first, \
        as ewp import checks them: a file that breaks it is refused with its problems \
        (FILE:LINE, the element's path, the rule) and nothing is compared.
        Our copy is hashed as the official v7 kit does, with the institutions in the order of \
        the partner's file (the hash names iia-ids by position), so equal terms give equal \
        hashes. Differences the hash ignores (IIA codes, signatures, in-effect, the PDF) are \
        listed apart.
        Exit codes: 0 the hashes match, 1 they differ (or an IIA has no counterpart), 2 errors \
        (a file that cannot be read, is not XML or breaks its XSD; no IIA to compare).
        """
    )

    @Argument(help: ArgumentHelp("Our get-response file, an agreement id or a partner.", valueName: "ours"),
              completion: .file(extensions: ["xml"]))
    var ours: String

    @Argument(help: ArgumentHelp("The partner's get-response file.", valueName: "partner.xml"), completion: .file(extensions: ["xml"]))
    var partnerFile: String

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let theirs = try read(partnerFile)
        let pairs: IIADiff.FilePairs
        if FileManager.default.fileExists(atPath: ours) || IIADiff.looksLikePath(ours) {
            // The network only names the institutions here: without one, hei-ids are shown.
            let network = (try? NetworkFile.load(path: dataOptions.chosenPath()))?.network
            let ourFile = try read(ours)
            do { pairs = try IIADiff.compare(ours: ourFile, theirs: theirs, network: network) } catch {
                throw CLIFailure.usage("\(ours), " + error.description)
            }
        } else {
            pairs = IIADiff.FilePairs(comparisons: [try compareRecord(with: theirs)])
        }
        if output.json { printJSON(pairs) } else { printText(pairs) }
        let allMatch = pairs.comparisons.allSatisfy(\.hashesMatch) && pairs.unmatchedOurs.isEmpty && pairs.unmatchedTheirs.isEmpty
        if !allMatch { throw CLIFailure.failed }
    }

    private func read(_ path: String) throws -> [ExchangedIIA] {
        do { return try IIADiff.read(path: path) } catch { throw CLIFailure.usage(error.description) }
    }

    /// OURS as an agreement id or a partner of the network.
    private func compareRecord(with theirs: [ExchangedIIA]) throws -> IIACopyComparison {
        let network = try dataOptions.load().network
        var found = network.partners.lazy.compactMap { partner in
            partner.agreements.first { $0.id == ours }.map { (partner, $0) }
        }.first
        if found == nil {
            guard case .partner(let partner) = try Show.resolve(ours, in: Store(network: network)) else {
                throw CLIFailure.usage("\(ours) is neither a file, an agreement nor a partner")
            }
            do {
                let heiID = try IIADiff.ourHeiID(in: network)
                guard let agreement = IIADiff.agreement(of: partner, matching: theirs, ourHeiID: heiID) else {
                    throw CLIFailure.usage("\(partner.id) has no agreement with an EWP IIA that \(partnerFile) names by iia-id; give the agreement's id")
                }
                found = (partner, agreement)
            } catch let failure as IIADiff.Failure {
                throw CLIFailure.usage(failure.description)
            }
        }
        let (partner, agreement) = found!
        do { return try IIADiff.compare(agreement, of: partner, in: network, with: theirs, file: partnerFile) } catch {
            throw CLIFailure.usage(error.description)
        }
    }

    private func printText(_ pairs: IIADiff.FilePairs) {
        var blocks = pairs.comparisons.map { comparison in
            ([comparison.title + " (\(partnerFile), line \(comparison.theirLine))"] + comparison.reportLines.map { "  " + $0.text })
                .joined(separator: "\n")
        }
        blocks += pairs.unmatchedOurs.map { "\(ours), line \($0.line): IIA \(ids($0)) has no counterpart in \(partnerFile)" }
        blocks += pairs.unmatchedTheirs.map { "\(partnerFile), line \($0.line): IIA \(ids($0)) has no counterpart in \(ours)" }
        Console.print(blocks.joined(separator: "\n\n"))
    }

    private func ids(_ iia: ExchangedIIA) -> String {
        iia.parties.map { "\($0.side.iiaId ?? "-") (\($0.heiID))" }.joined(separator: " / ")
    }

    private func printJSON(_ pairs: IIADiff.FilePairs) {
        func unmatched(_ iias: [ExchangedIIA]) -> JSONValue {
            .array(iias.map { iia in
                JSONOutput.object([("line", JSONOutput.int(iia.line)),
                                   ("iiaIds", .array(iia.parties.map { .string($0.side.iiaId ?? "") }))])
            })
        }
        JSONOutput.print(JSONOutput.object([
            ("comparisons", .array(pairs.comparisons.map(json))),
            ("unmatchedOurs", unmatched(pairs.unmatchedOurs)),
            ("unmatchedTheirs", unmatched(pairs.unmatchedTheirs)),
        ]))
    }

    private func json(_ comparison: IIACopyComparison) -> JSONValue {
        JSONOutput.object([
            ("ours", JSONOutput.object([("heiId", .string(comparison.parties.ourHeiID)), ("iiaId", comparison.ours.ours?.iiaId.map(JSONValue.string)),
                                        ("hash", .string(comparison.ourHash))])),
            ("theirs", JSONOutput.object([("heiId", .string(comparison.parties.partnerHeiID)), ("iiaId", comparison.theirs.theirs?.iiaId.map(JSONValue.string)),
                                          ("hash", .string(comparison.theirHash)), ("statedHash", comparison.theirStatedHash.map(JSONValue.string)),
                                          ("line", JSONOutput.int(comparison.theirLine))])),
            ("hashesMatch", .bool(comparison.hashesMatch)),
            ("differences", .array(comparison.comparison.hashed.map(JSONValue.string))),
            ("notInHash", .array(comparison.comparison.notInHash.map(JSONValue.string))),
        ])
    }
}
