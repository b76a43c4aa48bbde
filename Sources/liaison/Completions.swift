import ArgumentParser
import LiaisonCore

/// What the shells' completion offers beyond ArgumentParser's own (subcommands, options, the
/// values of a fixed list such as `list`'s kinds): the ids of the records in the data file.
/// The shell runs this at each Tab, so it creates no file, prints no note, and offers nothing
/// for a file it cannot read.
enum Completions {
    /// For an argument that names a record (`show`, `set`, `delete`, `history`).
    static let recordIds = CompletionKind.custom { words, _, prefix in
        dataPath(in: words).map { recordIds(in: $0, startingWith: prefix) } ?? []
    }

    static func recordIds(in path: String, startingWith prefix: String) -> [String] {
        guard let network = try? NetworkFile.load(path: path).network else { return [] }
        return RecordKind.allCases.flatMap { network.ids(of: $0) }.filter { $0.hasPrefix(prefix) }
    }

    /// The data file the command line being completed names with --data, else the one the
    /// command would use. The shell hands its words over as typed: quotes are taken off and a
    /// leading ~/ is the home folder, as the shell will make them when the command runs.
    static func dataPath(in words: [String]) -> String? {
        var given: String?
        for (index, word) in words.enumerated() {
            if word == "--data", index + 1 < words.count {
                given = words[index + 1]
            } else if word.hasPrefix("--data=") {
                given = String(word.dropFirst("--data=".count))
            }
        }
        return DataOptions.path(given: given.map(asShellMakesIt))
    }

    /// 'a b' and "a b" lose their quotes, a\ b its backslash, ~/ becomes the home folder.
    private static func asShellMakesIt(_ word: String) -> String {
        var word = word
        if word.count >= 2, let quote = word.first, quote == "'" || quote == "\"", word.last == quote {
            word = String(word.dropFirst().dropLast())
        } else {
            var unescaped = ""
            var escaping = false
            for character in word {
                if character == "\\" && !escaping { escaping = true; continue }
                unescaped.append(character)
                escaping = false
            }
            word = unescaped
        }
        return UserDirectories.expandingHome(word, home: environmentValue("HOME"))
    }
}
