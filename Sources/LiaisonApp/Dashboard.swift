import LiaisonCore
import TerminalUI

/// The main loop: read input, update the state, draw. All terminal work goes through the
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
                } else if !state.prepareInBackground() && noticeChangeOnDisk(&state) {
                    terminal.present(Screen.render(state))
                }
                continue
            }
            if event == .resize { state.size = terminal.size }
            // A message lasts until the next key, unless the key brings a new one.
            if case .key = event, !isTyping(state) { state.message = nil }
            for effect in Reducer.handle(event, &state) {
                switch effect {
                case .quit: break
                case .setMouse(let enabled): terminal.setMouse(enabled)
                case .save(let thenQuit):
                    if save(&state, thenQuit: thenQuit) && thenQuit { state.shouldQuit = true }
                case .resolveConflicts:
                    if saveResolved(&state) { state.shouldQuit = true }
                case .reload: reload(&state)
                }
            }
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

    /// Saves through the shared save: under the lock, merged with what others saved since the
    /// file was loaded. Changed partners get `updatedAt` and `updatedBy`. Returns whether it saved.
    @discardableResult
    public static func save(_ state: inout AppState, thenQuit: Bool = false) -> Bool {
        let data = state.data
        guard let path = data.path else {
            state.message = StatusMessage(text: "this network has no file to save to", kind: .error)
            return false
        }
        let store = data.store
        guard store.unsavedChanges > 0 || store.network != data.base else {
            state.message = StatusMessage(text: "nothing to save", kind: .info)
            return true
        }
        return write(stamped(store.network, since: data.base), base: data.base, baseStamp: data.stamp, to: path, &state, thenQuit: thenQuit)
    }

    /// Saves the merge of a conflicted save with the user's choices, against the file it was
    /// made with. Returns whether the program should quit now (saved, and quitting was asked).
    static func saveResolved(_ state: inout AppState) -> Bool {
        guard case .conflicts(let conflicts) = state.modal, let path = state.data.path else { return false }
        state.modal = nil
        let resolved = Merge.resolve(conflicts.merge, keepMine: conflicts.keepMine.map { $0 ?? false })
        let saved = write(resolved, base: conflicts.theirs, baseStamp: conflicts.theirStamp, to: path, &state, thenQuit: conflicts.thenQuit)
        return saved && conflicts.thenQuit
    }

    /// Changed partners get `updatedAt` and `updatedBy`.
    private static func stamped(_ network: Network, since base: Network) -> Network {
        var network = network
        let before = Dictionary(base.partners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let now = ChangeStamp.now()
        let login = ChangeStamp.loginName()
        for index in network.partners.indices where before[network.partners[index].id] != network.partners[index] {
            network.partners[index].updatedAt = now
            network.partners[index].updatedBy = login
        }
        return network
    }

    /// The shared save, and what follows it: the saved network shown, the journal dropped; on
    /// conflicts, the dialog that decides them.
    private static func write(_ network: Network, base: Network, baseStamp: FileStamp?, to path: String,
                              _ state: inout AppState, thenQuit: Bool) -> Bool {
        let data = state.data
        do {
            let saved = try SharedSave.save(network, base: base, baseStamp: baseStamp, to: path)
            data.base = saved.network
            data.stamp = saved.stamp
            state.changedOnDisk = false
            if saved.network != data.store.network {
                // What is on disk now (stamps, others' changes) becomes what is shown.
                data.store.replaceAll(with: saved.network)
            }
            data.store.markSaved()
            data.journal?.remove()
            state.networkChanged()
            state.message = StatusMessage(text: saved.merged ? "saved, merged with changes others saved meanwhile" : "saved", kind: .info)
            return true
        } catch {
            if case .conflicts(let merge, let theirs, let theirStamp) = error {
                state.modal = .conflicts(ConflictState(merge: merge, theirs: theirs, theirStamp: theirStamp, thenQuit: thenQuit))
                state.message = StatusMessage(text: "\(merge.conflicts.count) conflict\(merge.conflicts.count == 1 ? "" : "s") with changes others saved: decide each", kind: .warning)
            } else {
                state.message = StatusMessage(text: "not saved: \(error.description)", kind: .error)
            }
            return false
        }
    }

    /// Whether the file on disk changed since it was loaded or saved (checked when idle, at most
    /// every two seconds). Returns true when that became known just now.
    private static func noticeChangeOnDisk(_ state: inout AppState) -> Bool {
        guard let path = state.data.path, !state.changedOnDisk else { return false }
        let clock = ContinuousClock.now
        if let last = state.data.lastDiskCheck, clock - last < .seconds(2) { return false }
        state.data.lastDiskCheck = clock
        guard let stamp = FileStamp.of(path: path), stamp != state.data.stamp else { return false }
        state.changedOnDisk = true
        state.message = StatusMessage(text: "someone saved the file: R reloads it, keeping your unsaved changes", kind: .warning)
        return true
    }

    /// Loads the file again and merges the unsaved changes into it, as a save would.
    public static func reload(_ state: inout AppState) {
        let data = state.data
        guard let path = data.path else { return }
        let theirs: NetworkFile
        do {
            theirs = try NetworkFile.load(path: path)
        } catch {
            state.message = StatusMessage(text: "not reloaded: \(error)", kind: .error)
            return
        }
        let merge = Merge.merge(base: data.base, mine: data.store.network, theirs: theirs.network)
        guard merge.conflicts.isEmpty else {
            state.message = StatusMessage(text: "not reloaded: \(merge.conflicts.count) conflict(s) with your unsaved changes; Ctrl-S saves and lets you decide each", kind: .error)
            return
        }
        data.base = theirs.network
        data.stamp = theirs.stamp
        data.store.replaceAll(with: merge.network, unsaved: merge.network != theirs.network)
        state.changedOnDisk = false
        state.networkChanged()
        state.message = StatusMessage(text: "reloaded" + (merge.network != theirs.network ? ", with your unsaved changes kept" : ""), kind: .info)
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
