import Foundation
import Testing

@Suite("The settings file: data file, theme and mouse said once; options and the environment win")
struct ConfigTests {
    /// A settings file in a folder of its own, with the environment that points at it.
    private func configured(_ json: String) throws -> (environment: [String: String], folder: String) {
        let folder = NSTemporaryDirectory() + "liaison-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/liaison", withIntermediateDirectories: true)
        try json.write(toFile: folder + "/liaison/config.json", atomically: true, encoding: .utf8)
        return (["XDG_CONFIG_HOME": folder], folder)
    }

    @Test("the data file of the settings is the one commands use, unless --data or LIAISON_DATA says otherwise")
    func dataFile() throws {
        let (environment, folder) = try configured(#"{"data": "\#(CLI.sample)"}"#)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = try CLI.run(["find", "tokyo"], environment: environment, data: nil)
        #expect(found.status == 0 && found.stdout.contains("utokyo"), "\(found.stderr)")
        let missing = folder + "/none.json"
        let overridden = try CLI.run(["find", "tokyo", "--data", missing], environment: environment, data: nil)
        #expect(overridden.status == 2 && overridden.stderr.contains(missing), "--data wins")
        let byEnvironment = try CLI.run(["find", "tokyo"], environment: environment, data: missing)
        #expect(byEnvironment.status == 2 && byEnvironment.stderr.contains(missing), "LIAISON_DATA wins")
    }

    @Test("a broken settings file stops the command with the file, the key and the rule")
    func broken() throws {
        let (environment, folder) = try configured(#"{"data_file": "x.json"}"#)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.run(["find", "tokyo"], environment: environment, data: nil)
        #expect(result.status == 2)
        #expect(result.stderr.contains(#"\#(folder)/liaison/config.json: "data_file" is not a setting (settings: data, theme, mouse, pager)"#), "\(result.stderr)")
    }

    @Test("the theme: --theme, then LIAISON_THEME, then the settings, then light where COLORFGBG says the terminal is light, else dark")
    func theme() throws {
        func chosen(_ arguments: [String] = [], _ environment: [String: String]) throws -> String {
            let result = try CLI.run(["themes"] + arguments, environment: environment)
            return result.stdout.split(separator: "\n").first { $0.hasPrefix("*") }.map { String($0.dropFirst(2)) } ?? result.stderr
        }
        let (settings, folder) = try configured(#"{"theme": "high-contrast"}"#)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try chosen([], [:]) == "dark")
        #expect(try chosen([], ["COLORFGBG": "0;15"]) == "light")
        #expect(try chosen([], ["COLORFGBG": "15;0"]) == "dark")
        #expect(try chosen([], settings.merging(["COLORFGBG": "0;15"]) { $1 }) == "high-contrast")
        #expect(try chosen([], settings.merging(["LIAISON_THEME": "monochrome"]) { $1 }) == "monochrome")
        #expect(try chosen(["--theme", "light"], settings.merging(["LIAISON_THEME": "monochrome"]) { $1 }) == "light")
    }
}
