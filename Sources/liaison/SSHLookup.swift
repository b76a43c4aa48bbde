import ArgumentParser

/// A command sent over SSH to an account whose key runs Liaison as its forced command
/// (`ssh office liaison find kraków`): sshd runs the forced command instead and puts the words
/// the client sent into SSH_ORIGINAL_COMMAND. With `--ssh-lookups` they are run if they ask
/// for a lookup; anything that could change a file, or reach another file than the forced
/// command's, is refused. The words are split here, as a shell would split them but without
/// one: nothing is expanded, substituted or redirected.
struct SSHLookup {
    /// Commands that only read the network file and write to stdout.
    static let allowed: [String] = ["find", "show", "list", "expiring", "stats", "export", "validate", "history", "doctor"]
    /// Of those, the ones whose positional argument is a file: only their options may be given.
    static let takingFiles: Set<String> = ["validate", "doctor"]

    /// The words of the command, without a leading `liaison`; empty asks for the dashboard.
    let words: [String]

    init(_ commandLine: String) throws {
        var words = try Self.split(commandLine)
        if let first = words.first, first == "liaison" || first.hasSuffix("/liaison") { words.removeFirst() }
        self.words = words
        guard let command = words.first else { return }
        guard Self.allowed.contains(command) else {
            throw CLIFailure.usage("over SSH only lookups run (\(Self.allowed.joined(separator: ", "))); \"\(command)\" is not one")
        }
        for word in words.dropFirst() {
            if word == "--data" || word.hasPrefix("--data=") {
                throw CLIFailure.usage("over SSH the data file is the one this key opens; --data is not accepted")
            }
            if Self.namesOutputFile(word) {
                throw CLIFailure.usage("over SSH a lookup writes to its standard output only; \(word.prefix(2) == "--" ? "--output" : "-o") is not accepted")
            }
            if Self.takingFiles.contains(command) && !word.hasPrefix("-") {
                throw CLIFailure.usage("over SSH \(command) checks the file this key opens; \"\(word)\" is not accepted")
            }
        }
    }

    /// `-o FILE`, `--output FILE` (`export`): a file the lookup would write. A group of short
    /// options (`-xo`) with an o in it counts too.
    static func namesOutputFile(_ word: String) -> Bool {
        if word.hasPrefix("--") { return word == "--output" || word.hasPrefix("--output=") }
        return word.hasPrefix("-") && word.dropFirst().contains("o")
    }

    /// The arguments to run: the lookup, with the forced command's data file if it named one.
    func arguments(dataPath: String?) -> [String] {
        guard let command = words.first else { return [] }
        return [command] + (dataPath.map { ["--data", $0] } ?? []) + words.dropFirst()
    }

    /// Splits a command line into words as sh does for plain words, single quotes, double
    /// quotes and backslashes; every other character is only text.
    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                while true {
                    guard let next = characters.next() else { throw CLIFailure.usage("the command sent over SSH has a ' without its closing '") }
                    if next == "'" { break }
                    word.append(next)
                }
            case "\"":
                inWord = true
                while true {
                    guard let next = characters.next() else { throw CLIFailure.usage("the command sent over SSH has a \" without its closing \"") }
                    if next == "\"" { break }
                    if next == "\\", let escaped = characters.next() {
                        if !"\"\\$`".contains(escaped) { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
            case "\\":
                inWord = true
                if let escaped = characters.next(), escaped != "\n" { word.append(escaped) }
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
