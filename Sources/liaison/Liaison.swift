import ArgumentParser
import LiaisonCore

struct Liaison: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liaison",
        abstract: "The International Office's partner network: partners, agreements, objectives, events and contacts.",
        discussion: """
        With no subcommand, liaison opens the dashboard (keys: ? inside it, or docs/keybindings.md).

        Look things up from the shell:
          liaison find krakow                    search everything (diacritics optional)
          liaison find country:JP expires:<180d  filters: country type status tag kind expires since
          liaison show utokyo                    one record with its links
          liaison list partners --sort next-end  tables of partners, events, objectives, contacts
          liaison expiring --within 1y           agreements that end soon
          liaison stats                          counts by region, country, type and status

        The data file: --data PATH, else $LIAISON_DATA, else $XDG_DATA_HOME/liaison/network.json,
        created from the built-in RUB sample network on first use.
        Exit codes: 0 found/ok, 1 nothing found or validation errors, 2 usage, an
        unreadable file or output that could not be written. A closed pipe (| head)
        ends liaison quietly by SIGPIPE.
        """,
        version: "0.1.0",
        subcommands: [Find.self, Show.self, List.self, Stats.self, Expiring.self, Validate.self, Format.self, Export.self, SetCommand.self, Add.self, Delete.self, Themes.self]
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var themeOptions: ThemeOptions

    @Flag(name: .long, help: "Start with the mouse on (click to select, wheel to scroll); m toggles it.")
    var mouse = false

    @Flag(name: .long, help: "Open the dashboard read-only: browse, but change nothing.")
    var readOnly = false

    /// With no subcommand: the interactive dashboard.
    func run() throws {
        try DashboardCommand(dataOptions: dataOptions, themeOptions: themeOptions, mouse: mouse, readOnly: readOnly).run()
    }
}
