import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

// Exit codes are part of the CLI's contract: 0 found/ok, 1 nothing found or validation errors,
// 2 usage, an unreadable file or output that could not be written. ArgumentParser's own usage
// code (64) is mapped to 2 here.
do {
    try ArgumentEncoding.checkArguments()
    var command = try Liaison.parseAsRoot()
    try command.run()
    Console.finish()
} catch let failure as CLIFailure {
    if !failure.message.isEmpty { Console.error(failure.message) }
    Console.finish()
    exit(failure.code)
} catch {
    let code = Liaison.exitCode(for: error)
    if code == .success {
        // --help, --version, a completion script: written by Console, so that a failed write
        // is an error here too.
        let text = Liaison.fullMessage(for: error)
        if !text.isEmpty { Console.printOwnText(text) }
        Console.finish()
        exit(0)
    }
    // Output held for the pager is shown before the program ends, whatever the error.
    if code == .failure && error is ExitCode {
        Console.finish()
        Liaison.exit(withError: error)
    }
    Console.error(Liaison.fullMessage(for: error))
    Console.finish()
    exit(2)
}
