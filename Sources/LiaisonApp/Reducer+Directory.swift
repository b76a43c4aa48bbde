import LiaisonCore
import TerminalUI

/// The reference directory in the new-partner form: typing in the Name field offers entries,
/// and taking one fills the fields still empty, as `DirectoryPartner` says which value goes where.
extension Reducer {
    /// Whether the focused field offers directory entries: the name of a partner being added.
    static func offersDirectory(_ form: FormState) -> Bool {
        form.kind == .partner && form.recordId == nil && form.fields[form.focus].key == "name"
    }

    /// The entries for what the Name field holds now (a lookup in the index: a few milliseconds
    /// at 110,000 entries), or none where the field does not offer them or nothing is loaded.
    static func refreshDirectoryChoices(_ form: inout FormState, _ state: AppState) {
        guard offersDirectory(form), let directory = state.data.directory else {
            form.directoryChoices = []
            return
        }
        form.directoryChoices = directory.complete(form.fields[form.focus].field.text, limit: FormState.directoryChoiceLimit)
        form.directorySelected = 0
    }

    /// The keys of the list while it is open; false for a command it leaves to the form.
    static func applyInDirectoryChoices(_ command: Command, _ form: inout FormState, _ state: inout AppState) -> Bool {
        guard form.directoryListOpen else { return false }
        let count = form.directoryChoices.count
        switch command {
        case .moveDown: form.directorySelected = (form.directorySelected + 1) % count
        case .moveUp: form.directorySelected = (form.directorySelected + count - 1) % count
        case .closeOverlay: form.directoryChoices = []
        case .accept:
            let entry = form.directoryChoices[min(form.directorySelected, count - 1)]
            state.message = StatusMessage(text: take(entry, into: &form), kind: .info)
            form.directoryChoices = []
        default: return false
        }
        return true
    }

    /// Fills the form from an entry: the name (what was typed there was the search), and every
    /// other field the entry has a value for and the form holds nothing in. Returns what to say.
    static func take(_ entry: DirectoryEntry, into form: inout FormState) -> String {
        var filled: [String] = [], kept: [String] = []
        for value in DirectoryPartner.fields(of: entry) {
            guard let index = form.fields.firstIndex(where: { $0.key == value.key }) else { continue }
            let typed = form.fields[index].field.text
            if value.key == "name" || typed.trimmingCharacters(in: .whitespaces).isEmpty {
                form.fields[index].field.set(value.value)
                filled.append(form.fields[index].label)
            } else if typed != value.value {
                kept.append(form.fields[index].label)
            }
        }
        form.confirmingDiscard = false
        form.lookalikeConfirmed = false
        if let error = form.error, filled.contains(where: { label in form.fields.contains { $0.key == error.key && $0.label == label } }) {
            form.error = nil
        }
        var text = "filled from \(DirectoryPartner.origin(of: entry)): \(filled.joined(separator: ", "))"
        if !kept.isEmpty { text += "; kept what was typed in \(kept.joined(separator: ", "))" }
        return text
    }
}
