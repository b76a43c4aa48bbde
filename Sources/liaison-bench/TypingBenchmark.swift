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
}
