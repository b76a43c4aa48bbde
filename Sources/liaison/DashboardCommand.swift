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
        let document: Document
        do {
            document = try Document(storage: FileStorage(path: path), readOnlyReason: readOnly ? "opened with --read-only" : nil)
        } catch {
            throw CLIFailure.usage(error.description)
        }
        let loaded = clock.now
        var (themes, chosenTheme, problems) = themeOptions.resolve()
        let data = DataSnapshot(document: document, today: try today())
        // The new-partner form offers the reference directory's entries once it is loaded; a
        // file that cannot be read offers nothing (`liaison directory find` names the problem).
        if let storage = DirectoryStorage.user {
            data.directoryLoading = BackgroundDirectory { (try? storage.load()) ?? [] }
        }
        Signals.install()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal.start()
        } catch {
            throw CLIFailure.usage(error.description)
        }
        // Without colours (NO_COLOR, or a terminal that has none) a colour theme would lose its
        // selection and highlights: the attributes-only theme shows them instead.
        var themesFixedReason: String?
        if terminal.colorDepth == .none, let monochrome = themes.first(where: { $0.name == "monochrome" }) {
            (themes, chosenTheme) = ([monochrome], 0)
            themesFixedReason = environmentValue("NO_COLOR").map { _ in "NO_COLOR is set" } ?? "the terminal shows no colours"
        }
        var state = AppState(data: data, size: terminal.size, themes: themes, themeIndex: chosenTheme)
        state.themesFixedReason = themesFixedReason
        let prepared = clock.now
        state.mouseEnabled = try mouse || userConfig().mouse == true
        if let problem = problems.first ?? terminal.terminalNote ?? document.journalProblem {
            state.message = StatusMessage(text: problem, kind: .warning)
        } else if let reason = document.readOnlyReason {
            state.message = StatusMessage(text: "read-only: \(reason)", kind: .warning)
        } else if let created {
            state.message = StatusMessage(text: created, kind: .info)
        }
        // Unsaved changes left by sessions that ended without saving are offered back first.
        if let offer = document.pendingRecovery() { Reducer.offerRecovery(offer, &state) }
        Dashboard.run(&state, on: terminal, stopRequested: { Signals.stopSignal.map { $0 != SIGINT } ?? false },
                      interrupted: Signals.takeInterrupt, suspendRequested: Signals.takeSuspend)
        terminal.stop()
        let unsaved = state.data.store.unsavedChanges
        if unsaved > 0 && document.journalProblem == nil && document.readOnlyReason == nil {
            Console.note("\(Counted.text(unsaved, "unsaved change")) kept: the next start on \(document.name) offers \(unsaved == 1 ? "it" : "them") back")
        }
        if environmentValue("LIAISON_TRACE") != nil {
            Console.note("load \(loaded - started), state \(prepared - loaded)")
        }
        if let signal = Signals.stopSignal, signal != SIGINT {
            // Stopped by SIGTERM or SIGHUP: the terminal is restored; exit as the signal asks.
            throw CLIFailure(message: "", code: 128 + signal)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
