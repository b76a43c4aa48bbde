import Foundation
import Testing
@testable import LiaisonCore

@Suite("The RUB sample network")
struct SampleDataTests {
    @Test("the sample built into the binary is sample-data/rub-network.json")
    func embeddedMatchesFile() {
        #expect(SampleNetwork.bytes == Fixtures.sampleBytes())
    }

    @Test("it loads with no errors and no warnings, in canonical form")
    func valid() throws {
        let decoded = NetworkCoding.decode(Fixtures.sampleBytes())
        #expect(decoded.diagnostics.isEmpty)
        let network = try #require(decoded.network)
        #expect(NetworkCoding.encode(network) == Fixtures.sampleBytes())
    }

    @Test("it validates against docs/network.schema.json (Python's jsonschema)",
          .enabled(if: Tools.pythonWithJsonschema, "needs python3 with jsonschema (.ci/run installs both)"))
    func schema() throws {
        let failures = try JSONSchemaCheck.problems(ofFile: Fixtures.samplePath)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("it holds what the facts say: five objectives verbatim, partners on every continent, the Japan Science Days")
    func facts() throws {
        let network = try Fixtures.sample()
        #expect(network.institution.name == "Ruhr-Universität Bochum")
        #expect(network.objectives.count == 5)
        #expect(network.objectives[0].title == "Effective integration of all RUB's researchers into top-level international research")
        #expect(network.objectives[3].title == "Acceptance of international responsibility in Global Engagement")
        #expect(network.partners.count >= 25)
        let regions = Set(network.partners.compactMap { Country.named(code: $0.country)?.region })
        #expect(regions.isSuperset(of: ["Europe", "Asia", "Africa", "North America", "South America", "Oceania"]))
        let scripts = network.partners.compactMap(\.localName).joined()
        for sample in ["東京大学", "同济", "서울대학교", "الجامعة", "Белорусский", "Trường Đại học Việt Đức", "Jagielloński"] {
            #expect(scripts.contains(sample), "a local name in \(sample)'s script")
        }
        let days = try #require(network.events.first { $0.title == "RUB Japan Science Days 2018" })
        #expect(days.start == Day("2018-07-05") && days.end == Day("2018-07-07"))
        #expect(Set(days.partnerIds) == ["utokyo", "osaka", "tsukuba"])
        #expect(!days.objectiveIds.isEmpty && !days.contactIds.isEmpty)
        let ends = network.partners.flatMap(\.agreements).map(\.end)
        let today = Day("2026-11-24")!
        #expect(ends.contains { $0 == nil }, "some agreements are open-ended")
        #expect(ends.contains { $0.map { $0 < today } ?? false }, "some have ended")
        #expect(ends.contains { $0.map { $0 >= today && $0 <= today.adding(days: 365) } ?? false }, "some end within a year")
    }
}

/// docs/network.schema.json checked with Python's jsonschema: the problems it finds in a file.
enum JSONSchemaCheck {
    static func problems(ofFile path: String) throws -> String {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(json.load(open(sys.argv[2])))]
        print("\\n".join(errors)); sys.exit(1 if errors else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Fixtures.repositoryRoot + "/docs/network.schema.json", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? "" : (text.isEmpty ? "python3 exited \(process.terminationStatus)" : text)
    }
}
