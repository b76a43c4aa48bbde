import Foundation
import Testing
@testable import LiaisonCore

@Suite("Atomic, durable save")
struct SaveTests {
    private func sampleNetwork() throws -> Network { try Fixtures.sample() }

    @Test("save replaces the file, keeps the old version as .bak, leaves no temporary files, keeps the mode")
    func normalSave() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.write("net.json", "old contents")
        chmod(path, 0o640)
        var network = try sampleNetwork()
        network.partners[0].notes = "changed"
        try NetworkFile.save(network, to: path)
        #expect(directory.names() == ["net.json", "net.json.bak"])
        #expect(directory.contents("net.json.bak") == Array("old contents".utf8))
        #expect(directory.contents("net.json") == NetworkCoding.encode(network))
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o640)
    }

    @Test("a failed write leaves the original untouched and says what failed")
    func injectedWriteFailure() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.write("net.json", "precious")
        var calls = FileSystemCalls.system
        calls.write = { _, _, _ in
            errno = ENOSPC
            return -1
        }
        #expect(throws: FileError.self) { try NetworkFile.save(try sampleNetwork(), to: path, calls: calls) }
        do {
            try NetworkFile.save(try sampleNetwork(), to: path, calls: calls)
        } catch {
            #expect("\(error)" == "\(path): was not saved: writing the temporary file failed: No space left on device")
        }
        #expect(directory.contents("net.json") == Array("precious".utf8))
        #expect(directory.names() == ["net.json"])
    }

    @Test("failures of fsync or rename also leave the original untouched")
    func injectedSyncAndRenameFailures() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.write("net.json", "precious")
        var failingSync = FileSystemCalls.system
        failingSync.fsync = { _ in errno = EIO; return -1 }
        var failingRename = FileSystemCalls.system
        failingRename.rename = { _, _ in errno = EXDEV; return -1 }
        for calls in [failingSync, failingRename] {
            #expect(throws: FileError.self) { try NetworkFile.save(try sampleNetwork(), to: path, calls: calls) }
            #expect(directory.contents("net.json") == Array("precious".utf8))
            #expect(directory.names() == ["net.json"])
        }
    }

    @Test("a read-only directory refuses the save; the original stays")
    func readOnlyDirectory() throws {
        guard geteuid() != 0 else {
            // root ignores directory permissions; simulate what the kernel says to everyone else.
            let directory = TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.write("net.json", "precious")
            var calls = FileSystemCalls.system
            calls.write = { _, _, _ in errno = EACCES; return -1 }
            #expect(throws: FileError.self) { try NetworkFile.save(try sampleNetwork(), to: path, calls: calls) }
            #expect(directory.contents("net.json") == Array("precious".utf8))
            return
        }
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.write("net.json", "precious")
        chmod(directory.path, 0o555)
        #expect(throws: FileError.self) { try NetworkFile.save(try sampleNetwork(), to: path) }
        chmod(directory.path, 0o755)
        #expect(directory.contents("net.json") == Array("precious".utf8))
    }

    @Test("a symbolic link is refused and its target is not written")
    func symlinkRefused() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.write("real.json", "precious")
        let link = directory.file("link.json")
        symlink(target, link)
        do {
            try NetworkFile.save(try sampleNetwork(), to: link)
            Issue.record("saving through a link succeeded")
        } catch {
            #expect("\(error)".contains("is a symbolic link"))
        }
        #expect(directory.contents("real.json") == Array("precious".utf8))
        #expect(directory.names() == ["link.json", "real.json"])
    }

    @Test("a non-regular file is refused")
    func fifoRefused() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let fifo = directory.file("pipe.json")
        mkfifo(fifo, 0o644)
        do {
            try NetworkFile.save(try sampleNetwork(), to: fifo)
            Issue.record("saving to a FIFO succeeded")
        } catch {
            #expect("\(error)" == "\(fifo): is not a regular file; Liaison will not write to it")
        }
    }

    @Test("a file that fails to load is never written: load refuses before any store exists")
    func invalidFileUntouched() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.write("bad.json", "{\"schemaVersion\": 1,")
        #expect(throws: NetworkFile.LoadError.self) { try NetworkFile.load(path: path) }
        #expect(directory.names() == ["bad.json"])
    }

    @Test("the file is unwritable: it opens read-only with the reason",
          .enabled(if: geteuid() != 0, "root may write any file, so none can be made unwritable to it"))
    func unwritableFileIsReadOnly() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.write("net.json", String(decoding: Fixtures.sampleBytes(), as: UTF8.self))
        chmod(path, 0o444)
        #expect(try NetworkFile.load(path: path).readOnlyReason == "you may not write \(path)")
    }
}
