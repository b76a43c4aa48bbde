import ArgumentParser
import CursesTerminal
import LiaisonCore

/// `liaison doctor [FILE]`: checks a deployment (modes, groups, locks, locale, terminal) as the
/// user who runs it, and says what is wrong and which command fixes it.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a deployment: who may read and save the file, its lock, backup and history, the locale, the terminal.",
        discussion: """
        Run it as each kind of user (a staff member, a viewer): it answers for the one who runs it.
        Exit codes: 0 nothing wrong (warnings may be shown), 1 problems found.
        """
    )

    @Argument(help: "The network file (default: the data file).", completion: .file())
    var file: String?

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let path = try file ?? dataOptions.chosenPath()
        let term = environmentValue("TERM")
        let terminal = TerminalFacts(term: term, drawnAs: term.flatMap(CursesTerminal.terminalType(for:)),
                                     outputIsTerminal: Console.isTerminal)
        let checks = DeploymentFacts.gather(path: path, terminal: terminal).checks()
        let problems = checks.filter { $0.status == .problem }.count
        let warnings = checks.filter { $0.status == .warning }.count
        if output.json {
            JSONOutput.print(JSONOutput.object([
                ("file", .string(path)),
                ("problems", JSONOutput.int(problems)),
                ("warnings", JSONOutput.int(warnings)),
                ("checks", .array(checks.map { check in
                    JSONOutput.object([("subject", .string(check.subject)), ("status", .string(check.status.rawValue)),
                                       ("text", .string(check.text)), ("fix", check.fix.map(JSONValue.string))])
                })),
            ]))
        } else {
            let subjectWidth = checks.map(\.subject.count).max() ?? 0
            for check in checks {
                let status = check.status.rawValue.padding(toLength: 8)
                let subject = check.subject.padding(toLength: subjectWidth)
                Console.print(lead: "\(status) \(subject)  ", check.text)
                if let fix = check.fix {
                    Console.print(lead: "\("".padding(toLength: 8 + subjectWidth + 1))  fix: ", fix)
                }
            }
            let summary = problems == 0 && warnings == 0 ? "nothing wrong"
                : Counted.text(problems, "problem") + ", " + Counted.text(warnings, "warning")
            Console.print("\(path): \(summary)")
        }
        if problems > 0 { throw CLIFailure.failed }
    }
}

private extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
