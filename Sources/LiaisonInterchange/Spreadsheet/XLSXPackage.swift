import Foundation
import LiaisonCore
import SWXMLHash
import ZIPFoundation

/// A workbook file opened in memory: a ZIP archive of XML parts (ECMA-376's Open Packaging
/// Conventions). Each part is read whole, refused beyond `maximumPartSize` so that a small file
/// that inflates to gigabytes (a ZIP bomb) is stopped before it fills the memory. The small parts
/// (the workbook, relationships) are parsed into SWXMLHash's tree, the large ones streamed
/// (`XLSXStreamedPart`); both with namespaces processed, so `x:sheetData` and `sheetData` read alike.
struct XLSXPackage {
    /// A sheet of 10,000 rows × 12 columns is about 4 MB of XML; a sheet Excel's own limits allow
    /// can be larger, but not one a person means to import.
    static let maximumPartSize: UInt64 = 256 << 20

    let source: String
    private let archive: Archive

    init(bytes: [UInt8], source: String) throws(SheetReadError) {
        self.source = source
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw SheetReadError("\(source) is not an XLSX workbook: it is not a ZIP archive (an XLSX file is one; an old .xls file or a CSV file renamed is not)")
        }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw SheetReadError("\(source) is not an XLSX workbook: its ZIP archive cannot be opened (\(error))")
        }
    }

    /// Whether the archive has a part of this name (without the leading `/`).
    func contains(_ name: String) -> Bool { entry(name) != nil }

    /// The part's bytes.
    func bytes(of name: String) throws(SheetReadError) -> Data {
        guard let entry = entry(name) else { throw SheetReadError("\(source) has no part \(name) inside") }
        guard entry.uncompressedSize <= Self.maximumPartSize else {
            throw SheetReadError("\(source): its part \(name) is \(entry.uncompressedSize >> 20) MB unpacked, more than the \(Self.maximumPartSize >> 20) MB Liaison reads")
        }
        var data = Data()
        data.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The size in the directory may lie; the inflated bytes are counted as they come.
                guard UInt64(data.count + chunk.count) <= Self.maximumPartSize else { throw PartTooLarge() }
                data.append(chunk)
            }
        } catch is PartTooLarge {
            throw SheetReadError("\(source): its part \(name) unpacks to more than the \(Self.maximumPartSize >> 20) MB Liaison reads")
        } catch {
            throw SheetReadError("\(source): its part \(name) cannot be unpacked (\(error))")
        }
        return data
    }

    /// The part parsed as XML: its root element.
    func xml(of name: String) throws(SheetReadError) -> SWXMLHash.XMLElement {
        let data = try bytes(of: name)
        let document = XMLHash.config { options in
            options.shouldProcessNamespaces = true
            options.detectParsingErrors = true
        }.parse(data)
        switch document {
        case .parsingError(let error):
            // Foundation on Linux does not say where the parser stopped; elsewhere it does.
            let place = error.line > 0 ? " (line \(error.line), column \(error.column))" : ""
            throw SheetReadError("\(source): its part \(name) is not well-formed XML\(place)")
        default:
            guard let root = document.element?.children.lazy.compactMap({ $0 as? SWXMLHash.XMLElement }).first else {
                throw SheetReadError("\(source): its part \(name) holds no XML element")
            }
            return root
        }
    }

    /// Part names are case-insensitive (ECMA-376 part 2, 9.1.1.1); writers keep the case the
    /// relationships give, so the exact name is tried first.
    private func entry(_ name: String) -> Entry? {
        if let exact = archive[name] { return exact }
        let folded = name.lowercased()
        return archive.first { $0.path.lowercased() == folded }
    }

    private struct PartTooLarge: Error {}

    /// A fixed time for every entry, so the same parts give the same bytes.
    private static let entryDate = Date(timeIntervalSince1970: 1_704_067_200)

    /// A ZIP archive of the parts, in their order, compressed, made in memory.
    static func archive(_ parts: [(name: String, data: Data)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }
}

extension SWXMLHash.XMLElement {
    /// The child elements, text and comments left out.
    var elements: [SWXMLHash.XMLElement] { children.compactMap { $0 as? SWXMLHash.XMLElement } }

    func elements(named name: String) -> [SWXMLHash.XMLElement] { elements.filter { $0.name == name } }

    func element(named name: String) -> SWXMLHash.XMLElement? {
        children.lazy.compactMap { $0 as? SWXMLHash.XMLElement }.first { $0.name == name }
    }

    /// An attribute's value by its local name, whatever prefix the writer gave it (`r:id` is
    /// `id` in the relationships namespace; no SpreadsheetML element has two of one local name).
    func attribute(_ localName: String) -> String? {
        if let plain = allAttributes[localName] { return plain.text }
        let suffix = ":" + localName
        return allAttributes.first { $0.key.hasSuffix(suffix) }?.value.text
    }
}
