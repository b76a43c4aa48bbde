import ArgumentParser
import LiaisonCore
#if canImport(Glibc)
import Glibc
#endif

struct Liaison: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liaison",
        abstract: "The International Office's partner network: partners, agreements, objectives, events and contacts.",
        // The man pages are this text copied into mdoc, which fills lines together and warns
        // of an empty one: paragraphs are not parted by empty lines, an indented example line
        // stays a line of its own (within 72 columns, or mdoc breaks it), and no prose follows
        // one (it would be filled onto the example).
        discussion: """
        With no subcommand, liaison opens the dashboard (keys: ? inside it, or docs/keybindings.md). \
        On a server, staff reach it over SSH with a forced command (docs/deployment.md). \
        The data file: --data PATH, else $LIAISON_DATA, else the settings file's "data", else $XDG_DATA_HOME/liaison/network.json, \
        created from the built-in RUB sample network on first use.
        Exit codes: 0 found/ok, 1 nothing found or validation errors, 2 usage, an unreadable file \
        or output that could not be written. A closed pipe (| head) ends liaison quietly by SIGPIPE.
        Tables are fitted to the terminal's width: ids and dates are never cut; less important columns \
        are left out first (said below the table), and names are cut last. Piped output has every column. \
        Output longer than the screen goes through the pager when it is a terminal (--no-pager turns it off).
        Settings: ~/.config/liaison/config.json (data, theme, mouse, pager; README, Settings); \
        an option wins over the environment, which wins over the settings.
        Environment variables (one per line; man ./docs/liaison.1 lists them too):
        LIAISON_DATA: the data file when --data is not given.
        XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_CACHE_HOME: the folders of the data file \
        (~/.local/share), themes and settings (~/.config), journals (~/.local/state), first screens (~/.cache).
        LIAISON_THEME: the dashboard's colour theme when --theme is not given.
        NO_COLOR: set to anything, the dashboard draws without colours.
        COLORFGBG: set by some terminals; a light background (as in 0;15) makes light the default theme.
        LIAISON_ASCII=1: the dashboard draws in ASCII, for a terminal set to another character set.
        ESCDELAY: milliseconds the dashboard waits after Esc for the rest of a key (default 25).
        TERM: the terminal type.
        LANG, LC_ALL, LC_CTYPE: the character set (the dashboard uses UTF-8 where they name none).
        TZ: the time zone whose date is today.
        LIAISON_TODAY=YYYY-MM-DD: today, fixed, for reproducible reports and tests.
        PAGER: the pager for output longer than the screen (default less; empty or cat: none).
        LESS: the options of less (default FRX).
        COLUMNS: the width of --help text when it is not on a terminal.
        SSH_ORIGINAL_COMMAND, SSH_CONNECTION: set by sshd; with --ssh-lookups the first is the lookup to run.
        LIAISON_TRACE: when set, the dashboard says on stderr, as it ends, how long loading took and when a cached first screen was drawn.
        Look things up from the shell (or over SSH: ssh office liaison find x):
          liaison find krakow                    search all; diacritics optional
          liaison find country:JP expires:<180d  filters (liaison find --help)
          liaison show utokyo                    one record with its links
          liaison list partners --sort next-end  tables of every kind of record
          liaison expiring --within 1y           agreements that end soon
          liaison stats                          counts by region, country, type
          liaison report -o report.html          the report for the rectorate
          liaison history utokyo --since 30d     who saved which change, when
          liaison import partners list.csv --dry-run  what a sheet would change
          liaison doctor                         checks a shared set-up
          liaison --data FILE --ssh-lookups      forced command; SSH lookups too
        """,
        version: "0.1.0",
        subcommands: [Find.self, Show.self, List.self, Stats.self, Expiring.self, Report.self, Validate.self, Format.self, Export.self, Import.self, SetCommand.self, Add.self, Delete.self, History.self, Doctor.self, Themes.self, DirectoryCommand.self, EWPCommand.self, Check.self]
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var themeOptions: ThemeOptions
    // Accepted before a subcommand too, as git takes it (liaison --no-pager list partners).
    @OptionGroup(visibility: .hidden) var pagerOptions: PagerOptions

    @Flag(name: .long, help: "Start with the mouse on (click to select, wheel to scroll); m toggles it.")
    var mouse = false

    @Flag(name: .long, help: "Open the dashboard read-only: browse, but change nothing.")
    var readOnly = false

    @Flag(name: .long, help: "For an SSH forced command: run a lookup sent over SSH (SSH_ORIGINAL_COMMAND, as in ssh office liaison find krakow), split into words without a shell; anything else is refused.")
    var sshLookups = false

    /// With no subcommand: the interactive dashboard, or under `--ssh-lookups` the lookup sent.
    func run() throws {
        if sshLookups, let sent = environmentValue("SSH_ORIGINAL_COMMAND") {
            try getenv("SSH_ORIGINAL_COMMAND").map { try ArgumentEncoding.check($0, name: "the command sent over SSH") }
            let lookup = try SSHLookup(sent)
            if !lookup.words.isEmpty {
                var command = try Liaison.parseAsRoot(lookup.arguments(dataPath: dataOptions.data))
                try command.run()
                return
            }
        }
        try DashboardCommand(dataOptions: dataOptions, themeOptions: themeOptions, mouse: mouse, readOnly: readOnly).run()
    }
}
