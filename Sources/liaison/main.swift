import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

// Exit codes are part of the CLI's contract: 0 found/ok, 1 nothing found or validation errors,
// 2 usage or unreadable file. ArgumentParser's own usage code (64) is mapped to 2 here.
do {
    var command = try Liaison.parseAsRoot()
    try command.run()
} catch let failure as CLIFailure {
    if !failure.message.isEmpty { Console.error(failure.message) }
    exit(failure.code)
} catch {
    let code = Liaison.exitCode(for: error)
    if code == .success || code == .failure && error is ExitCode {
        Liaison.exit(withError: error)
    }
    Console.error(Liaison.fullMessage(for: error))
    exit(2)
}
