import Foundation
import Testing
@testable import LiaisonApp
import LiaisonCore
import LiaisonGenerator
import LiaisonInterchange
import TerminalUI

/// The dashboard's view of an agreement's EWP IIA: shown in the partner's detail, selected
/// there, compared with the partner's copy from a file.
@Suite("EWP IIA in the dashboard: detail, prompt and comparison view")
struct IIAComparisonViewTests {
    typealias F = AppFixtures

    /// The sample network with `SampleIIA` on the Jagiellonian agreement, that partner selected.
    static func state(width: Int = 80, height: Int = 24) -> AppState {
        var state = F.state(network: SampleIIA.network(), width: width, height: height)
        Reducer.go(to: Location(pane: .partners, recordId: SampleIIA.partnerID), &state)
        return state
    }

    /// The partner's get-response (the partner first, as it serves it) with one quota changed.
    static func partnerFile() throws -> String {
        var theirs = SampleIIA.iia
        theirs.mobilities[2].mobilitiesPerYear = 3
        (theirs.ours, theirs.theirs) = (theirs.theirs, theirs.ours)
        let item = IIAResponseWriter.Item(iia: theirs, ourHeiID: SampleIIA.partnerHeiID, partnerHeiID: SampleIIA.ourHeiID)
        let path = NSTemporaryDirectory() + "liaison-iia-\(UUID().uuidString).xml"
        try IIAResponseWriter.document([item]).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Into the detail, then up from its first link onto the agreement.
    static let toAgreement = [F.key(for: .focusLinks), F.key(for: .moveUp, in: .links)]

    @Test("The detail shows the IIA and lets its agreement be selected between the fields and the links")
    func detailAndSelection() {
        let (state, terminal) = F.session(Self.state(width: 160, height: 50), keys: Self.toAgreement)
        #expect(state.current.selectedAgreement == 0)
        #expect(state.current.selectedField == nil)
        let screen = terminal.screen.joined(separator: "\n")
        #expect(screen.contains("EWP IIA rub-2025-17 (RUB) / UJ-991 (UJ) · in effect"))
        #expect(screen.contains("staff teaching, RUB to UJ, 2025/2026-2028/2029: 2 a year,"))
        let (matches, message) = F.matchesGolden(terminal.screen, name: "iia-detail-160x50")
        #expect(matches, "\(message)")

        // Up again: the last field; down twice: the agreement, then the first link.
        let (onField, _) = F.session(state, keys: [F.key(for: .moveUp, in: .links)])
        #expect(onField.current.selectedField != nil && onField.current.selectedAgreement == nil)
        let (onLink, _) = F.session(onField, keys: [F.key(for: .moveDown, in: .links), F.key(for: .moveDown, in: .links)])
        #expect(onLink.current.selectedAgreement == nil && onLink.current.selectedField == nil && onLink.current.selectedLink == 0)
    }

    @Test("c on the agreement asks for the file (an empty prompt, ~/ expanded, Up recalls the last), Enter asks for the comparison; Esc leaves")
    func promptAsksForTheComparison() throws {
        var (state, _) = F.session(Self.state(), keys: Self.toAgreement)
        _ = Reducer.apply(.compareIIA, &state)
        guard case .iiaFilePrompt(_, let target)? = state.modal else {
            Issue.record("no prompt: \(String(describing: state.modal))")
            return
        }
        #expect(target == IIAComparisonTarget(partnerID: SampleIIA.partnerID, agreementID: SampleIIA.agreementID))
        for character in " /srv/ewp/uj.xml " { _ = Reducer.apply(.insert(character), &state) }
        let effects = Reducer.apply(.accept, &state)
        #expect(effects == [.compareIIA(target, path: "/srv/ewp/uj.xml")])
        #expect(state.modal == nil)

        // The next prompt starts empty, so a new path typed is the path (not appended to the old
        // one); ~/ is the home folder; Up brings back the file compared last.
        _ = Reducer.apply(.compareIIA, &state)
        #expect(state.modal == .iiaFilePrompt(TextField(), target))
        for character in "~/c.xml" { _ = Reducer.apply(.insert(character), &state) }
        let home = try #require(UserDirectories.home)
        #expect(Reducer.apply(.accept, &state) == [.compareIIA(target, path: home + "/c.xml")])
        _ = Reducer.apply(.compareIIA, &state)
        _ = Reducer.apply(.moveUp, &state)
        #expect(state.modal == .iiaFilePrompt(TextField(home + "/c.xml"), target))
        #expect(Reducer.apply(.cancel, &state).isEmpty && state.modal == nil)
    }

    @Test("c from the list compares the partner's IIA that the file names; elsewhere it says what it needs")
    func fromTheListAndElsewhere() {
        var state = Self.state()
        _ = Reducer.apply(.compareIIA, &state)
        #expect(state.modal == .iiaFilePrompt(TextField(), IIAComparisonTarget(partnerID: SampleIIA.partnerID, agreementID: nil)))

        var withoutIIA = Self.state()
        Reducer.go(to: Location(pane: .partners, recordId: "utokyo"), &withoutIIA)
        _ = Reducer.apply(.compareIIA, &withoutIIA)
        #expect(withoutIIA.modal == nil)
        #expect(withoutIIA.message?.text.contains("no agreement of The University of Tokyo has an EWP IIA") == true)

        var events = Self.state()
        _ = Reducer.apply(.showPane(.events), &events)
        _ = Reducer.apply(.compareIIA, &events)
        #expect(events.modal == nil && events.message?.text.contains("select the partner first") == true)
    }

    @Test("The outcome opens the view, which scrolls and closes; a failure is told on the status line")
    func outcomes() {
        var state = Self.state()
        let lines = (1...40).map { IIACopyComparison.ReportLine(text: "line \($0)", kind: .difference) }
        let report = IIAComparisonReport(title: "IIA x", lines: lines, hashesMatch: false)
        _ = Reducer.receive(.compared(.success(report)), &state)
        #expect(state.modal == .iiaComparison(report, scroll: 0))
        for _ in 0..<3 { _ = Reducer.apply(.moveDown, &state) }
        _ = Reducer.apply(.moveUp, &state)
        #expect(state.modal == .iiaComparison(report, scroll: 2))
        _ = Reducer.apply(.pageDown, &state)
        _ = Reducer.apply(.pageDown, &state)
        _ = Reducer.apply(.pageDown, &state)
        #expect(state.modal == .iiaComparison(report, scroll: 39), "no further than the last line")
        _ = Reducer.apply(.closeOverlay, &state)
        #expect(state.modal == nil)

        _ = Reducer.receive(.compared(.failure(IIAComparisonFailure("/srv/x.xml cannot be read: no such file"))), &state)
        #expect(state.message == StatusMessage(text: "/srv/x.xml cannot be read: no such file", kind: .error))
    }

    @Test("A whole session: select the agreement, c, the file's path, Enter; the view fits 80x24 and uses 160x50",
          arguments: [(80, 24), (160, 50)])
    func session(size: (width: Int, height: Int)) throws {
        let path = try Self.partnerFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let keys = Self.toAgreement + [F.key(for: .compareIIA, in: .links)] + path.map { Key.character($0) } + [F.key(for: .accept, in: .iiaFilePrompt)]
        let (state, terminal) = F.session(Self.state(width: size.width, height: size.height), keys: keys)
        guard case .iiaComparison(let report, _)? = state.modal else {
            Issue.record("no comparison: \(String(describing: state.message))")
            return
        }
        #expect(!report.hashesMatch)
        let screen = terminal.screen.joined(separator: "\n")
        #expect(screen.contains("staff teaching, RUB to UJ: mobilities per year 2 (ours) vs 3 (theirs)"))
        #expect(screen.contains("The hashes differ: 1 difference the hash covers:"))
        // The hashes depend only on the IIA, so the screen is the same on every run.
        let (matches, message) = F.matchesGolden(terminal.screen, name: "iia-comparison-\(size.width)x\(size.height)")
        #expect(matches, "\(message)")
        let (closed, _) = F.session(state, keys: [F.key(for: .closeOverlay, in: .iiaComparison)])
        #expect(closed.modal == nil)
    }

    @Test("A file that is not there is named on the status line, and nothing opens")
    func missingFile() {
        let result = IIAComparisonReport.make(IIAComparisonTarget(partnerID: SampleIIA.partnerID, agreementID: SampleIIA.agreementID),
                                              path: "/nonexistent/uj.xml", network: SampleIIA.network())
        guard case .failure(let failure) = result else {
            Issue.record("compared a missing file")
            return
        }
        #expect(failure.message.hasPrefix("/nonexistent/uj.xml: cannot be opened"))
    }

    @Test("Our copy holding an ESC: the comparison says why our hash cannot be made instead of showing a hash of nothing")
    func ourCopyCannotBeHashed() throws {
        let path = try Self.partnerFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var broken = SampleIIA.iia
        broken.theirs?.iiaCode = "UJ\u{1B}"
        let target = IIAComparisonTarget(partnerID: SampleIIA.partnerID, agreementID: SampleIIA.agreementID)
        guard case .failure(let failure) = IIAComparisonReport.make(target, path: path, network: SampleIIA.network(broken)) else {
            Issue.record("a comparison was made of an IIA that cannot be hashed")
            return
        }
        #expect(failure.message.contains("our hash cannot be made") && failure.message.contains("U+001B"), "\(failure.message)")
    }

    @Test("A partner's file that breaks the XSD opens the view with its problems, not a comparison")
    func partnerFileBreaksTheXSD() throws {
        let path = try Self.partnerFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let broken = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "<mobilities-per-year>3</mobilities-per-year>",
                                                                                             with: "<mobilities-per-year>0</mobilities-per-year>")
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let target = IIAComparisonTarget(partnerID: SampleIIA.partnerID, agreementID: SampleIIA.agreementID)
        guard case .success(let report) = IIAComparisonReport.make(target, path: path, network: SampleIIA.network()) else {
            Issue.record("no view of the problems")
            return
        }
        #expect(!report.hashesMatch && !report.lines.contains { $0.kind == .hash })
        #expect(report.lines.first?.text.hasPrefix("Not compared: the file does not follow the IIA get-response XSD (1 problem)") == true)
        #expect(report.lines.dropFirst().first?.text.contains("mobilities-per-year: \"0\" is not a whole number above 0") == true,
                "\(report.lines.map(\.text))")
    }
}
