import Foundation
import LiaisonCore
import LiaisonGenerator
import LiaisonInterchange
import Testing

/// The shapes docs/json-output.md gives, read from its tables: each `## name` section has a
/// `**Shape:**` line (an array of objects, or an object) and a table of keys with their types;
/// a row `…` allows keys the table does not name (a record's fields).
struct DocumentedShape {
    var isArray: Bool
    var keys: [(key: String, type: String, optional: Bool)] = []
    var otherKeysAllowed = false

    static let path = CLI.repositoryRoot + "/docs/json-output.md"

    static func all() throws -> [String: DocumentedShape] {
        var shapes: [String: DocumentedShape] = [:]
        var section: String?
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init) {
            if line.hasPrefix("## ") {
                section = String(line.dropFirst(3))
            } else if let name = section, line.hasPrefix("**Shape:**") {
                shapes[name] = DocumentedShape(isArray: line.contains("an array"))
            } else if let name = section, line.hasPrefix("| "), shapes[name] != nil {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 2, cells[0] != "key", !cells[0].hasPrefix("---") else { continue }
                if cells[0] == "…" {
                    shapes[name]?.otherKeysAllowed = true
                } else {
                    let type = cells[1].replacingOccurrences(of: ", optional", with: "")
                    shapes[name]?.keys.append((cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), type, cells[1].hasSuffix(", optional")))
                }
            }
        }
        return shapes
    }

    /// The problems of one object against the shape; none when it fits.
    func problems(of value: JSONValue) -> [String] {
        guard case .object(let object) = value else { return ["not an object"] }
        var problems: [String] = []
        for (key, type, optional) in keys {
            guard let member = object[key] else {
                if !optional { problems.append("\(key) is missing") }
                continue
            }
            if !Self.has(member, type: type) { problems.append("\(key) is not of type \(type)") }
        }
        if !otherKeysAllowed {
            let documented = Set(keys.map(\.key))
            problems += object.members.map(\.key).filter { !documented.contains($0) }.map { "\($0) is not documented" }
        }
        return problems
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("array", .array), ("object", .object): true
        case ("integer", .number(let text)): Int(text) != nil
        case ("any", _): true
        case (let type, _) where type.hasSuffix(" or null"): value == .null || has(value, type: String(type.dropLast(" or null".count)))
        default: false
        }
    }
}

@Suite("Every JSON output has the shape docs/json-output.md documents")
struct JSONShapeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var section: String
        var arguments: [String]
        /// Commands run first on a copy of the sample (the output is about saved changes).
        var editsFirst: [[String]] = []
        var testDescription: String { "liaison " + arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(section: "find", arguments: ["find", "tokyo", "--json"]),
        Case(section: "find", arguments: ["find", "country:JP", "kind:student-exchange", "--json"]),
        Case(section: "show", arguments: ["show", "utokyo", "--json"]),
        Case(section: "show", arguments: ["show", "japan-desk", "--json"]),
        Case(section: "show", arguments: ["show", "japan-science-days-2018", "--json"]),
        Case(section: "show", arguments: ["show", "research-integration", "--json"]),
        Case(section: "list", arguments: ["list", "partners", "--json"]),
        Case(section: "list", arguments: ["list", "events", "--json"]),
        Case(section: "list", arguments: ["list", "objectives", "--json"]),
        Case(section: "list", arguments: ["list", "contacts", "--json"]),
        Case(section: "stats", arguments: ["stats", "--json"]),
        Case(section: "expiring", arguments: ["expiring", "--within", "1y", "--json"]),
        Case(section: "validate", arguments: ["validate", "--json"]),
        Case(section: "doctor", arguments: ["doctor", "--json"]),
        Case(section: "export", arguments: ["export", "--format", "json", "partners"]),
        Case(section: "export", arguments: ["export", "--format", "json", "agreements"]),
        Case(section: "export", arguments: ["export", "--format", "json", "objectives"]),
        Case(section: "export", arguments: ["export", "--format", "json", "events"]),
        Case(section: "export", arguments: ["export", "--format", "json", "contacts"]),
        Case(section: "history", arguments: ["history", "--json"],
             editsFirst: [["set", "utokyo", "city=Bunkyō"], ["add", "partner", "--name", "Test University", "--country", "DE"], ["delete", "japan-desk"]]),
        Case(section: "history", arguments: ["history", "utokyo", "--since", "30d", "--json"], editsFirst: [["set", "utokyo", "tags=japan"]]),
        Case(section: "import", arguments: ["import", "partners", importSheet, "--dry-run", "--json"]),
        Case(section: "set and add --dry-run", arguments: ["set", "japan-desk", "role=Desk", "--dry-run"]),
        Case(section: "set and add --dry-run", arguments: ["add", "partner", "--name", "Test University", "--country", "DE", "--dry-run"]),
        Case(section: "ewp diff", arguments: ["ewp", "diff", iiaFile, iiaFile, "--json"]),
    ]

    /// A get-response of one IIA, compared with itself (the hashes match: exit 0).
    static let iiaFile: String = {
        let path = NSTemporaryDirectory() + "liaison-shape-iia.xml"
        let item = IIAResponseWriter.Item(iia: SampleIIA.iia, ourHeiID: SampleIIA.ourHeiID, partnerHeiID: SampleIIA.partnerHeiID)
        _ = FileManager.default.createFile(atPath: path, contents: Data(((try? IIAResponseWriter.document([item])) ?? "").utf8))
        return path
    }()

    /// A sheet for `import --dry-run --json`: a partner added, one changed, one unchanged, an ignored column.
    static let importSheet: String = {
        let path = NSTemporaryDirectory() + "liaison-shape-import.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data("Hochschule;Land;Stadt;Intern\nUniversität Basel;Schweiz;Basel;1\nETH Zurich;CH;Zürich-Hönggerberg;2\nOsaka University;Japan;;3\n".utf8))
        return path
    }()

    @Test("each command's output, on the sample network", arguments: cases)
    func shape(_ test: Case) throws {
        let shape = try #require(try DocumentedShape.all()[test.section], "docs/json-output.md has no section \(test.section)")
        var data = CLI.sample
        if !test.editsFirst.isEmpty {
            let copy = try CLI.copyOfSample("shape")
            data = copy.path
            for edit in test.editsFirst { #expect(try CLI.run(edit, data: data).status == 0) }
        }
        defer { if data != CLI.sample { try? FileManager.default.removeItem(atPath: (data as NSString).deletingLastPathComponent) } }
        let result = try CLI.run(test.arguments, data: data)
        #expect(result.status == 0, "\(result.stderr)")
        let value = try JSONReader.parse(Array(result.stdout.utf8))
        let objects = shape.isArray ? try #require(value.array, "not an array: \(result.stdout)") : [value]
        #expect(!objects.isEmpty, "the sample network gives something to check")
        for object in objects {
            #expect(shape.problems(of: object).isEmpty, "\(shape.problems(of: object))")
        }
    }

    @Test("the document has a section for every command tested, and every command is tested")
    func everySection() throws {
        let documented = try DocumentedShape.all()
        #expect(Set(documented.keys) == Set(Self.cases.map(\.section)))
        #expect(documented.values.allSatisfy { !$0.keys.isEmpty })
        // Every subcommand that can write JSON (--json, --format json, a dry run's record) has a
        // section, and no other: the subcommands are read from the program's own help.
        let help = try CLI.run(["--help"]).stdout
        // The list runs from the heading to the first empty line; a name starts at column 3.
        let listed = help[try #require(help.range(of: "SUBCOMMANDS:")).upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst().prefix { !$0.isEmpty }
            .filter { !$0.hasPrefix("   ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(listed.contains("find") && listed.contains("themes"), "\(help)")
        for command in listed {
            let usage = try CLI.run([command, "--help"]).stdout
            // A group of commands (ewp, directory) writes nothing itself; its commands' sections
            // are named with it ("ewp diff") and tested as cases above.
            if usage.contains("SUBCOMMANDS:") { continue }
            // delete's dry run lists in words what would go; set's and add's print the record;
            // report's --format is html or md.
            let writesJSON = usage.contains("--json") || (usage.contains("--format") && command != "report")
                || (usage.contains("--dry-run") && command != "delete")
            #expect(writesJSON == documented.keys.contains { $0.split(separator: " ").contains(Substring(command)) }, "\(command)")
        }
    }

    @Test("find --json says which fields matched, and only the hits' own")
    func matched() throws {
        let result = try CLI.run(["find", "krakow", "--json"])
        let hit = try #require(try JSONReader.parse(Array(result.stdout.utf8)).array?.first?.object, "no hit: \(result.stdout)")
        #expect(hit["id"] == .string("jagiellonian"))
        // Kraków is in the city, the notes and the Erasmus code (KRAKOW01), not in the names.
        #expect(hit["matched"] == .array(["city", "notes", "erasmusCode"].map(JSONValue.string)))
        #expect(hit["record"]?.object?["city"] == .string("Kraków"))

        let filtered = try CLI.run(["find", "country:JP", "tokyo", "--json"])
        let first = try #require(try JSONReader.parse(Array(filtered.stdout.utf8)).array?.first?.object, "no hit: \(filtered.stdout)")
        #expect(first["matched"] == .array(["name", "shortName", "city", "schacCode", "id", "country"].map(JSONValue.string)))
    }
}

extension JSONValue {
    var array: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    var object: JSONObject? {
        if case .object(let object) = self { object } else { nil }
    }
}
