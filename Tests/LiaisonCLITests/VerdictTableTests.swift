import Foundation
import Testing
@testable import LiaisonApp
import LiaisonCore
import TerminalUI

/// The same value gets the same verdict wherever it is typed: `liaison set` and the dashboard's
/// form run every case of one table.
@Suite("One verdict: the form and liaison set agree", .serialized)
struct VerdictTableTests {
    enum Verdict: String, CustomStringConvertible {
        case refused, warned, accepted
        var description: String { rawValue }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var key: String
        var value: String
        var verdict: Verdict
        var testDescription: String { "\(id) \(key)=\(value) → \(verdict)" }
    }

    static let cases: [Case] = [
        Case(id: "japan-desk", key: "email", value: "not-an-address", verdict: .refused),
        Case(id: "japan-desk", key: "email", value: "japan@example.org", verdict: .accepted),
        Case(id: "utokyo", key: "status", value: "actve", verdict: .refused),
        Case(id: "utokyo", key: "partnershipType", value: "r", verdict: .refused),
        Case(id: "utokyo", key: "partnershipType", value: "network", verdict: .accepted),
        Case(id: "utokyo", key: "website", value: "ftp://x", verdict: .refused),
        Case(id: "utokyo", key: "country", value: "Japan", verdict: .refused),
        Case(id: "utokyo", key: "erasmusCode", value: "tokyo-1", verdict: .warned),
        Case(id: "utokyo", key: "since", value: "1969-13-01", verdict: .refused),
        Case(id: "utokyo", key: "contactIds", value: "japan-desk, ghost", verdict: .refused),
        Case(id: "utokyo", key: "name", value: "Osaka University", verdict: .refused),
        Case(id: "japan-science-days-2018", key: "kind", value: "deleg", verdict: .refused),
        Case(id: "japan-science-days-2018", key: "kind", value: "delegation-visit", verdict: .accepted),
        Case(id: "utokyo-iro", key: "partnerId", value: "utokyo, osaka", verdict: .refused),
        Case(id: "utokyo-iro", key: "partnerId", value: "osaka", verdict: .accepted),
        Case(id: "utokyo-iro", key: "partnerId", value: "no-such-partner", verdict: .refused),
    ]

    @Test("liaison set", arguments: cases)
    func cli(_ testCase: Case) throws {
        let result = try CLI.run(["set", testCase.id, "\(testCase.key)=\(testCase.value)", "--dry-run"])
        let verdict: Verdict = result.status != 0 ? .refused : result.stderr.contains("warning:") ? .warned : .accepted
        #expect(verdict == testCase.verdict, "\(result.stderr)")
        if testCase.verdict == .refused { #expect(result.status == 1 && !result.stderr.isEmpty) }
    }

    @Test("the dashboard's form", arguments: cases)
    func form(_ testCase: Case) throws {
        let file = try NetworkFile.load(path: CLI.sample)
        var state = AppState(data: DataSnapshot(network: file.network, fileName: "n.json"), size: Size(width: 120, height: 40))
        let kind = try #require(state.data.store.position(of: testCase.id)?.kind)
        Reducer.go(to: Location(pane: Pane(kind: kind), recordId: testCase.id), &state)
        _ = Reducer.apply(.edit, &state)
        guard case .form(var form) = state.modal else {
            Issue.record("no form opened")
            return
        }
        let index = try #require(form.fields.firstIndex { $0.key == testCase.key })
        form.fields[index].field.set(testCase.value)
        state.modal = .form(form)
        Dashboard.perform(Reducer.apply(.applyForm, &state), &state)
        let verdict: Verdict
        if case .form(let open) = state.modal {
            #expect(open.error != nil, "a refused form says why")
            verdict = .refused
        } else {
            verdict = state.message?.kind == .warning ? .warned : .accepted
        }
        #expect(verdict == testCase.verdict, "\(state.message?.text ?? "")")
    }
}
