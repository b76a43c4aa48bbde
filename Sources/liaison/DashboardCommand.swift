import ArgumentParser
import CursesTerminal
import LiaisonApp
import LiaisonCore
import TerminalUI

struct ThemeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A theme name (liaison themes lists them) or a theme file; default: $LIAISON_THEME, else the config file's theme, else light on a terminal whose COLORFGBG says it is light, else dark.", valueName: "name-or-path"))
    var theme: String?

    /// Where the user's own themes are; nil without a home folder (then only the built-in ones).
    var userThemeDirectory: String? { UserDirectories.config.map { $0 + "/liaison/themes" } }

    /// Every theme, the one chosen, and any problems to show (a broken theme never stops the program).
    func resolve() -> (themes: [Theme], index: Int, problems: [String]) {
        var (themes, problems) = ThemeCatalog.all(userDirectory: userThemeDirectory)
        let configured = (theme ?? environmentValue("LIAISON_THEME")) == nil ? (try? userConfig())?.theme : nil
        let choice = theme ?? environmentValue("LIAISON_THEME") ?? configured
            ?? (TerminalBackground.isLight(colorFGBG: environmentValue("COLORFGBG")) == true ? "light" : nil)
        let (index, problem) = ThemeCatalog.choose(choice, in: &themes)
        // A theme the settings file names is a problem of that file: say which.
        if let problem { problems.append(configured != nil ? "\(UserConfig.defaultPath ?? "config.json"): \"theme\": \(problem)" : problem) }
        return (themes, index, problems)
    }
}

struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the colour themes: shipped ones and yours in $XDG_CONFIG_HOME/liaison/themes/.")

    @OptionGroup var themeOptions: ThemeOptions

    func run() throws {
        let (themes, index, problems) = themeOptions.resolve()
        for (position, theme) in themes.enumerated() {
            Console.print("\(position == index ? "*" : " ") \(theme.name)")
        }
        for problem in problems { Console.note(problem) }
    }
}

/// Opens the dashboard on the data file, and gives the terminal back on every way out.
struct DashboardCommand {
    var dataOptions: DataOptions
    var themeOptions: ThemeOptions
    var mouse: Bool
    var readOnly = false

    func run() throws {
        // The terminal is checked before anything is loaded or drawn: a refusal prints one
        // line and no escape codes.
        guard CursesTerminal.canStart() else {
            throw CLIFailure.usage(CursesTerminal.whyNotStart())
        }
        let clock = ContinuousClock()
        let started = clock.now
        let (path, created) = try dataOptions.resolve()
        let today = try today()
        let (themes, chosenTheme, problems) = themeOptions.resolve()
        let readOnlyReason = readOnly ? "opened with --read-only" : nil
        // The first screen of the last start on the same bytes is drawn while they load.
        let cache = FirstScreenCache.user
        let cached = cache?.facts(for: path, today: today)
        var screen: StartedScreen?
        var cachedScreenShown: ContinuousClock.Instant?
        if let cached {
            screen = try StartedScreen(themes: themes, chosen: chosenTheme)
            // What the status line will say once loaded, known before: why the file is
            // read-only, why no journal can be kept.
            let storage = FileStorage(path: path)
            let readOnly = readOnlyReason ?? NetworkFile.readOnlyReason(path: storage.path, schemaVersion: cached.facts.schemaVersion)
            let journalProblem = Document.journal(on: storage, readOnly: readOnly != nil)?.prepare()
            var early = screen!.state(DataSnapshot(placeholderFor: storage.name, readOnlyReason: readOnly, journalProblem: journalProblem, today: today))
            early.preloaded = cached.facts
            early.message = Self.startMessage(problems: problems, terminal: screen!.terminal, journalProblem: journalProblem,
                                              readOnlyReason: readOnly, created: created)
            screen!.terminal.present(Screen.render(early))
            cachedScreenShown = clock.now
        }
        let document: Document
        do {
            document = try Document(storage: FileStorage(path: path), readOnlyReason: readOnlyReason)
        } catch {
            screen?.terminal.stop()
            throw CLIFailure.usage(error.description)
        }
        let loaded = clock.now
        let data = DataSnapshot(document: document, today: today)
        // The new-partner form offers the reference directory's entries once it is loaded; a
        // file that cannot be read offers nothing (`liaison directory find` names the problem).
        if let storage = DirectoryStorage.user {
            data.directoryLoading = BackgroundDirectory { (try? storage.load()) ?? [] }
        }
        if screen == nil { screen = try StartedScreen(themes: themes, chosen: chosenTheme) }
        let terminal = screen!.terminal
        var state = screen!.state(data)
        let prepared = clock.now
        if let cache {
            // The cached screen stands for this file only if the load shows the same.
            let confirmed = cached.map { $0.digest.version == document.version && OverviewFacts(data) == $0.facts } ?? false
            data.firstScreenKeeper = FirstScreenKeeper(cache: cache, dataPath: path, kept: confirmed ? document.version : nil)
        }
        state.mouseEnabled = try mouse || userConfig().mouse == true
        state.message = Self.startMessage(problems: problems, terminal: terminal, journalProblem: document.journalProblem,
                                          readOnlyReason: document.readOnlyReason, created: created)
        // Unsaved changes left by sessions that ended without saving are offered back first.
        if let offer = document.pendingRecovery() { Reducer.offerRecovery(offer, &state) }
        Dashboard.run(&state, on: terminal, stopRequested: { Signals.stopSignal.map { $0 != SIGINT } ?? false },
                      interrupted: Signals.takeInterrupt, suspendRequested: Signals.takeSuspend)
        terminal.stop()
        state.data.firstScreenKeeper?.finish(state.data)
        let unsaved = document.unsavedInJournal
        if unsaved > 0 {
            Console.note("\(Counted.text(unsaved, "unsaved change")) kept: the next start on \(document.name) offers \(unsaved == 1 ? "it" : "them") back")
        }
        if environmentValue("LIAISON_TRACE") != nil {
            let cachedNote = cachedScreenShown.map { ", first screen from the cache after \($0 - started)" } ?? ""
            Console.note("load \(loaded - started), state \(prepared - loaded)\(cachedNote)")
        }
        if let signal = Signals.stopSignal, signal != SIGINT {
            // Stopped by SIGTERM or SIGHUP: the terminal is restored; exit as the signal asks.
            throw CLIFailure(message: "", code: 128 + signal)
        }
    }

    /// What the status line says at the start: a problem with the settings, the terminal or the
    /// journal; else that the file is read-only, or was just made.
    static func startMessage(problems: [String], terminal: CursesTerminal, journalProblem: String?, readOnlyReason: String?,
                             created: String?) -> StatusMessage? {
        if let problem = problems.first ?? terminal.terminalNote ?? journalProblem {
            return StatusMessage(text: problem, kind: .warning)
        } else if let reason = readOnlyReason {
            return StatusMessage(text: "read-only: \(reason)", kind: .warning)
        } else if let created {
            return StatusMessage(text: created, kind: .info)
        }
        return nil
    }
}

/// The terminal taken over, with the themes it can show.
private struct StartedScreen {
    let terminal: CursesTerminal
    var themes: [Theme]
    var chosen: Int
    /// Why the theme cannot be changed, when it cannot.
    var themesFixedReason: String?

    init(themes: [Theme], chosen: Int) throws {
        Signals.install()
        do {
            terminal = try CursesTerminal.start()
        } catch {
            throw CLIFailure.usage(error.description)
        }
        (self.themes, self.chosen) = (themes, chosen)
        // Without colours (NO_COLOR, or a terminal that has none) a colour theme would lose its
        // selection and highlights: the attributes-only theme shows them instead.
        if terminal.colorDepth == .none, let monochrome = themes.first(where: { $0.name == "monochrome" }) {
            (self.themes, self.chosen) = ([monochrome], 0)
            themesFixedReason = environmentValue("NO_COLOR").map { _ in "NO_COLOR is set" } ?? "the terminal shows no colours"
        }
    }

    /// The dashboard's state on `data`, for this terminal.
    func state(_ data: DataSnapshot) -> AppState {
        var state = AppState(data: data, size: terminal.size, themes: themes, themeIndex: chosen)
        state.themesFixedReason = themesFixedReason
        return state
    }
}

#if canImport(Glibc)
import Glibc
#endif
