import ArgumentParser
import LiaisonCore
import LiaisonInterchange
#if canImport(Glibc)
import Glibc
#endif

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the report for the rectorate: one HTML file that prints on A4, or Markdown.",
        discussion: """
        Partners by region, country, type and status; agreements by kind and by end year; \
        exchange places per region; agreements ending in the next 12 months with their partners' \
        contacts; the events of the year; each strategy objective with the partners and events \
        serving it. The numbers are those `liaison stats --within 12m` prints.
        The HTML is one self-contained file (its CSS and bar charts inline, no scripts, nothing \
        fetched): open it in a browser and print it, or print it to PDF. Data is shown as text, \
        never markup; control characters show as visible placeholders, as in the tables.
        HTML is not printed to a terminal: give -o FILE, or --format md to read it there. \
        -o replaces FILE atomically (no FILE.bak is kept).
        LIAISON_TODAY=YYYY-MM-DD fixes the day it is made on.
        Examples:
          liaison report -o report.html
          liaison report --year 2025 -o report-2025.html
          liaison report --format md | less
          chromium --headless --print-to-pdf=report.pdf report.html
        """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case html, md }

    @Option(name: .long, help: "The report's format: html, or md for Markdown.")
    var format: OutputFormat = .html

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (replaced atomically) instead of stdout.", valueName: "file"),
            completion: .file(extensions: ["html", "md"]))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("The year whose events are listed (default: this year).", valueName: "YYYY"))
    var year: Int?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if let year, !(1000...9999).contains(year) { throw ValidationError("--year \(year): expected a year of four digits, as in 2026") }
    }

    func run() throws {
        if output == nil, format == .html, Console.isTerminal {
            throw CLIFailure.usage("the HTML report is a file for a browser, not for the terminal: write it with -o report.html, "
                + "pipe it (liaison report > report.html), or read the report here with --format md")
        }
        let path = try dataOptions.resolvedPath()
        let network = try dataOptions.load().network
        let day = try today()
        let document = RectorateReport(network: network, today: day, year: year ?? day.year, source: path).document
        let text = format == .html ? ReportHTML.render(document) : ReportMarkdown.render(document)
        // Already free of the characters a terminal acts on (ReportText): the same bytes piped or not.
        try OutputDestination(path: output).write(Array(text.utf8))
        if let output { Console.print("wrote the report to \(output)") }
    }
}
