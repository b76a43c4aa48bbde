// Typing long text into a form's notes field: what the user waits for per key and per paste,
// the reducer (the field's edit and the form's checks) and the redraw of the whole screen.
// Leaves out the terminal's own drawing (ncurses' refresh), which depends on the terminal.
import Foundation
import LiaisonApp
import LiaisonCore
import TerminalUI

func measureTyping(characters: Int) {
    guard let network = NetworkCoding.decode(SampleNetwork.bytes).network else { preconditionFailure("the sample does not load") }
    var state = AppState(data: DataSnapshot(network: network, fileName: "sample"), size: Size(width: 120, height: 40))
    _ = Reducer.apply(.showPane(.partners), &state)
    _ = Reducer.apply(.edit, &state)
    guard case .form(var form) = state.modal, let notes = form.fields.firstIndex(where: { $0.type == .notes }) else {
        preconditionFailure("no form with a notes field opened")
    }
    form.focus = notes
    state.modal = .form(form)
    let opened = state
    let text = String(repeating: "Kooperation über Forschung, Lehre und Austausch –\n", count: characters / 50 + 1).prefix(characters)

    // Typed key by key: the slowest key and the last one (the field at its longest).
    var perKey: [Double] = []
    for character in text {
        perKey.append(milliseconds {
            _ = Reducer.handle(.key(.character(character)), &state)
            _ = Screen.render(state)
        })
    }
    // Pasted in one piece into the empty field.
    state = opened
    let paste = milliseconds {
        _ = Reducer.handle(.paste(String(text)), &state)
        _ = Screen.render(state)
    }
    guard case .form(let typed) = state.modal, typed.fields[notes].field.text.hasSuffix(text) else {
        preconditionFailure("the paste did not land in the field")
    }
    let total = perKey.reduce(0, +)
    FileHandle.standardOutput.write(Data(String(format: "%d characters\ttyped: %.0f ms in all, last key %.2f ms, slowest %.2f ms\tpasted: %.1f ms\n",
                                                text.count, total, perKey.last ?? 0, perKey.max() ?? 0, paste).utf8))
    if let draft = typed.draft { measureDraft(draft, network: network) }
}

/// Keeping the pasted form's draft in a real journal (a file in a temporary folder, flushed to
/// disk with fsync), as the dashboard does when typing pauses: each replaces the one before.
private func measureDraft(_ draft: FormDraft, network: Network) {
    let folder = NSTemporaryDirectory() + "liaison-bench-draft-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try NetworkFile.save(network, to: folder + "/n.json")
        let document = try Document(storage: FileStorage(path: folder + "/n.json"))
        let times = (0..<21).map { _ in milliseconds { document.keepDraft(draft) } }
        if let problem = document.journalProblem { preconditionFailure(problem) }
        document.dropDraft()
        let bytes = draft.fields.reduce(0) { $0 + $1.text.utf8.count }
        FileHandle.standardOutput.write(Data(String(format: "draft of the form (%d bytes typed) kept in the journal: median %.2f ms, slowest %.2f ms (21 writes, each with fsync)\n",
                                                    bytes, median(times), times.max() ?? 0).utf8))
    } catch {
        preconditionFailure("\(error)")
    }
}
