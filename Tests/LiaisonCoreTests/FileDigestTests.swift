import Foundation
import Testing
@testable import LiaisonCore

@Suite("FileDigest: a file's SHA-256 and the version its bytes were read from")
struct FileDigestTests {
    static let sha256sum = ["/usr/bin/sha256sum", "/bin/sha256sum"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("the digest of a known text, and the file's version as the storage gives it")
    func knownText() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("abc")
        try "abc".write(toFile: path, atomically: true, encoding: .utf8)
        let digest = try #require(FileDigest.of(path: path))
        // FIPS 180-2's example.
        #expect(digest.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.version == FileStorage(path: path).currentVersion())
    }

    @Test("a file of several chunks hashes as sha256sum says", .enabled(if: sha256sum != nil, "needs sha256sum (coreutils)"))
    func chunks() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("large")
        let bytes = (0..<(FileDigest.chunkSize * 2 + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.sha256sum!)
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(FileDigest.of(path: path)?.sha256 == String(printed.prefix(64)))
    }

    @Test("nothing for a missing file, a directory or a named pipe")
    func notRegularFiles() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        #expect(FileDigest.of(path: directory.file("missing")) == nil)
        #expect(FileDigest.of(path: directory.path) == nil)
        #expect(mkfifo(directory.file("fifo"), 0o600) == 0)
        #expect(FileDigest.of(path: directory.file("fifo")) == nil)
    }

    @Test("hex: two lowercase digits a byte")
    func hex() {
        #expect(FileDigest.hex([0, 9, 10, 255]) == "00090aff")
    }
}
