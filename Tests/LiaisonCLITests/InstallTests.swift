import Foundation
import LiaisonCore
import Testing

/// What README's install command puts on a server: `DESTDIR=… ./install.sh --prefix /usr/local`
/// into .build-static/test-install, once for the test run. Its release build with the Swift libraries
/// linked in takes about a minute on two cores the first time (docs/performance.md), and goes
/// to .build-static, which later runs only bring up to date.
struct Installation: Sendable {
    let root: String
    var binary: String { root + "/bin/liaison" }
    var manuals: String { root + "/share/man/man1" }
    var bashCompletion: String { root + "/share/bash-completion/completions/liaison" }
    var zshCompletion: String { root + "/share/zsh/site-functions/_liaison" }
    var fishCompletion: String { root + "/share/fish/vendor_completions.d/liaison.fish" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let shared: Result<Installation, Failure> = {
        // Beside the build, replaced by each run: 80 MB that piles up nowhere.
        let destination = CLI.repositoryRoot + "/.build-static/test-install"
        let prefix = "/usr/local"
        let log = destination + ".log"
        try? FileManager.default.removeItem(atPath: destination)
        try? FileManager.default.createDirectory(atPath: CLI.repositoryRoot + "/.build-static", withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.repositoryRoot + "/install.sh")
        process.arguments = ["--prefix", prefix]
        process.environment = ProcessInfo.processInfo.environment.merging(["DESTDIR": destination]) { $1 }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = process.standardOutput
        do {
            try process.run()
        } catch {
            return .failure(Failure(description: "install.sh did not start: \(error)"))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return .failure(Failure(description: "install.sh failed (\(process.terminationStatus)):\n\(output.suffix(3000))"))
        }
        return .success(Installation(root: destination + prefix))
    }()

    static func installed() throws -> Installation { try shared.get() }
}

@Suite("Install on a server (./install.sh)", .serialized)
struct InstallTests {
    @Test("The binary, a man page per command and the three shells' completions are installed under DESTDIR and the prefix")
    func files() throws {
        let installed = try Installation.installed()
        #expect(FileManager.default.isExecutableFile(atPath: installed.binary))
        for page in ["liaison.1", "liaison.find.1", "liaison.show.1", "liaison.set.1", "liaison.export.1"] {
            let text = try String(contentsOfFile: installed.manuals + "/" + page, encoding: .utf8)
            #expect(text.contains(".Dt LIAISON"), "\(page) is not a man page")
        }
        #expect(try String(contentsOfFile: installed.manuals + "/liaison.1", encoding: .utf8).contains(".It Fl -version"))
        for script in [installed.bashCompletion, installed.zshCompletion, installed.fishCompletion] {
            #expect(try String(contentsOfFile: script, encoding: .utf8).contains("---completion show"), "\(script) does not complete record ids")
        }
    }

    @Test("The help text is ASCII: swift-argument-parser's man page maker drops every other character")
    func asciiHelp() throws {
        let help = try CLI.run(["--experimental-dump-help"])
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n").filter { !$0.allSatisfy(\.isASCII) }
        #expect(lines.isEmpty, "\(lines)")
    }

    // The man page maker copies each discussion into mdoc, which warns of an empty line (even
    // one of spaces), sets a line that starts with a space on a line of its own (breaking it in
    // two beyond 72 columns: 80 less the page's indent), and fills every other line onto the
    // one before it.
    @Test("Every discussion reads as a man page: no empty line, examples within 72 columns, no prose filled onto an example")
    func discussionsForManPages() throws {
        let help = try CLI.run(["--experimental-dump-help"])
        let root = try #require(try JSONReader.parse(Array(help.stdout.utf8)).object?["command"])
        func commands(_ command: JSONValue) -> [JSONValue] {
            [command] + (command.object?["subcommands"]?.array ?? []).flatMap(commands)
        }
        var checked = 0
        for command in commands(root) {
            guard let discussion = command.object?.string("discussion"), !discussion.isEmpty else { continue }
            let name = command.object?.string("commandName") ?? "?"
            let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                let blank = line.allSatisfy { $0 == " " }
                #expect(!blank, "\(name): an empty line in its discussion")
                guard line.first == " " else { continue }
                #expect(line.count <= 72, "\(name): \(line)")
                let next = index + 1 < lines.count ? lines[index + 1] : nil
                #expect(next == nil || next?.first == " ", "\(name): prose after \(line)")
            }
            checked += 1
        }
        #expect(checked >= 10)
    }

    @Test("The man pages render at 80 columns without a warning, each example of liaison(1) on one line",
          .enabled(if: Tools.onCI || FileManager.default.isExecutableFile(atPath: "/usr/bin/man"), "man (man-db) renders the pages"))
    func manPagesRender() throws {
        let installed = try Installation.installed()
        let pages = try FileManager.default.contentsOfDirectory(atPath: installed.manuals).filter { $0.hasSuffix(".1") }
        #expect(pages.count >= 15)
        for page in pages {
            let shown = try CLI.run(["-l", installed.manuals + "/" + page], environment: ["MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"],
                                    data: nil, program: "/usr/bin/man")
            #expect(shown.status == 0)
            #expect(shown.stderr.isEmpty, "\(page): \(shown.stderr)")
            if page == "liaison.1" {
                let lines = Set(shown.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
                for example in ["liaison find krakow                    search all; diacritics optional",
                                "liaison history utokyo --since 30d     who saved which change, when",
                                "liaison --data FILE --ssh-lookups      forced command; SSH lookups too"] {
                    #expect(lines.contains(example), "\(example)\n\(shown.stdout)")
                }
            }
        }
    }

    @Test("The binary needs no Swift library from the toolchain (ldd)")
    func linkedLibraries() throws {
        let installed = try Installation.installed()
        let libraries = try CLI.run([installed.binary], program: "/usr/bin/ldd")
        #expect(libraries.status == 0, "\(libraries.stderr)")
        let swiftLibraries = libraries.stdout.split(separator: "\n").filter { $0.contains("libswift") || $0.contains("libFoundation") || $0.contains("not found") }
        #expect(swiftLibraries.isEmpty, "\(swiftLibraries)")
        #expect(libraries.stdout.contains("libc.so"))
    }

    @Test("With the toolchain hidden (a tmpfs over it in a mount namespace) the binary starts, finds and exports",
          .enabled(if: HiddenToolchain.possible, HiddenToolchain.whyNot))
    func withoutToolchain() throws {
        let installed = try Installation.installed()
        let toolchain = try #require(HiddenToolchain.root, "where the toolchain is was not found")
        // The development build needs the toolchain's libraries: if it starts, nothing was hidden.
        let control = try HiddenToolchain.run([CLI.binary, "--version"], hiding: toolchain)
        #expect(control.status != 0 && control.stderr.contains("libswift"), "the toolchain at \(toolchain) was not hidden: \(control.stderr)")

        let version = try HiddenToolchain.run([installed.binary, "--version"], hiding: toolchain)
        #expect(version.status == 0, "\(version.stderr)")
        #expect(!version.stdout.isEmpty)
        let found = try HiddenToolchain.run([installed.binary, "find", "tokyo"], hiding: toolchain)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("The University of Tokyo"))
        // CSV goes through Foundation, linked in as well.
        let exported = try HiddenToolchain.run([installed.binary, "export", "--format", "csv"], hiding: toolchain)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("The University of Tokyo,東京大学"))
    }
}

/// Hiding the Swift toolchain from a program: as root, `unshare -m` gives a mount namespace of
/// its own, where a tmpfs is mounted over the toolchain's folder. Elsewhere (not root, no
/// unshare, a container without the capability) the test is skipped, and on CI it fails.
enum HiddenToolchain {
    /// The folder holding the toolchain: where the development build finds libswiftCore.so,
    /// above its usr/lib/swift/ (/opt/swift here); a toolchain installed in /usr has its
    /// libraries' folder hidden instead.
    static let root: String? = {
        guard let libraries = try? CLI.run([CLI.binary], program: "/usr/bin/ldd") else { return nil }
        for line in libraries.stdout.split(separator: "\n") where line.contains("libswiftCore.so") {
            guard let path = line.split(separator: " ").first(where: { $0.hasPrefix("/") }),
                  let lib = path.range(of: "/usr/lib/swift") else { continue }
            let root = String(path[..<lib.lowerBound])
            return root.isEmpty ? "/usr/lib/swift" : root
        }
        return nil
    }()

    static let whyNot: Comment = {
        if geteuid() != 0 { return "hiding the toolchain needs root (unshare -m and mount)" }
        if !Tools.onPath("unshare") { return "unshare is not installed (util-linux)" }
        return "unshare -m is refused here (no CAP_SYS_ADMIN in this container)"
    }()

    static let possible: Bool = Tools.onCI || (geteuid() == 0 && Tools.onPath("unshare")
        && ((try? CLI.run(["-m", "true"], program: "/usr/bin/unshare").status) == 0))

    static func run(_ command: [String], hiding folder: String) throws -> CLI.Result {
        try CLI.run(["-m", "/bin/sh", "-c", "mount -t tmpfs none \"$0\" && exec \"$@\"", folder] + command, program: "/usr/bin/unshare")
    }
}
