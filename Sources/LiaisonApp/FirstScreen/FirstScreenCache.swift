import Crypto
import Foundation
import LiaisonCore

/// The first screen of the last start (or save) on a data file, kept in the user's cache folder
/// (`$XDG_CACHE_HOME/liaison/first-screen/`, a file per data file), so that the next start draws
/// it while the file loads: at 100,000 partners the load takes half a second, hashing the file
/// a tenth of that.
///
/// An entry is used only for the bytes it was made from: the file's identity (device, inode,
/// size, modification and change times) must match, then the SHA-256 of the file's bytes read
/// now; and only by the same program on the same day (the overview counts days to today). What
/// the load then shows replaces it on the screen, and an entry that differs from it is written
/// again. Deleting the folder loses nothing: the next start loads as it would without.
public struct FirstScreenCache: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The user's, where there is a home or `$XDG_CACHE_HOME`.
    public static var user: FirstScreenCache? {
        UserDirectories.cache.map { FirstScreenCache(directory: $0 + "/liaison/first-screen") }
    }

    /// What the entry holds besides the facts: what they are valid for.
    struct Entry: Codable {
        static let format = 1
        var format = Entry.format
        /// The identity of the program that made it (`programIdentity`).
        var program: String
        var day: Day
        /// The data file's identity (`StorageVersion`) and its bytes' SHA-256.
        var file: String
        var sha256: String
        var facts: OverviewFacts
    }

    /// The facts kept for the file at `dataPath` as its bytes are now, or nil: none kept, kept
    /// for other bytes, another program or another day, or unreadable.
    public func facts(for dataPath: String, today: Day) -> (facts: OverviewFacts, digest: FileDigest)? {
        // An entry someone else could have written is not drawn as this file's first screen.
        guard let program = Self.programIdentity, UserDirectories.isPrivate(directory), Self.isOwnFile(entryPath(for: dataPath)),
              let data = FileManager.default.contents(atPath: entryPath(for: dataPath)),
              let entry = try? JSONDecoder().decode(Entry.self, from: data),
              entry.format == Entry.format, entry.program == program, entry.day == today,
              // The identity first: reading 146 MB to find that the file was saved since is waste.
              FileStorage(path: dataPath).currentVersion()?.token == entry.file,
              let digest = FileDigest.of(path: dataPath), digest.version.token == entry.file, digest.sha256 == entry.sha256
        else { return nil }
        return (entry.facts, digest)
    }

    /// Keeps `facts` as what the file whose bytes have `digest` shows on `today`. A cache that
    /// cannot be written is no loss: the next start loads without it.
    public func keep(_ facts: OverviewFacts, for dataPath: String, digest: FileDigest, today: Day) {
        guard let program = Self.programIdentity else { return }
        let entry = Entry(program: program, day: today, file: digest.version.token, sha256: digest.sha256, facts: facts)
        guard let bytes = try? JSONEncoder().encode(entry) else { return }
        // Made private: the entry holds names from the data file.
        UserDirectories.makePrivate(directory)
        guard UserDirectories.isPrivate(directory) else { return }
        let path = entryPath(for: dataPath)
        // Whatever else is in its place (a link, a folder someone made) is not read: it goes.
        if !Self.isOwnFile(path) { _ = unlink(path) }
        try? AtomicFile(path: path, keepsBackup: false).write(Array(bytes))
    }

    /// A regular file of the user's, not a link.
    static func isOwnFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_uid == geteuid()
    }

    /// A file per data file, named by the SHA-256 of its path.
    func entryPath(for dataPath: String) -> String {
        let name = FileDigest.hex(SHA256.hash(data: Data(FileStorage(path: dataPath).path.utf8)).prefix(16))
        return directory + "/" + name + ".json"
    }

    /// The running program's file, by its identity: another build counts or draws otherwise.
    /// Nil where the system does not say which file runs (then nothing is kept or used).
    static let programIdentity: String? = FileStorage(path: "/proc/self/exe").currentVersion()?.token
}
