import LiaisonCore
import TerminalUI

/// The main loop: read input, let the reducer update the state, perform the effects it asks for
/// on the document and feed their outcomes back, draw. All terminal work goes through the
/// `Terminal` protocol, so tests drive whole sessions on a `MemoryTerminal`.
public enum Dashboard {
    /// Runs until the user quits or `stopRequested` says so (a signal, or a test's end of input).
    public static func run(_ state: inout AppState, on terminal: Terminal, stopRequested: () -> Bool) {
        terminal.setMouse(state.mouseEnabled)
        state.size = terminal.size
        Reducer.clampScroll(&state)
        terminal.present(Screen.render(state))
        while !state.shouldQuit && !stopRequested() {
            guard let event = terminal.nextEvent(timeout: state.detailPending ? detailDelay : 100) else {
                if state.detailPending {
                    state.settleDetail()
                    terminal.present(Screen.render(state))
                } else if !state.prepareInBackground() && noticeChangeByOthers(&state) {
                    terminal.present(Screen.render(state))
                }
                continue
            }
            if event == .resize { state.size = terminal.size }
            // A message lasts until the next key, unless the key brings a new one.
            if case .key = event, !isTyping(state) { state.message = nil }
            perform(Reducer.handle(event, &state), &state, on: terminal)
            if state.shouldQuit { break }
            terminal.present(Screen.render(state))
        }
        if state.detailPending && !state.shouldQuit {
            state.settleDetail()
            terminal.present(Screen.render(state))
        }
    }

    /// How long the keys must pause before the detail follows the selection (milliseconds).
    public static let detailDelay = 120

    /// Performs effects in order; each outcome goes back to the reducer, which may ask for more.
    public static func perform(_ effects: [Effect], _ state: inout AppState, on terminal: Terminal? = nil) {
        var queue = effects[...]
        while let effect = queue.popFirst() {
            switch effect {
            case .quit: state.shouldQuit = true
            case .setMouse(let enabled): terminal?.setMouse(enabled)
            default:
                if let outcome = outcome(of: effect, on: state.data.document) {
                    queue.append(contentsOf: Reducer.receive(outcome, &state))
                }
            }
        }
    }

    /// What the document says when asked to do an effect.
    static func outcome(of effect: Effect, on document: Document) -> Outcome? {
        switch effect {
        case .quit, .setMouse: nil
        case .put(let record, let allowLookalike): .edited(document.put(record, allowLookalike: allowLookalike))
        case .delete(let id): .deleted(document.delete(id: id))
        case .undo: .undone(document.undo())
        case .redo: .redone(document.redo())
        case .save(let thenQuit): .saved(document.save(), thenQuit: thenQuit)
        case .saveResolved(let conflicts, let keepMine, let thenQuit):
            .saved(document.save(resolving: conflicts, keepMine: keepMine), thenQuit: thenQuit)
        case .reload: .reloaded(document.reload())
        case .recover(let entries): .recovered(document.recover(entries))
        case .discardRecovery:
            { document.discardRecovery(); return nil }()
        }
    }

    /// Whether someone else saved since the document was loaded or saved (asked when idle, at
    /// most every two seconds). Returns true when that became known just now.
    private static func noticeChangeByOthers(_ state: inout AppState) -> Bool {
        guard !state.changedOnDisk else { return false }
        let clock = ContinuousClock.now
        if let last = state.data.lastDiskCheck, clock - last < .seconds(2) { return false }
        state.data.lastDiskCheck = clock
        guard state.data.document.changedByOthers else { return false }
        _ = Reducer.receive(.changedByOthers, &state)
        return true
    }

    private static func isTyping(_ state: AppState) -> Bool {
        switch state.modal {
        case .search, .form: return true
        default: return false
        }
    }
}

/// The themes a user can choose from: those shipped in themes/ (built into the binary) and their
/// own in `$XDG_CONFIG_HOME/liaison/themes/`.
public enum ThemeCatalog {
    public static func shipped() -> [Theme] {
        let files: [(String, [UInt8])] = [
            ("themes/dark.json", PackageResources.dark_json), ("themes/light.json", PackageResources.light_json),
            ("themes/high-contrast.json", PackageResources.high_contrast_json), ("themes/monochrome.json", PackageResources.monochrome_json),
        ]
        // The shipped files are tested; a broken one would fail the build's tests, not a user.
        return files.compactMap { try? ThemeParser.parse($0.1, file: $0.0) }
    }

    /// Shipped themes, then the user's; problems name the file, the key and what is allowed.
    public static func all(userDirectory: String?) -> (themes: [Theme], problems: [String]) {
        var themes = shipped()
        var problems: [String] = []
        guard let userDirectory, let names = listJSONFiles(in: userDirectory) else { return (themes, problems) }
        for name in names {
            let path = userDirectory + "/" + name
            switch load(path: path) {
            case .success(let theme):
                themes.removeAll { $0.name == theme.name }
                themes.append(theme)
            case .failure(let error):
                problems.append(error.description)
            }
        }
        return (themes, problems)
    }

    public static func load(path: String) -> Result<Theme, ThemeError> {
        do {
            let bytes = try FileContents.read(path)
            return Result { () throws(ThemeError) in try ThemeParser.parse(bytes, file: path) }
        } catch {
            return .failure(ThemeError(file: path, key: "", problem: error.message))
        }
    }

    /// The index of the theme a name or a path asks for; a bad choice falls back to the first
    /// theme with a message saying why.
    public static func choose(_ choice: String?, in themes: inout [Theme]) -> (index: Int, problem: String?) {
        guard let choice, !choice.isEmpty else { return (0, nil) }
        if choice.contains("/") || choice.hasSuffix(".json") {
            switch load(path: choice) {
            case .success(let theme):
                themes.append(theme)
                return (themes.count - 1, nil)
            case .failure(let error):
                return (0, "\(error.description); using the \(themes[0].name) theme")
            }
        }
        if let index = themes.firstIndex(where: { $0.name == choice }) { return (index, nil) }
        return (0, "no theme is called \"\(choice)\" (themes: \(themes.map(\.name).joined(separator: ", "))); using \(themes[0].name)")
    }

    private static func listJSONFiles(in directory: String) -> [String]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".json") && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}

#if canImport(Glibc)
import Glibc
#endif
