import ArgumentParser
import LiaisonCore

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a network file and list every problem with its JSON path.",
        discussion: "Errors (exit 1) stop the program from loading the file; warnings are shown and the file loads."
    )

    @Argument(help: "The file to check (default: the data file).", completion: .file())
    var file: String?

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var pager: PagerOptions

    func run() throws {
        pager.start()
        let path = try file ?? dataOptions.resolvedPath()
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try NetworkFile.load(path: path).warnings
        } catch {
            switch error {
            case .unreadable(let failure): throw CLIFailure.usage(failure.description)
            case .invalid(_, let found): diagnostics = found
            }
        }
        let errors = diagnostics.errors
        let warnings = diagnostics.warnings
        if output.json {
            func list(_ items: [Diagnostic]) -> JSONValue {
                .array(items.map { item in
                    JSONOutput.object([("path", .string(item.path)), ("message", .string(item.message)),
                                       ("line", item.line.map(JSONOutput.int)), ("column", item.column.map(JSONOutput.int))])
                })
            }
            JSONOutput.print(JSONOutput.object([("file", .string(path)), ("valid", .bool(errors.isEmpty)),
                                                ("errors", list(errors)), ("warnings", list(warnings))]))
        } else {
            for item in errors { Console.print("\(path): error: \(item)") }
            for item in warnings { Console.print("\(path): warning: \(item)") }
            let summary = "\(path): \(Counted.text(errors.count, "error")), \(Counted.text(warnings.count, "warning"))"
            Console.print(errors.isEmpty ? summary + "; the file is valid" : summary + "; the file will not load")
        }
        if !errors.isEmpty { throw CLIFailure.failed }
    }
}

struct Format: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite a network file in canonical form (key order, indentation), safely.",
        discussion: "The previous version is kept as FILE.bak. With --check nothing is written: exit 1 if the file is not canonical (for git hooks)."
    )

    @Argument(help: "The file to format (default: the data file).", completion: .file())
    var file: String?

    @Flag(name: .long, help: "Only report whether the file is in canonical form.")
    var check = false

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let path = try file ?? dataOptions.resolvedPath()
        let storage = FileStorage(path: path)
        let document: Document
        do {
            document = try Document(storage: storage, journaling: false)
        } catch {
            if !error.diagnostics.isEmpty {
                Console.error(error.description)
                throw CLIFailure.failed
            }
            throw CLIFailure.usage(error.description)
        }
        let canonical: Bool
        do {
            canonical = try storage.isCanonical(document.network)
        } catch {
            throw CLIFailure.usage(error.description)
        }
        if canonical {
            Console.print("\(path) is in canonical form")
            return
        }
        if check {
            Console.print("\(path) is not in canonical form (`liaison format \(path)` rewrites it)")
            throw CLIFailure.failed
        }
        if let reason = document.readOnlyReason { throw CLIFailure.usage("\(path) was not formatted: \(reason)") }
        // Through the Document: under the lock and merged, so a save made meanwhile is kept.
        switch document.rewrite() {
        case .saved(let merged):
            Console.print("formatted \(path) (the previous version is in \(path).bak)" + (merged ? "; changes others saved meanwhile are kept" : ""))
        case .conflicts, .nothingToSave:
            // Formatting changes no value, so a merge with it cannot conflict.
            Console.print("formatted \(path)")
        case .failed(let reason):
            throw CLIFailure.usage("\(path) was not formatted: \(reason)")
        }
    }
}
