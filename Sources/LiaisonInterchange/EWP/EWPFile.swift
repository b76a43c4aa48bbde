import Foundation
import LiaisonCore

/// An EWP file as `liaison ewp import` takes it: parsed, checked against its XSD
/// (`EWPSchemaCheck`), and read as what its root says it is.
public struct EWPFile: Sendable {
    public enum Contents: Sendable {
        case iias([ExchangedIIA])
        case institutions([EWPInstitution])
    }

    public var path: String
    /// Where the document breaks its XSD; a file with any is not imported.
    public var problems: [EWPSchemaProblem]
    public var contents: Contents

    /// Reads the file; one that cannot be read or is not well-formed XML is an error naming it.
    public static func read(path: String) throws(EWPDocumentError) -> EWPFile {
        let bytes: [UInt8]
        // As every file Liaison reads: regular files only, the error naming the file and why.
        do { bytes = try FileContents.read(path) } catch { throw EWPDocumentError(description: error.description, isUnreadableFile: true) }
        return try parse(Data(bytes), path: path)
    }

    public static func parse(_ data: Data, path: String) throws(EWPDocumentError) -> EWPFile {
        let root = try EWPXMLElement.parseDocument(data, source: path)
        let problems = EWPSchemaCheck.problems(in: root, file: path)
        let contents: Contents = root.name == "institutions-response"
            ? .institutions(InstitutionsResponseReader.institutions(in: root, file: path))
            : .iias(IIAResponseReader.iias(in: root))
        return EWPFile(path: path, problems: problems, contents: contents)
    }

    /// What the file says, in words: "2 IIAs (IIA get-response v7)".
    public var summary: String {
        switch contents {
        case .iias(let iias): Counted.text(iias.count, "IIA") + " (IIA get-response v7)"
        case .institutions(let institutions): Counted.text(institutions.count, "institution") + " (Institutions response v2)"
        }
    }
}

extension ExchangedIIA {
    /// The IIA as the import planner takes it, seen from the home institution.
    public func importItem(file: String, ourHeiID: String?) -> EWPImportPlanner.Item {
        EWPImportPlanner.Item(location: "\(file):\(line)", heiIDs: parties.map(\.heiID),
                              seenFromUs: ourHeiID.flatMap { iia(ourHeiID: $0) },
                              statedHash: statedHash, computedHash: computedHash.hash)
    }
}
