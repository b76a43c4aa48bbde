/// One finding of `liaison doctor`: what it is about, how it stands, what it means in plain
/// words, and the command that fixes it (nil when nothing needs fixing or no command can).
public struct DeploymentCheck: Equatable, Sendable {
    public enum Status: String, Sendable, Comparable {
        case ok, warning, problem

        private var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }
        public static func < (left: Status, right: Status) -> Bool { left.rank < right.rank }
    }

    /// What the check is about: directory, file, lock, backup, people, you, locking, locale, terminal.
    public var subject: String
    public var status: Status
    public var text: String
    public var fix: String?

    public init(_ subject: String, _ status: Status, _ text: String, fix: String? = nil) {
        self.subject = subject
        self.status = status
        self.text = text
        self.fix = fix
    }
}

/// Words for a fix command, quoted so that a shell reads them back unchanged.
enum ShellWord {
    static func quote(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+=:,@%".contains($0)) }
        if plain && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func command(_ words: String...) -> String { words.map(quote).joined(separator: " ") }
}
