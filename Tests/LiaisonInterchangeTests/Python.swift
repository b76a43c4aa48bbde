import Foundation

/// Python 3 and its modules for tests that check a file with what other programs read it with
/// (openpyxl for workbooks). Where they are missing a test is skipped with its reason; with CI
/// set it runs (and fails without them), since `.ci/run` installs them.
enum Python {
    static let onCI = ProcessInfo.processInfo.environment["CI"] != nil

    /// Whether python3 can import the module (always true on CI, where a missing one must fail).
    static func has(_ module: String) -> Bool {
        onCI || (try? run("import \(module)", arguments: []))?.status == 0
    }

    static let openpyxl = has("openpyxl")

    /// Runs the script with its arguments: its status and standard output.
    static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try ExternalProgram.run("python3", ["-c", script] + arguments)
    }

    /// A path for a file the test makes and removes.
    static func temporaryPath(_ suffix: String) -> String {
        NSTemporaryDirectory() + "liaison-\(UUID().uuidString)\(suffix)"
    }
}
