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
            #expect("\(error)" == "\(fifo): is a named pipe (FIFO), not a regular file; Liaison reads and writes only regular files")
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

    @Test("without hard links the backup is a copy with the file's permission bits and group, not 0600")
    func copiedBackupKeepsModeAndGroup() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.write("net.json", "old contents")
        chmod(path, 0o660)
        // A group other than the saver's own: root may give any; others need a second group.
        let otherGroup = geteuid() == 0 ? gid_t(65534) : Self.supplementaryGroup()
        if let otherGroup { chown(path, uid_t.max, otherGroup) }
        var calls = FileSystemCalls.system
        calls.link = { _, _ in errno = EPERM; return -1 }
        try NetworkFile.save(try sampleNetwork(), to: path, calls: calls)
        #expect(directory.contents("net.json.bak") == Array("old contents".utf8))
        for name in ["net.json", "net.json.bak"] {
            var info = stat()
            stat(directory.file(name), &info)
            #expect(info.st_mode & 0o777 == 0o660, "\(name)")
            if let otherGroup { #expect(info.st_gid == otherGroup, "\(name)") }
        }
    }

    private static func supplementaryGroup() -> gid_t? {
        var groups = [gid_t](repeating: 0, count: 64)
        let count = getgroups(64, &groups)
        return count > 0 ? groups.prefix(Int(count)).first { $0 != getegid() } : nil
    }

    @Test("a save clears the temporaries killed saves of the same file left, and nothing else")
    func staleTemporariesRemoved() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("net.json")
        try NetworkFile.save(try sampleNetwork(), to: path)
        let stale = [".net.json.liaison-Ab3xZ9", ".net.json.liaison-000000"]
        for name in stale { _ = directory.write(name, "half a save") }
        // Not ours to remove: another file's, not mkstemp's pattern, a directory, a link.
        _ = directory.write(".other.json.liaison-Ab3xZ9", "another file's")
        _ = directory.write(".net.json.liaison-notes", "not a temporary")
        mkdir(directory.file(".net.json.liaison-Dir123"), 0o700)
        symlink(directory.file("net.json"), directory.file(".net.json.liaison-Lnk123"))
        let before = directory.names()

        let document = try Document(storage: FileStorage(path: path), editor: "ada", journaling: false)
        var partner = try #require(document.store.partner(id: "utokyo"))
        partner.notes = "saved after a crash"
        document.put(.partner(partner))
        #expect(document.save() == .saved(merged: false))
        let after = directory.names()
        #expect(after == (before.filter { !stale.contains($0) } + ["net.json.bak", "net.json.history.jsonl", "net.json.lock"]).sorted())
    }

    @Test("a data file that is a symbolic link is followed: lock, backup and temporary beside the real file, and it saves")
    func symlinkFollowed() throws {
        let real = TemporaryDirectory()
        let links = TemporaryDirectory()
        defer { real.remove(); links.remove() }
        let target = real.file("net.json")
        try NetworkFile.save(try sampleNetwork(), to: target)
        let link = links.file("link.json")
        symlink(target, link)

        let document = try Document(storage: FileStorage(path: link), editor: "ada")
        #expect(document.readOnlyReason == nil)
        var partner = try #require(document.store.partner(id: "utokyo"))
        partner.notes = "through the link"
        document.put(.partner(partner))
        #expect(document.save() == .saved(merged: false))

        #expect(try NetworkFile.load(path: target).network.partners.first { $0.id == "utokyo" }?.notes == "through the link")
        var info = stat()
        lstat(link, &info)
        #expect(info.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
        #expect(links.names() == ["link.json"])
        #expect(real.names() == ["net.json", "net.json.bak", "net.json.history.jsonl", "net.json.lock"], "the audit trail too")
    }

    @Test("a FIFO, a device or a directory given as the data file is refused before it is opened")
    func specialFilesRefusedOnLoad() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let fifo = directory.file("pipe.json")
        mkfifo(fifo, 0o600)
        let cases = [(fifo, "a named pipe (FIFO)"), ("/dev/null", "a character device"), (directory.path, "a directory")]
        for (path, kind) in cases {
            do {
                _ = try NetworkFile.load(path: path)
                Issue.record("\(path) was loaded")
            } catch {
                #expect(error.description == "\(path): is \(kind), not a regular file; Liaison reads and writes only regular files")
            }
        }
    }
}
