#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A network file on disk: loading with every problem reported, and the safe save.
public struct NetworkFile: Sendable {
    public let path: String
    public var network: Network
    /// Warnings found on load (errors refuse the file).
    public var warnings: [Diagnostic]
    /// Why the file must not be written, or nil.
    public var readOnlyReason: String?
    /// The file as it was when loaded, to notice changes made by others.
    public var stamp: FileStamp?
    /// Where each record's bytes are in the file as loaded, for a save that copies them.
    public var source: SourceText?

    public enum LoadError: Error, Sendable, CustomStringConvertible {
        case unreadable(FileError)
        case invalid(path: String, diagnostics: [Diagnostic])

        public var description: String {
            switch self {
            case .unreadable(let error): return error.description
            case .invalid(let path, let diagnostics):
                let errors = diagnostics.errors
                let lines = errors.map { "  \($0)" }.joined(separator: "\n")
                return "\(path): \(Counted.text(errors.count, "error")); the file was not loaded and will not be written:\n\(lines)"
            }
        }
    }

    public static func load(path: String) throws(LoadError) -> NetworkFile {
        // A file another program writes while it is read is read again, a few times at most;
        // so is one found empty or broken that is still changing (opened between `cp`'s cut to
        // nothing and its last write).
        var attempt = 1
        while true {
            let before = FileStamp.of(path: path)
            do throws(LoadError) {
                return try loadOnce(path: path)
            } catch .unreadable(let error) where error.isChangedWhileRead && attempt < loadAttempts {
                attempt += 1
                usleep(UInt32(50_000 * attempt))
            } catch .invalid(let path, let diagnostics) {
                guard attempt < loadAttempts else { throw .invalid(path: path, diagnostics: diagnostics) }
                usleep(50_000)
                guard FileStamp.of(path: path) != before else { throw .invalid(path: path, diagnostics: diagnostics) }
                attempt += 1
            }
        }
    }

    /// How many times a file that changes while it is read is read before the load gives up.
    static let loadAttempts = 4

    private static func loadOnce(path: String) throws(LoadError) -> NetworkFile {
        // Mapped rather than read: the parser works on the page cache directly, with no copy,
        // and gives the pages back behind it, so the file does not stay in memory beside its records.
        let decoded: (NetworkCoding.Decoded, FileStamp)
        do {
            decoded = try POSIX.withMappedFile(path, readOnce: true) { bytes, stamp, descriptor in
                var decoded = NetworkCoding.decode(bytes, isFileMapping: true)
                // The descriptor is kept, not the mapping: a save reads the file again from it,
                // after checking it is unchanged (SourceOrigin).
                if decoded.source != nil {
                    let kept = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
                    if kept >= 0 { decoded.source?.origin = SourceOrigin(descriptor: kept, stamp: stamp) }
                }
                return (decoded, stamp)
            }
        } catch {
            throw .unreadable(error)
        }
        return try make(decoded.0, path: path, stamp: decoded.1)
    }

    public static func decode(_ bytes: [UInt8], path: String, stamp: FileStamp? = nil) throws(LoadError) -> NetworkFile {
        try make(NetworkCoding.decode(bytes), path: path, stamp: stamp)
    }

    private static func make(_ decoded: NetworkCoding.Decoded, path: String, stamp: FileStamp?) throws(LoadError) -> NetworkFile {
        guard let network = decoded.network else { throw .invalid(path: path, diagnostics: decoded.diagnostics) }
        var file = NetworkFile(path: path, network: network, warnings: decoded.diagnostics.warnings,
                               readOnlyReason: nil, stamp: stamp, source: decoded.source)
        file.readOnlyReason = readOnlyReason(path: path, schemaVersion: network.schemaVersion)
        return file
    }

    /// Why a file that holds `schemaVersion` may not be written, or nil.
    public static func readOnlyReason(path: String, schemaVersion: Int) -> String? {
        if schemaVersion > Network.currentSchemaVersion {
            return "schemaVersion \(schemaVersion) is newer than this program knows (\(Network.currentSchemaVersion)); opened read-only so that nothing newer is lost"
        }
        if access(path, W_OK) != 0 && errno != ENOENT {
            return "you may not write \(path)"
        }
        if access(POSIX.directory(of: path), W_OK) != 0 {
            return "you may not write in \(POSIX.directory(of: path)), where a save puts its temporary file"
        }
        return nil
    }

    /// Writes `network` to `path` safely, copying from `source` the bytes of records not in
    /// `changed` and writing the records of `stamped` in place of the network's (the same bytes
    /// as a full encode of the network with those records put in), and returns the new file's
    /// stamp and where its records are. The bytes go to the temporary file as they are made,
    /// `bufferSize` at a time. Call it holding the write lock, so that the file reopened is the
    /// one written.
    public static func save(_ network: Network, to path: String, reusing source: SourceText?, changed: Set<String>,
                            stamped: [String: Record] = [:], calls: FileSystemCalls = .system,
                            bufferSize: Int = FileOutput.defaultBufferSize) throws(FileError) -> (stamp: FileStamp?, source: SourceText?) {
        var written = SourceText()
        var size = 0
        try AtomicFile(path: path, calls: calls).write(bufferSize: bufferSize) { output in
            written = NetworkCoding.encode(network, reusing: source, changed: changed, replacing: stamped, into: output)
            size = output.count
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return (FileStamp.of(path: path), nil) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == size else {
            close(descriptor)
            return (FileStamp.of(path: path), nil)
        }
        written.origin = SourceOrigin(descriptor: descriptor, stamp: FileStamp(info))
        return (FileStamp(info), written)
    }

    /// Writes `network` to `path` safely (see AtomicFile) and returns the new file's stamp.
    @discardableResult
    public static func save(_ network: Network, to path: String, calls: FileSystemCalls = .system) throws(FileError) -> FileStamp? {
        try save(network, to: path, reusing: nil, changed: [], calls: calls).stamp
    }
}

/// A file's bytes, for commands that compare them with the canonical form.
public enum FileContents {
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        try POSIX.readFile(path).bytes
    }
}
