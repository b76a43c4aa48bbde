#if canImport(Glibc)
import Glibc
#endif
import LiaisonCore

/// A reader of one kind of JSON directory file, record by record.
public protocol DirectoryRecordReader {
    /// Whether the file's first element is one of this kind's records.
    static func recognises(_ element: JSONValue) -> Bool
    /// The element's entry, or nil when it lacks what an entry needs (it is then counted).
    static func entry(of element: JSONValue) -> DirectoryEntry?
}

/// A file to import into the reference directory, read by what it holds whatever its name: a
/// workbook with the ECHE list's columns, a ROR data dump, or a JSON list of universities.
///
/// A JSON file is not read into memory: it is mapped, and parsed with the root array's elements
/// handed over one at a time, each made an entry and let go. A ROR dump (about 250 MB) is so
/// read with no size limit and without a copy of its bytes or a tree of all its records.
public enum DirectoryFile {
    public struct Contents: Sendable {
        public var source: DirectoryEntry.Source
        public var entries: [DirectoryEntry]
        /// Rows (the list's) or elements (1-based, the JSON files') left out for lack of a name or code.
        public var skipped: [Int]
    }

    /// The readers of JSON files, tried on the first element in this order.
    static var recordReaders: [(source: DirectoryEntry.Source, reader: DirectoryRecordReader.Type)] {
        [(.ror, RORDumpReader.self), (.list, UniversityListReader.self)]
    }

    public static func read(path: String) throws(SheetReadError) -> Contents {
        let (descriptor, size) = try SheetFile.openRegularFile(path)
        defer { close(descriptor) }
        var start = [UInt8](repeating: 0, count: 4)
        let got = start.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 4, 0) }
        if got == 4, SheetFile.format(of: start) == .xlsx { return try readWorkbook(path: path) }
        return try readJSON(path: path, descriptor: descriptor, size: size)
    }

    private static func readWorkbook(path: String) throws(SheetReadError) -> Contents {
        let bytes = try SheetFile.contents(of: path)
        let table = try XLSXTableReader.read(bytes: bytes, source: path, sheet: nil, header: HeaderRowChoice(kind: .partners))
        guard ECHEListReader.recognises(table) else {
            throw SheetReadError("\(path) is a workbook without the ECHE list's columns (Erasmus Code, Legal Name); its headers are: \(table.headers.filter { !$0.isEmpty }.joined(separator: ", "))")
        }
        let (entries, skipped) = try ECHEListReader.entries(of: table)
        return Contents(source: .eche, entries: entries, skipped: skipped)
    }

    /// What a streamed parse collects: the kind the first element shows, then each entry.
    private final class Collector {
        var kind: (source: DirectoryEntry.Source, reader: DirectoryRecordReader.Type)?
        var unknownFirst = false
        var entries: [DirectoryEntry] = []
        var skipped: [Int] = []

        func take(_ index: Int, _ element: JSONValue) {
            if index == 0 {
                kind = DirectoryFile.recordReaders.first { $0.reader.recognises(element) }
                unknownFirst = kind == nil
            }
            guard let kind else { return }
            if let entry = kind.reader.entry(of: element) { entries.append(entry) } else { skipped.append(index + 1) }
        }
    }

    private static func readJSON(path: String, descriptor: Int32, size: Int) throws(SheetReadError) -> Contents {
        let collector = Collector()
        let root: JSONValue
        do {
            root = try withMapping(descriptor: descriptor, size: size, path: path) { buffer, release throws(JSONSyntaxError) in
                try JSONReader.parse(buffer, streaming: [JSONReader.rootArray]) { _, index, element, end in
                    collector.take(index, element)
                    release(end)
                }
            }
        } catch let error as SheetReadError {
            throw error
        } catch {
            throw SheetReadError("\(path) is neither a workbook (the ECHE list) nor JSON (a ROR dump, a list of universities): \(error)")
        }
        guard case .array = root, let kind = collector.kind else {
            throw SheetReadError("\(path) is JSON but neither a ROR data dump (an array of records with \"id\" https://ror.org/… and \"names\") nor a list of universities (an array of objects with \"name\" and \"domains\" or \"web_pages\")")
        }
        return Contents(source: kind.source, entries: collector.entries, skipped: collector.skipped)
    }

    /// Runs `body` on the file's bytes mapped read-only, read sequentially. `body` is also given
    /// a function to call with how far it has read: the pages before that are dropped every few
    /// megabytes, so the bytes of a large file do not stay in the process's memory once parsed.
    private static func withMapping<T>(descriptor: Int32, size: Int, path: String,
                                       _ body: (UnsafeBufferPointer<UInt8>, _ release: @escaping (Int) -> Void) throws(JSONSyntaxError) -> T) throws -> T {
        guard size > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0), { _ in }) }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            throw SheetReadError("\(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { munmap(mapping, size) }
        _ = madvise(mapping, size, MADV_SEQUENTIAL)
        var consumed = ConsumedPages(fileMapping: mapping)
        let release: (Int) -> Void = { end in consumed.release(before: end) }
        return try body(UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: size), release)
    }
}
