/// One problem found in a network file or a record, with where it is.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        /// The file is refused (or the edit is not accepted).
        case error
        /// The file loads, and the problem is shown.
        case warning
    }

    public var severity: Severity
    /// JSON path, `partners[12].country`; empty for the document as a whole.
    public var path: String
    public var message: String
    /// Line and column of a syntax error.
    public var line: Int?
    public var column: Int?
    /// A warning that keeps a loaded file's value but refuses the same value when it is typed or
    /// imported (FieldRules says which). Errors always refuse.
    public var refusesInput: Bool

    public init(_ severity: Severity, path: String, _ message: String, line: Int? = nil, column: Int? = nil, refusesInput: Bool = false) {
        self.severity = severity
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.refusesInput = severity == .error || refusesInput
    }

    public var description: String {
        var text = ""
        if let line, let column { text += "line \(line), column \(column): " }
        if !path.isEmpty { text += "\(path): " }
        return text + message
    }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
