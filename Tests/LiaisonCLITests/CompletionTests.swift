import Foundation
import LiaisonCore
import Testing

/// The installed completion scripts, run by the shells as a Tab would: record ids from the data
/// file (`--data`, else the default one), kinds from the CLI's lists, file names.
@Suite("Shell completion of the installed liaison", .serialized)
struct CompletionTests {
    static let sampleIds: [String] = {
        guard let network = try? NetworkFile.load(path: CLI.sample).network else { return [] }
        return RecordKind.allCases.flatMap { network.ids(of: $0) }
    }()

    @Test("bash: show, set, delete and history offer the ids of the default data file that start with what is typed")
    func bashIds() throws {
        let installed = try Installation.installed()
        for command in ["show", "set", "delete", "history"] {
            for prefix in ["ut", "j", "early"] {
                let offered = try BashCompletion.complete(["liaison", command, prefix], with: installed)
                #expect(offered == Set(Self.sampleIds.filter { $0.hasPrefix(prefix) }), "liaison \(command) \(prefix)")
                #expect(!offered.isEmpty)
            }
        }
    }

    @Test("bash: the ids come from the file --data names")
    func bashIdsOfDataFile() throws {
        let installed = try Installation.installed()
        let copy = try Self.copyWithOwnRecord("bash")
        defer { try? FileManager.default.removeItem(atPath: copy.directory) }
        #expect(try BashCompletion.complete(["liaison", "show", "--data", copy.path, "zz"], with: installed) == [Self.ownId])
        #expect(try BashCompletion.complete(["liaison", "delete", "--data=\(copy.path)", "zz"], with: installed) == [Self.ownId])
        // The default file has no such record.
        #expect(try BashCompletion.complete(["liaison", "show", "zz"], with: installed).isEmpty)
        // A file that cannot be read offers nothing, and says nothing.
        #expect(try BashCompletion.complete(["liaison", "show", "--data", copy.directory + "/missing.json", "u"], with: installed).isEmpty)
    }

    @Test("bash: a --data path quoted, with an escaped space or under ~/ is read as the shell will read it")
    func bashShellWords() throws {
        let installed = try Installation.installed()
        let copy = try Self.copyWithOwnRecord("words")
        defer { try? FileManager.default.removeItem(atPath: copy.directory) }
        let spaced = copy.directory + "/with space"
        try FileManager.default.createDirectory(atPath: spaced, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: copy.path, toPath: spaced + "/net.json")
        for word in ["'\(spaced)/net.json'", "\"\(spaced)/net.json\"", spaced.replacingOccurrences(of: " ", with: "\\ ") + "/net.json", "~/with\\ space/net.json"] {
            let offered = try BashCompletion.complete(["liaison", "show", "--data", word, "zz"], with: installed, environment: ["HOME": copy.directory])
            #expect(offered == [Self.ownId], "--data \(word)")
        }
    }

    @Test("bash: with no data file yet, nothing is offered and the file is not made (as a command would make it)")
    func bashWithoutDataFile() throws {
        let installed = try Installation.installed()
        let home = NSTemporaryDirectory() + "liaison-completion-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let offered = try BashCompletion.complete(["liaison", "show", "u"], with: installed, data: nil,
                                                  environment: ["HOME": home, "XDG_DATA_HOME": home + "/data"])
        #expect(offered.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: home + "/data/liaison/network.json"))
    }

    @Test("bash: kinds for list and add, formats for export")
    func bashKinds() throws {
        let installed = try Installation.installed()
        #expect(try BashCompletion.complete(["liaison", "list", ""], with: installed) == Set(RecordKind.allCases.map(\.plural)))
        #expect(try BashCompletion.complete(["liaison", "add", ""], with: installed) == [RecordKind.partner.rawValue])
        #expect(try BashCompletion.complete(["liaison", "export", "--format", ""], with: installed) == ["csv", "json", "ics", "vcard", "xlsx"])
    }

    @Test("bash: file names for --data and for validate's file")
    func bashFiles() throws {
        let installed = try Installation.installed()
        let copy = try CLI.copyOfSample("completion-files")
        defer { try? FileManager.default.removeItem(atPath: copy.directory) }
        #expect(try BashCompletion.complete(["liaison", "--data", copy.directory + "/netw"], with: installed) == [copy.path])
        #expect(try BashCompletion.complete(["liaison", "validate", copy.directory + "/netw"], with: installed) == [copy.path])
    }

    @Test("zsh: ids from the --data file and the kinds of list, in a real zsh at a Tab",
          .enabled(if: Tools.tmux && Self.has("zsh"), "needs tmux and zsh (.ci/run installs them)"))
    func zsh() throws {
        try Self.expectCompletions { installed, home in [
            "exec env PATH=\(installed.root)/bin:/usr/bin:/bin HOME=\(home) ZDOTDIR=\(home) zsh -f",
            "fpath=(\(installed.root)/share/zsh/site-functions $fpath); autoload -U compinit; compinit -u; PS1='%Bready%b> '",
        ] }
    }

    @Test("fish: ids from the --data file and the kinds of list, in a real fish at a Tab, found through XDG_DATA_DIRS",
          .enabled(if: Tools.tmux && Self.has("fish"), "needs tmux and fish (.ci/run installs them)"))
    func fish() throws {
        try Self.expectCompletions { installed, home in [
            "exec env PATH=\(installed.root)/bin:/usr/bin:/bin HOME=\(home) XDG_DATA_DIRS=\(installed.root)/share:/usr/share fish",
            "function fish_prompt; echo ready'> '; end; set fish_greeting",
        ] }
    }

    /// Starts a shell in tmux with the lines `setup` gives (the installation, a home folder),
    /// which end by setting the prompt `ready> ` (written so that the typed line does not show
    /// it); then types and presses Tab: an id only the data file has, then list's kinds.
    static func expectCompletions(setup: (Installation, String) -> [String]) throws {
        let installed = try Installation.installed()
        let copy = try copyWithOwnRecord("shell")
        defer { try? FileManager.default.removeItem(atPath: copy.directory) }
        let tmux = try TmuxSession(width: 150, shell: true)
        for line in setup(installed, copy.directory) { try tmux.send(line, "Enter") }
        #expect(tmux.wait(for: "ready>").contains("ready>"), "the shell did not start")
        try tmux.send("liaison delete --data \(copy.path) zz", "Tab")
        #expect(tmux.wait(for: ownId).contains(ownId))
        try tmux.send("C-u", "liaison list ", "Tab")
        let kinds = tmux.wait(for: "objectives")
        #expect(RecordKind.allCases.allSatisfy { kinds.contains($0.plural) }, "\(kinds)")
    }

    /// The id of the one record that only `copyWithOwnRecord`'s file has.
    static let ownId = "zz-completion-only"

    /// A copy of the sample with a record of its own, to tell its ids from the default file's.
    static func copyWithOwnRecord(_ name: String) throws -> (directory: String, path: String) {
        let copy = try CLI.copyOfSample("completion-\(name)")
        let added = try CLI.run(["add", "partner", "--name", "Completion Test University", "--country", "JP", "--id", ownId], data: copy.path)
        #expect(added.status == 0, "\(added.stderr)")
        return copy
    }

    static func has(_ shell: String) -> Bool { Tools.onCI || Tools.onPath(shell) }
}

/// Runs bash's completion function for a command line, as a Tab at its end would.
enum BashCompletion {
    /// `data` is LIAISON_DATA (none: the default file under `environment`'s XDG_DATA_HOME).
    static func complete(_ words: [String], with installed: Installation, data: String? = CLI.sample,
                         environment: [String: String] = [:]) throws -> Set<String> {
        let script = """
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _liaison "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf '%s\\n' "${COMPREPLY[@]}"
        """
        let binaries = URL(fileURLWithPath: installed.binary).deletingLastPathComponent().path
        let result = try CLI.run(["-c", script, "bash", installed.bashCompletion] + words,
                                 environment: environment.merging(["PATH": binaries + ":/usr/bin:/bin"]) { $1 }, data: data, program: "/bin/bash")
        #expect(result.status == 0 && result.stderr.isEmpty, "\(words): \(result.stderr)")
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }
}
