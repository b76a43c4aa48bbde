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

    static func decode(_ text: String) -> NetworkCoding.Decoded {
        NetworkCoding.decode(Array(text.utf8))
    }
}
