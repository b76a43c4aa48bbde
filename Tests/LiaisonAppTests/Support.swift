import Foundation
import LiaisonApp
import LiaisonCore
import TerminalUI

enum AppFixtures {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let today = Day("2026-11-24")!

    static func sampleState(width: Int = 80, height: Int = 24, themes: [Theme] = [Theme.fallback]) throws -> AppState {
        let file = try NetworkFile.load(path: repositoryRoot + "/sample-data/rub-network.json")
        let data = DataSnapshot(network: file.network, fileName: "rub-network.json", today: today)
        return AppState(data: data, size: Size(width: width, height: height), themes: themes)
    }

    static func state(network: Network, width: Int = 80, height: Int = 24) -> AppState {
        AppState(data: DataSnapshot(network: network, fileName: "test.json", today: today), size: Size(width: width, height: height))
    }

    /// Runs a whole session on a memory terminal and returns it with the final state.
    static func session(_ state: AppState, keys: [Key], width: Int? = nil, height: Int? = nil) -> (AppState, MemoryTerminal) {
        var state = state
        let terminal = MemoryTerminal(width: width ?? state.size.width, height: height ?? state.size.height)
        terminal.send(keys: keys)
        Dashboard.run(&state, on: terminal, stopRequested: { !terminal.hasPendingEvents })
        return (state, terminal)
    }

    /// The first key the keymap binds to a command in a context: tests press what the keymap
    /// says, not literals.
    static func key(for command: Command, in context: KeyContext = .list) -> Key {
        Keymap.bindings.first { $0.context == context && $0.command == command }!.keys[0]
    }

    /// A theme in which every role has a colour of its own, so a rendered cell says which role
    /// drew it: golden screens are rendered with it to compare styles as well as text.
    static let probeTheme = Theme(name: "probe", styles: Dictionary(uniqueKeysWithValues: Role.allCases.enumerated().map { offset, role in
        (role, Style(foreground: .indexed(UInt8(16 + offset)), background: .default, attributes: []))
    }), assumedForeground: .default, assumedBackground: .default)

    /// Compares a screen rendered with `probeTheme` with its golden file, styles too where a
    /// style carries meaning: under the text, one row of marks per screen row that has any
    /// (S the selection, E an error, W a warning, C a control character's placeholder), so a
    /// golden screen also says which row is selected and what is shown as a problem.
    static func matchesGolden(_ buffer: Buffer, name: String) -> (Bool, String) {
        let marks: [(mark: Character, role: Role)] = [("S", .listSelection), ("E", .error), ("W", .warning), ("C", .control)]
        var styleRows: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let foreground = buffer[x, y].style.foreground
                row.append(marks.first { probeTheme.style($0.role).foreground == foreground }?.mark ?? " ")
            }
            while row.hasSuffix(" ") { row.removeLast() }
            if !row.isEmpty { styleRows.append((y < 10 ? "0" : "") + "\(y) " + row) }
        }
        let styles = styleRows.isEmpty ? [] : ["", "styles (S selection, E error, W warning, C control placeholder):"] + styleRows
        return matchesGolden(buffer.lines + styles, name: name)
    }

    /// Compares a screen with a file under Screens/; LIAISON_RECORD=1 writes the files anew.
    static func matchesGolden(_ lines: [String], name: String) -> (Bool, String) {
        let path = repositoryRoot + "/Tests/LiaisonAppTests/Screens/\(name).txt"
        let text = lines.map { line in
            // Trailing spaces are not part of what a reader sees.
            var trimmed = line
            while trimmed.hasSuffix(" ") { trimmed.removeLast() }
            return trimmed
        }.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["LIAISON_RECORD"] != nil {
            // Written, then compared like any other run: a write that failed does not pass.
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(missing \(path))"
        return (expected == text, "screen \(name) differs from \(path):\n\(text)")
    }
}
