import Foundation
import Testing
@testable import LiaisonApp
import LiaisonCore
import TerminalUI

@Suite("Themes")
struct ThemeTests {
    @Test("the shipped themes parse: dark, light, high-contrast, monochrome")
    func shipped() {
        #expect(ThemeCatalog.shipped().map(\.name) == ["dark", "light", "high-contrast", "monochrome"])
    }

    @Test("text roles in shipped themes keep a contrast of at least 4.5:1")
    func contrast() {
        for theme in ThemeCatalog.shipped() {
            for role in Role.allCases where role.isText {
                let style = theme.style(role)
                var foreground = style.foreground == .default ? theme.assumedForeground : style.foreground
                var background = style.background == .default ? theme.assumedBackground : style.background
                if style.attributes.contains(.reverse) { swap(&foreground, &background) }
                // Attributes only (monochrome): the terminal's own colours, nothing to judge.
                if foreground == .default && background == .default { continue }
                let ratio = Palette.contrast(foreground, background)
                #expect(ratio >= 4.5, "\(theme.name) \(role.rawValue): \(ratio)")
            }
        }
    }

    @Test("errors name the file, the key and what is allowed")
    func errors() {
        func problem(_ json: String) -> String? {
            do {
                _ = try ThemeParser.parse(Array(json.utf8), file: "mine.json")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem(#"{"name": "x", "styles": {"tab": {"fg": "purple"}}}"#)
            == ##"mine.json: styles.tab.fg: "purple" is not a colour (allowed: "default", a colour name (black, red, green, yellow, blue, magenta, cyan, white, bright-black, bright-red, bright-green, bright-yellow, bright-blue, bright-magenta, bright-cyan, bright-white), 0–255, or "#rrggbb")"##)
        #expect(problem(#"{"name": "x", "styles": {"tabz": {}}}"#)?.hasPrefix("mine.json: styles.tabz: unknown role (roles: text, muted") == true)
        #expect(problem(#"{"name": "x", "styles": {"tab": {"attrs": ["blink"]}}}"#)?.hasPrefix(#"mine.json: styles.tab.attrs: "blink" is not an attribute"#) == true)
        #expect(problem(#"{"name": "x", "styles": {"tab": {"fg": 300}}}"#)?.hasPrefix("mine.json: styles.tab.fg: 300 is not a colour") == true)
        #expect(problem(#"{"styles": {}}"#) == "mine.json: name: is required")
        #expect(problem("{")?.hasPrefix("mine.json: invalid JSON at line 1") == true)
    }

    @Test("a broken theme falls back to the default with a message; a user theme joins the list")
    func userThemes() throws {
        let directory = NSTemporaryDirectory() + "liaison-themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ##"{"name": "ruhr", "styles": {"tab.active": {"fg": "#003560", "bg": "#8dae10"}}}"##.write(toFile: directory + "/ruhr.json", atomically: true, encoding: .utf8)
        try #"{"name": "broken", "styles": {"nope": {}}}"#.write(toFile: directory + "/broken.json", atomically: true, encoding: .utf8)
        var (themes, problems) = ThemeCatalog.all(userDirectory: directory)
        #expect(themes.map(\.name).contains("ruhr"))
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix(directory + "/broken.json: styles.nope: unknown role"))
        let chosen = ThemeCatalog.choose("ruhr", in: &themes)
        #expect(themes[chosen.index].name == "ruhr")
        let missing = ThemeCatalog.choose("neon", in: &themes)
        #expect(missing.index == 0)
        #expect(missing.problem?.contains("no theme is called \"neon\"") == true)
        let badPath = ThemeCatalog.choose(directory + "/broken.json", in: &themes)
        #expect(badPath.index == 0)
        #expect(badPath.problem?.contains("unknown role") == true)
    }

    @Test("colours map to 256, 16 and 8 colours, and to none with NO_COLOR")
    func colorMapping() {
        #expect(ColorDepth(colors: 256, noColor: false).map(.indexed(110)) == .indexed(110))
        #expect(ColorDepth(colors: 256, noColor: false).map(.rgb(0xff, 0x00, 0x00)) == .indexed(196))
        #expect(ColorDepth(colors: 16, noColor: false).map(.indexed(196)) == .indexed(9))
        #expect(ColorDepth(colors: 16, noColor: false).map(.indexed(12)) == .indexed(12))
        #expect(ColorDepth(colors: 8, noColor: false).map(.indexed(12)) == .indexed(4))
        #expect(ColorDepth(colors: 8, noColor: false).map(.rgb(0x00, 0x80, 0x00)) == .indexed(2))
        #expect(ColorDepth(colors: 256, noColor: true) == .none)
        #expect(ColorDepth.none.map(Style(foreground: .indexed(1), background: .indexed(2), attributes: .bold)) == Style(attributes: .bold))
        #expect(ColorDepth(colors: 256, noColor: false).map(.default) == .default)
    }
}

@Suite("Key bindings document")
struct KeybindingDocTests {
    @Test("docs/keybindings.md is generated from the keymap and current")
    func current() throws {
        let path = AppFixtures.repositoryRoot + "/docs/keybindings.md"
        let generated = Keymap.markdown()
        if ProcessInfo.processInfo.environment["LIAISON_RECORD"] != nil {
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        #expect(onDisk == generated, "docs/keybindings.md is stale: run LIAISON_RECORD=1 swift test --filter KeybindingDocTests")
    }

    @Test("no key is bound twice in one context")
    func unique() {
        for context in KeyContext.allCases {
            let keys = Keymap.bindings.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context)")
        }
    }
}
