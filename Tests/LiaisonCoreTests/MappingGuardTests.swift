import Foundation
import Testing
@testable import LiaisonCore

@Suite("A mapped file cut short by another program while it is read: no SIGBUS, read again")
struct MappingGuardTests {
    @Test("bytes past the new end read as zeros, and the read says the file changed under it")
    func cutShort() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("network.json")
        try Data(repeating: UInt8(ascii: "x"), count: 3 << 20).write(to: URL(fileURLWithPath: path))
        var seen: [UInt8] = []
        #expect(throws: FileError.changedWhileRead(path)) {
            try POSIX.withMappedFile(path, readOnce: true) { bytes, _, _ in
                seen.append(bytes[0])
                // As `cp` does to the file it writes over: cut to nothing first.
                #expect(truncate(path, 0) == 0)
                seen.append(bytes[2 << 20])
                seen.append(bytes[bytes.count - 1])
            }
        }
        #expect(seen == [UInt8(ascii: "x"), 0, 0])
        // The next read, of the file as it now is, is guarded as well and whole.
        try "{}".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try POSIX.readFile(path).bytes == Array("{}".utf8))
    }

    @Test("a file whose bytes change in place while read (same size) is read again, not taken")
    func changedInPlace() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("network.json")
        try "[1, 2, 3]".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: FileError.changedWhileRead(path)) {
            try POSIX.withMappedFile(path) { _, _ in
                let handle = FileHandle(forWritingAtPath: path)!
                handle.write(Data("[4".utf8))
                try? handle.close()
            }
        }
    }
}
