import ArgumentParser

/// `liaison ewp`: Erasmus Without Paper IIA files.
struct EWPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ewp",
        abstract: "Erasmus Without Paper: compare IIA v7 get-responses with the network.",
        subcommands: [EWPDiff.self]
    )
}
