import Foundation
@testable import LiaisonCore

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "liaison-test-XXXXXX").utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(result != nil, "mkdtemp failed")
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A directory that exists already (made by the code under test), to look into.
    init(existing path: String) {
        self.path = path
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) -> String {
        let target = file(name)
        _ = FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
        return target
    }

    func contents(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: file(name)).map { [UInt8]($0) }
    }

    func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    func remove() {
        chmod(path, 0o755)
        try? FileManager.default.removeItem(atPath: path)
    }
}

enum Fixtures {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var samplePath: String { repositoryRoot + "/sample-data/rub-network.json" }

    static func sampleBytes() -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: samplePath)!)
    }

    static func sample() throws -> Network {
        try NetworkFile.load(path: samplePath).network
    }

    /// A minimal valid file with the given partners (JSON text of each partner object).
    static func network(partners: [String] = [], extraTop: String = "", contacts: [String] = [], events: [String] = []) -> String {
        """
        {
          "schemaVersion": 1,
          "institution": {"name": "Ruhr-Universität Bochum", "country": "DE"},\(extraTop)
          "partners": [\(partners.joined(separator: ",\n"))],
          "objectives": [{"id": "o1", "title": "Research"}],
          "events": [\(events.joined(separator: ",\n"))],
          "contacts": [\(contacts.joined(separator: ",\n"))]
        }
        """
    }

    static func partner(_ id: String, name: String = "Uniwersytet", country: String = "PL", extra: String = "") -> String {
        """
        {"id": "\(id)", "name": "\(name)", "country": "\(country)", "partnershipType": "exchange", "status": "active"\(extra)}
        """
    }

    /// A new partner with what the rules require: an exchange partner, planned.
    static func newPartner(_ id: String, name: String, country: String) -> Partner {
        var partner = Partner()
        partner.id = id
        partner.name = name
        partner.country = country
        partner.partnershipType = "exchange"
        partner.status = "planned"
        return partner
    }

    static func decode(_ text: String) -> NetworkCoding.Decoded {
        NetworkCoding.decode(Array(text.utf8))
    }
}

/// Programs outside the project that some tests run. Without one, those tests are reported as
/// skipped with the reason; on CI (`CI` set) .ci/run has installed them all, so there a missing
/// one fails the test instead of hiding a missing install step.
enum Tools {
    static let onCI = ProcessInfo.processInfo.environment["CI"] != nil

    static let pythonWithJsonschema: Bool = onCI || {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}
