import Foundation
import Testing
import LiaisonCore

@Suite("liaison-bench generate")
struct GenerateCommandTests {
    @Test("writes a network that liaison validate accepts, in canonical form, the same for the same seed")
    func generate() throws {
        let directory = NSTemporaryDirectory() + "liaison-generate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let generated = try CLI.run(["generate", "300", "--seed", "7"], program: CLI.bench)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stderr.isEmpty)
        let path = directory + "/net-300.json"
        try generated.stdout.write(toFile: path, atomically: true, encoding: .utf8)

        let validated = try CLI.run(["validate", path])
        #expect(validated.status == 0)
        #expect(validated.stdout + validated.stderr == "\(path): 0 errors, 0 warnings; the file is valid\n")
        let check = try CLI.run(["format", "--check", path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try NetworkFile.load(path: path).network.partners.count == 300)

        #expect(try CLI.run(["generate", "300", "--seed", "7"], program: CLI.bench).stdout == generated.stdout)
        #expect(try CLI.run(["generate", "300"], program: CLI.bench).stdout != generated.stdout)
    }

    @Test("a missing or negative count is refused with the usage")
    func refused() throws {
        for arguments in [["generate"], ["generate", "--", "-5"], ["generate", "many"]] {
            let result = try CLI.run(arguments, program: CLI.bench)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("Usage: liaison-bench generate <partners> [--seed <seed>]"), "\(result.stderr)")
        }
    }
}
