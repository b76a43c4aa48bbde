#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The journal of a session that ended without saving, as found by the next start: opened never
/// through a link, checked to be a regular file of this user that no one else may read or
/// write, read from that same descriptor, and locked while it is offered, so that two starts at
/// once do not both offer (and apply) it.
final class AbandonedJournal: EndedSessionJournal {
    let location: String
    let lastWritten: Int?
    private let held: Journal.Contents
    private var fd: Int32

    private init(path: String, fd: Int32, lastWritten: Int, contents: Journal.Contents) {
        self.location = path
        self.fd = fd
        self.lastWritten = lastWritten
        self.held = contents
    }

    deinit { if fd >= 0 { close(fd) } }

    func contents() -> Journal.Contents? { fd >= 0 ? held : nil }

    func remove() {
        unlink(location)
        release()
    }

    func release() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    /// The journals in `place` of sessions that ended: each file that the place's prefix names
    /// and no running session holds. A file that fails a check is named with why and nothing
    /// from it is offered; it is left where it is, since it may not be ours to delete.
    static func find(in place: JournalPlace, excluding own: String?) -> EndedSessions {
        var found = EndedSessions()
        // A folder that is missing has nothing in it; one others may write in is not trusted.
        guard access(place.directory, F_OK) == 0 else { return found }
        if let problem = place.problem() {
            found.notOffered.append("\(place.directory): \(problem), so no journal in it is offered")
            return found
        }
        var journals: [AbandonedJournal] = []
        for name in DirectoryNames.list(in: place.directory) ?? [] where place.holds(name) {
            let path = "\(place.directory)/\(name)"
            guard path != own else { continue }
            switch open(path: path) {
            case .journal(let journal): journals.append(journal)
            case .live: continue
            case .refused(let why): found.notOffered.append("\(path): nothing is offered from it: \(why); it was left in place")
            }
        }
        found.journals = journals.sorted { ($0.lastWritten ?? 0, $0.location) < ($1.lastWritten ?? 0, $1.location) }
        return found
    }

    enum Opened {
        case journal(AbandonedJournal)
        /// A running session holds it.
        case live
        case refused(String)
    }

    static func open(path: String) -> Opened {
        // O_NONBLOCK: a FIFO at the name does not block the start.
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            return .refused(errno == ELOOP ? "it is a symbolic link" : "it cannot be opened: \(POSIX.errorText())")
        }
        var info = stat()
        let refusal: String? = if fstat(fd, &info) != 0 {
            "it cannot be read: \(POSIX.errorText())"
        } else if info.st_mode & S_IFMT != S_IFREG {
            "it is \(POSIX.kindName(info.st_mode))"
        } else if info.st_uid != geteuid() {
            "it belongs to someone else (uid \(info.st_uid)), not you"
        } else if info.st_mode & 0o077 != 0 {
            "others may read or write it (mode \(String(info.st_mode & 0o7777, radix: 8)), where a journal is 0600)"
        } else {
            nil
        }
        if let refusal {
            close(fd)
            return .refused(refusal)
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return .live
        }
        guard let bytes = readAll(fd, size: Int(info.st_size)) else {
            let why = "it cannot be read: \(POSIX.errorText())"
            close(fd)
            return .refused(why)
        }
        return .journal(AbandonedJournal(path: path, fd: fd, lastWritten: Int(info.st_mtim.tv_sec), contents: Journal.parse(bytes)))
    }

    private static func readAll(_ fd: Int32, size: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(4_096, min(size + 1, 1 << 20)))
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }
}
