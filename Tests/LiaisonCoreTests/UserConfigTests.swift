import Testing
import LiaisonCore

@Suite("The user's settings file")
struct UserConfigTests {
    func parse(_ text: String) throws(FileError) -> UserConfig {
        try UserConfig.parse(Array(text.utf8), path: "/home/ana/.config/liaison/config.json")
    }

    @Test("every setting read, ~/ as the home folder, and an empty object as no settings")
    func settings() throws {
        let config = try parse(#"{"data": "/srv/office/network.json", "theme": "light", "mouse": true, "pager": "less -R"}"#)
        #expect(config == UserConfig(data: "/srv/office/network.json", theme: "light", mouse: true, pager: "less -R"))
        let home = UserDirectories.home ?? "/"
        #expect(try parse(#"{"data": "~/office.json"}"#).data == home + "/office.json")
        #expect(try parse("{}") == UserConfig())
        #expect(try parse(#"{"pager": ""}"#).pager == "", "an empty pager means none")
    }

    @Test("a key it does not know, a value of the wrong kind, or not an object: an error naming the file, the key and the rule")
    func refusals() {
        let cases: [(String, String)] = [
            (#"{"colour": "light"}"#, #"config.json: "colour" is not a setting (settings: data, theme, mouse, pager)"#),
            (#"{"mouse": "yes"}"#, #"config.json: "mouse" must be true or false, not a string"#),
            (#"{"data": ""}"#, #"config.json: "data" must be the path of the network file, not a string"#),
            (#"{"theme": 3}"#, #"config.json: "theme" must be a theme name (liaison themes lists them) or a theme file, not a number"#),
            (#"["light"]"#, #"config.json: must be a JSON object such as {"theme": "light"}, not an array"#),
            (#"{"theme": "light",}"#, "config.json: not valid JSON: line 1, column 19"),
        ]
        for (text, expected) in cases {
            #expect(throws: FileError.self) { try parse(text) }
            do {
                _ = try parse(text)
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
    }

    @Test("no file is no settings")
    func missing() throws {
        #expect(try UserConfig.load(path: "/nonexistent/liaison/config.json") == UserConfig())
    }

    @Test("COLORFGBG: a white background is a light terminal, a dark one is not, anything else says nothing")
    func terminalBackground() {
        #expect(TerminalBackground.isLight(colorFGBG: "0;15") == true)
        #expect(TerminalBackground.isLight(colorFGBG: "0;default;7") == true)
        #expect(TerminalBackground.isLight(colorFGBG: "15;0") == false)
        #expect(TerminalBackground.isLight(colorFGBG: "default;default") == nil)
        #expect(TerminalBackground.isLight(colorFGBG: nil) == nil)
    }
}
