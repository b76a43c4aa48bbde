import TerminalUI

/// Everything a key can ask for. The reducer carries commands out; the keymap says which key
/// asks for which, in which context.
public enum Command: Hashable, Sendable {
    case quit
    case help
    case redraw
    case closeOverlay
    case showPane(Pane)
    case nextPane, previousPane
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case focusLinks, focusList
    case open
    case back, forward
    case cycleSort, reverseSort
    case search, nextMatch, previousMatch, clearFilter
    case jump
    case cycleTheme
    case toggleMouse
    // In the search line and the jump prompt.
    case accept, cancel, deleteBackward, complete, insert(Character)
    // Editing.
    case edit, add, duplicate, delete, undo, redo, save, reload
    case nextField, previousField, applyForm
    case cursorLeft, cursorRight, lineStart, lineEnd, killToStart, killToEnd, deleteWord, deleteForward
    case answer(Character)
    case keepMine, keepTheirs, resolve
    case addRow, removeRow
    /// Compare an agreement's EWP IIA with the partner's copy.
    case compareIIA
}

/// Where a key is read: the first context that binds it wins, modal contexts first.
public enum KeyContext: String, CaseIterable, Sendable {
    case conflicts = "Save conflicts"
    case confirm = "Questions"
    case directoryChoices = "Directory entries offered in a form"
    case form = "Forms"
    case help = "Help"
    case iiaComparison = "IIA comparison"
    case iiaFilePrompt = "IIA file prompt"
    case search = "Search line"
    case jump = "Jump prompt"
    case links = "Links in the detail"
    case list = "Lists"
    case global = "Everywhere"
    /// Keys that act in every mode, forms and prompts included.
    case always = "In every mode"
}

public struct Binding: Sendable {
    public var context: KeyContext
    public var keys: [Key]
    public var command: Command
    public var description: String
    public var group: String
    /// Shown in the status bar's hints for its context.
    public var isHint: Bool
}

/// The one table of keys. Dispatch, the status-bar hints, the help overlay and
/// docs/keybindings.md are all made from it (a test fails when the document is stale).
public enum Keymap {
    public static let bindings: [Binding] = {
        var table: [Binding] = []
        func bind(_ context: KeyContext, _ keys: [Key], _ command: Command, _ description: String, _ group: String, hint: Bool = false) {
            table.append(Binding(context: context, keys: keys, command: command, description: description, group: group, isHint: hint))
        }
        // Conflicts found on saving or recovering: each is decided before either goes ahead.
        bind(.conflicts, [.character("m")], .keepMine, "keep my value", "Conflicts", hint: true)
        bind(.conflicts, [.character("t")], .keepTheirs, "keep the value in the file", "Conflicts", hint: true)
        bind(.conflicts, [.down, .character("j")], .moveDown, "next conflict", "Conflicts")
        bind(.conflicts, [.up, .character("k")], .moveUp, "previous conflict", "Conflicts")
        bind(.conflicts, [.enter], .resolve, "save (or apply recovered changes) with these choices", "Conflicts", hint: true)
        bind(.conflicts, [.escape], .cancel, "not yet: nothing is saved, applied or lost", "Conflicts", hint: true)
        // Questions, answered with one key.
        bind(.confirm, [.character("y")], .answer("y"), "yes (delete)", "Answer", hint: true)
        bind(.confirm, [.character("s")], .answer("s"), "save, then quit", "Answer", hint: true)
        bind(.confirm, [.character("d")], .answer("d"), "discard the changes and quit", "Answer", hint: true)
        bind(.confirm, [.character("a")], .answer("a"), "apply the recovered changes", "Answer", hint: true)
        bind(.confirm, [.character("x")], .answer("x"), "drop the recovered changes", "Answer", hint: true)
        bind(.confirm, [.character("n"), .escape], .cancel, "no: stay", "Answer", hint: true)
        bind(.confirm, [.down, .character("j")], .moveDown, "scroll down (recovered changes)", "Answer")
        bind(.confirm, [.up, .character("k")], .moveUp, "scroll up (recovered changes)", "Answer")
        // Forms: one text field per field of the record.
        bind(.directoryChoices, [.down, .tab], .moveDown, "next directory entry", "Directory", hint: true)
        bind(.directoryChoices, [.up, .backTab], .moveUp, "previous directory entry", "Directory")
        bind(.directoryChoices, [.enter], .accept, "fill the form's empty fields from the entry", "Directory", hint: true)
        bind(.directoryChoices, [.escape], .closeOverlay, "close the list, keeping what was typed", "Directory", hint: true)
        bind(.form, [.control("s"), .function(2)], .applyForm, "apply the form (checks every rule first)", "Form", hint: true)
        bind(.form, [.tab, .enter, .down], .nextField, "next field", "Form", hint: true)
        bind(.form, [.backTab, .up], .previousField, "previous field", "Form")
        bind(.form, [.escape], .cancel, "leave the form (twice if it has changes)", "Form", hint: true)
        bind(.form, [.control("n")], .addRow, "add an agreement (partners)", "Form")
        bind(.form, [.control("d")], .removeRow, "remove the agreement the cursor is in", "Form")
        bind(.form, [.control("o")], .insert("\n"), "a line break (in notes and descriptions)", "Text")
        // Editing text: the same keys in a form's fields, the search line and the jump prompt.
        for context in [KeyContext.form, .search, .jump, .iiaFilePrompt] {
            bind(context, [.left], .cursorLeft, "cursor left", "Text")
            bind(context, [.right], .cursorRight, "cursor right", "Text")
            bind(context, [.home, .control("a")], .lineStart, "start of the line", "Text")
            bind(context, [.end, .control("e")], .lineEnd, "end of the line", "Text")
            bind(context, [.control("u")], .killToStart, "delete to the start", "Text")
            bind(context, [.control("k")], .killToEnd, "delete to the end", "Text")
            bind(context, [.control("w")], .deleteWord, "delete the word before the cursor", "Text")
            bind(context, [.backspace], .deleteBackward, "delete the character before the cursor", "Text")
            bind(context, [.delete], .deleteForward, "delete the character at the cursor", "Text")
        }
        // Modal contexts: the help overlay, the search line, the jump prompt.
        bind(.help, [.escape, .character("?"), .character("q"), .function(1)], .closeOverlay, "close the help", "Help", hint: true)
        bind(.help, [.down, .character("j")], .moveDown, "scroll down", "Help")
        bind(.help, [.up, .character("k")], .moveUp, "scroll up", "Help")
        bind(.search, [.enter], .accept, "keep the filter and return to the list", "Search", hint: true)
        bind(.search, [.escape], .cancel, "clear the filter", "Search", hint: true)
        bind(.jump, [.enter], .accept, "go to the selected record", "Jump", hint: true)
        bind(.jump, [.tab], .complete, "complete to the selected record's id", "Jump", hint: true)
        bind(.jump, [.down, .control("n")], .moveDown, "next completion", "Jump")
        bind(.jump, [.up, .control("p")], .moveUp, "previous completion", "Jump")
        bind(.jump, [.escape], .cancel, "close the prompt", "Jump", hint: true)
        bind(.iiaFilePrompt, [.enter], .accept, "compare with this file (the partner's IIA get-response)", "EWP", hint: true)
        bind(.iiaFilePrompt, [.escape], .cancel, "close the prompt", "EWP", hint: true)
        bind(.iiaFilePrompt, [.up], .moveUp, "the file compared last", "EWP")
        bind(.iiaComparison, [.escape, .character("q"), .character("c")], .closeOverlay, "close the comparison", "EWP", hint: true)
        bind(.iiaComparison, [.down, .character("j")], .moveDown, "scroll down", "EWP", hint: true)
        bind(.iiaComparison, [.up, .character("k")], .moveUp, "scroll up", "EWP")
        bind(.iiaComparison, [.pageDown, .control("f")], .pageDown, "page down", "EWP")
        bind(.iiaComparison, [.pageUp, .control("b")], .pageUp, "page up", "EWP")
        // The links of the selected record, in the detail beside or below the list.
        bind(.links, [.down, .character("j")], .moveDown, "next field, agreement with an EWP IIA, or link", "Links")
        bind(.links, [.up, .character("k")], .moveUp, "previous field, agreement with an EWP IIA, or link", "Links")
        bind(.links, [.enter], .open, "go to the linked record, edit the record at the selected field, or compare the selected agreement's EWP IIA", "Links", hint: true)
        bind(.links, [.character("e")], .edit, "edit the record", "Links")
        bind(.links, [.character("c")], .compareIIA, "compare the selected agreement's EWP IIA with the partner's copy (a file)", "EWP", hint: true)
        bind(.links, [.left, .character("h"), .escape], .focusList, "back to the list", "Links", hint: true)
        // The record keys work from its detail as from its row.
        bind(.links, [.character("a")], .add, "add a record of this pane's kind", "Edit")
        bind(.links, [.character("d")], .delete, "delete the record and the links to it (asks first)", "Edit")
        bind(.links, [.character("D")], .duplicate, "duplicate the record into a new one", "Edit")
        // Lists.
        bind(.list, [.down, .character("j")], .moveDown, "next row", "Move")
        bind(.list, [.up, .character("k")], .moveUp, "previous row", "Move")
        bind(.list, [.pageDown, .control("f")], .pageDown, "page down", "Move")
        bind(.list, [.pageUp, .control("b")], .pageUp, "page up", "Move")
        bind(.list, [.home, .character("g")], .top, "first row", "Move")
        bind(.list, [.end, .character("G")], .bottom, "last row", "Move")
        bind(.list, [.enter, .right, .character("l")], .focusLinks, "step into the detail: its links (↑ reaches its fields)", "Links", hint: true)
        bind(.list, [.character("/")], .search, "filter the list as you type (words and filters such as country:JP expires:<180d)", "Search", hint: true)
        bind(.list, [.character("n")], .nextMatch, "next row of the filtered list", "Search")
        bind(.list, [.character("N")], .previousMatch, "previous row of the filtered list", "Search")
        bind(.list, [.escape], .clearFilter, "clear the filter", "Search")
        bind(.list, [.character("s")], .cycleSort, "sort partners by the next column", "Sort", hint: true)
        bind(.list, [.character("e")], .edit, "edit the selected record", "Edit", hint: true)
        bind(.list, [.character("a")], .add, "add a record of this pane's kind (a partner from the overview)", "Edit")
        bind(.list, [.character("d")], .delete, "delete the selected record and the links to it (asks first; u undoes both)", "Edit")
        bind(.list, [.character("D")], .duplicate, "duplicate the selected record into a new one", "Edit")
        bind(.list, [.character("c")], .compareIIA, "compare the partner's EWP IIA with the partner's copy (a file; the agreement it names by iia-id)", "EWP")
        bind(.global, [.character("R")], .reload, "reload the file after someone else saved it, keeping your unsaved changes", "Edit")
        // Ctrl-Z is not bound: it suspends the program to the shell (fg brings it back).
        bind(.global, [.character("u")], .undo, "undo the last change", "Edit")
        bind(.global, [.control("r"), .control("y")], .redo, "redo", "Edit")
        bind(.global, [.control("s")], .save, "save (merging with changes others saved meanwhile)", "Edit", hint: true)
        bind(.list, [.character("S")], .reverseSort, "reverse the sort order", "Sort")
        // Everywhere.
        bind(.global, [.character("1")], .showPane(.overview), "Overview", "Panes")
        bind(.global, [.character("2")], .showPane(.partners), "Partners", "Panes")
        bind(.global, [.character("3")], .showPane(.objectives), "Objectives", "Panes")
        bind(.global, [.character("4")], .showPane(.events), "Events", "Panes")
        bind(.global, [.character("5")], .showPane(.contacts), "Contacts", "Panes")
        bind(.global, [.tab], .nextPane, "next pane", "Panes")
        bind(.global, [.backTab], .previousPane, "previous pane", "Panes")
        bind(.global, [.backspace, .character("[")], .back, "back to where you were", "History", hint: true)
        bind(.global, [.character("]")], .forward, "forward again", "History")
        bind(.global, [.character(":")], .jump, "jump to any record by id or name (:w saves, :wq saves and quits, :q quits)", "Search", hint: true)
        bind(.global, [.character("t")], .cycleTheme, "next colour theme", "View")
        bind(.global, [.character("m")], .toggleMouse, "mouse on/off (off keeps the terminal's copy and paste)", "View")
        bind(.global, [.character("?"), .function(1)], .help, "this help", "Help", hint: true)
        bind(.global, [.character("q"), .control("c")], .quit, "quit", "Help", hint: true)
        bind(.always, [.control("l")], .redraw, "redraw the whole screen (after something else wrote on it)", "View")
        return table
    }()

    /// The contexts active in a state, most specific first.
    public static func contexts(for state: AppState) -> [KeyContext] {
        modeContexts(for: state) + [.always]
    }

    private static func modeContexts(for state: AppState) -> [KeyContext] {
        switch state.modal {
        case .conflicts: return [.conflicts]
        case .confirm: return [.confirm]
        case .form(let form): return form.directoryListOpen ? [.directoryChoices, .form] : [.form]
        case .help: return [.help]
        case .iiaFilePrompt: return [.iiaFilePrompt]
        case .iiaComparison: return [.iiaComparison]
        case .search: return [.search]
        case .jump: return [.jump]
        case nil:
            if state.pane == .overview { return [.list, .global] }
            return state.current.focusOnLinks ? [.links, .global] : [.list, .global]
        }
    }

    public static func resolve(_ key: Key, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.command
            }
            // Text contexts take every other printable character as typing; other keys go
            // on only to the keys of every mode.
            if context == .search || context == .jump || context == .form || context == .iiaFilePrompt {
                if case .character(let character) = key { return .insert(character) }
            }
        }
        return nil
    }

    /// "key description" pairs for the status bar.
    /// The footer's hints; `isKept`: the way to help and out, which stay when the line is short.
    public static func hints(for contexts: [KeyContext]) -> [(key: String, description: String, isKept: Bool)] {
        contexts.flatMap { context in
            bindings.filter { $0.context == context && $0.isHint }.map {
                ($0.keys[0].label, shortHint($0.command, $0.description, in: context), $0.command == .help || $0.command == .quit)
            }
        }
    }

    private static func shortHint(_ command: Command, _ description: String, in context: KeyContext) -> String {
        if context == .conflicts {
            // Short enough that all four fit on an 80-column footer.
            switch command {
            case .keepMine: return "mine"
            case .keepTheirs: return "the file's"
            case .resolve: return "go on with these"
            case .cancel: return "not yet"
            default: break
            }
        }
        if context == .directoryChoices {
            switch command {
            case .moveDown: return "next entry"
            case .accept: return "fill from it"
            case .closeOverlay: return "close list"
            default: break
            }
        }
        return switch command {
        case .search: "filter"
        case .focusLinks: "links"
        case .cycleSort: "sort"
        case .back: "back"
        case .jump: "jump"
        case .help: "help"
        case .quit: "quit"
        case .open: "open"
        case .focusList: "list"
        case .accept: "done"
        case .cancel: "cancel"
        case .complete: "complete"
        case .closeOverlay: "close"
        case .edit: "edit"
        case .save: "save"
        case .applyForm: "apply"
        case .nextField: "next field"
        case .compareIIA: "compare IIA"
        default: description
        }
    }

    /// The first key bound to a command, for messages that name it ("u undoes it"): messages
    /// take key names from the table, so they stay true when a binding changes.
    public static func keyName(for command: Command, in context: KeyContext? = nil) -> String {
        bindings.first { $0.command == command && (context == nil || $0.context == context) }?.keys.first?.label ?? "\(command)"
    }

    /// docs/keybindings.md, made from the table.
    public static func markdown() -> String {
        var lines = ["# Keys", "", "Generated from the keymap (`Keymap.bindings` in Sources/LiaisonApp/Keymap.swift); a test fails when this file is stale.", ""]
        for context in KeyContext.allCases.reversed() {
            let rows = bindings.filter { $0.context == context }
            guard !rows.isEmpty else { continue }
            lines.append("## \(context.rawValue)")
            lines.append("")
            lines.append("| keys | what they do |")
            lines.append("| --- | --- |")
            for row in rows {
                let keys = row.keys.map { "`\($0.label == "`" ? "` ` `" : $0.label)`" }.joined(separator: " ")
                lines.append("| \(keys) | \(row.description.replacingOccurrences(of: "|", with: "\\|")) |")
            }
            lines.append("")
        }
        lines.append("Text typed in the search line or the jump prompt goes into it; the keys above act first.")
        return lines.joined(separator: "\n") + "\n"
    }
}
