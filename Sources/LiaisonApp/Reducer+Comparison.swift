import LiaisonCore
import TerminalUI

/// `c` on a partner or on one of its agreements: the path of the partner's copy of the IIA is
/// asked (`~/` is the home folder; Up recalls the file compared last), then our copy and theirs are shown side by side in words (`IIACopyComparison`).
extension Reducer {
    static func startComparison(_ state: inout AppState) {
        guard state.pane == .partners, case .partner(let partner)? = state.selectedRecord(in: .partners) else {
            state.message = StatusMessage(text: "\(Keymap.keyName(for: .compareIIA)) compares a partner's EWP IIA: select the partner first", kind: .info)
            return
        }
        let chosen = state.current.focusOnLinks
            ? state.current.selectedAgreement.flatMap { partner.agreements.indices.contains($0) ? partner.agreements[$0].id : nil } : nil
        guard partner.agreements.contains(where: { $0.iia != nil }) else {
            state.message = StatusMessage(text: "no agreement of \(Record.partner(partner).displayName) has an EWP IIA to compare (liaison ewp import adds one)", kind: .warning)
            return
        }
        // The prompt starts empty, so that what is typed is the path; Up brings back the last one.
        state.modal = .iiaFilePrompt(TextField(), IIAComparisonTarget(partnerID: partner.id, agreementID: chosen))
    }

    static func applyInIIAFilePrompt(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .iiaFilePrompt(var field, let target) = state.modal else { return [] }
        switch command {
        case .cancel:
            state.modal = nil
        case .accept:
            let path = UserDirectories.expandingHome(field.text.trimmingSpaces)
            guard !path.isEmpty else {
                state.message = StatusMessage(text: "type the path of the partner's IIA file (an EWP get-response)", kind: .info)
                return []
            }
            state.modal = nil
            state.lastIIAFile = path
            return [.compareIIA(target, path: path)]
        case .moveUp:
            guard !state.lastIIAFile.isEmpty else { break }
            field.set(state.lastIIAFile)
            state.modal = .iiaFilePrompt(field, target)
        default:
            if field.apply(command) { state.modal = .iiaFilePrompt(field, target) }
        }
        return []
    }

    static func applyInIIAComparison(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .iiaComparison(let report, let scroll) = state.modal else { return [] }
        let page = max(1, Layout(state.size).content.height - 3)
        let last = max(0, report.lines.count - 1)
        switch command {
        case .closeOverlay: state.modal = nil
        case .moveDown: state.modal = .iiaComparison(report, scroll: min(last, scroll + 1))
        case .moveUp: state.modal = .iiaComparison(report, scroll: max(0, scroll - 1))
        case .pageDown: state.modal = .iiaComparison(report, scroll: min(last, scroll + page))
        case .pageUp: state.modal = .iiaComparison(report, scroll: max(0, scroll - page))
        default: break
        }
        return []
    }

    static func compared(_ result: Result<IIAComparisonReport, IIAComparisonFailure>, _ state: inout AppState) {
        switch result {
        case .success(let report):
            state.modal = .iiaComparison(report, scroll: 0)
        case .failure(let failure):
            state.message = StatusMessage(text: failure.message, kind: .error)
        }
    }
}

extension String {
    /// Without spaces at either end: a path pasted with a space around it still names the file.
    var trimmingSpaces: String {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
