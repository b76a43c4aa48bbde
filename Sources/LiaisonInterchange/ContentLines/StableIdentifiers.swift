import LiaisonCore

/// The identifiers a calendar or an address book keeps for each entry Liaison writes. They are
/// made from the record's id and the institution alone (never a counter or the clock), so a file
/// exported again and imported again updates the entries instead of adding them twice, and two
/// institutions' files never share one.
public struct StableIdentifiers: Sendable, Equatable {
    /// The institution as a slug, "RUB" → "rub", from its short name or else its name.
    public let institution: String

    public init(institution: Institution) {
        let name = institution.shortName.flatMap { $0.isEmpty ? nil : $0 } ?? institution.name
        self.institution = ChangeStamp.newId(from: name, fallback: "institution") { _ in false }
    }

    /// An event's calendar entry: `event-ID@rub.liaison`.
    public func event(_ id: String) -> String {
        "event-\(id)@\(institution).liaison"
    }

    /// The entry on an agreement's end date: `agreement-ID-end@rub.liaison`.
    public func agreementEnd(_ id: String) -> String {
        "agreement-\(id)-end@\(institution).liaison"
    }

    /// A contact's vCard UID, a URI that names the record (`liaison://rub/contact/ID`), so that a
    /// card read back gives the id again (`contactId(fromUID:)`). The id is percent-encoded
    /// where it holds anything but letters, digits, `-`, `.`, `_` and `~`.
    public func contact(_ id: String) -> String {
        "\(Self.scheme)\(institution)/contact/\(Self.percentEncoded(id))"
    }

    /// The contact id a UID written by `contact(_:)` names, of any institution; nil for any other UID.
    public static func contactId(fromUID uid: String) -> String? {
        guard uid.hasPrefix(scheme) else { return nil }
        let path = uid.dropFirst(scheme.count).split(separator: "/", omittingEmptySubsequences: false)
        guard path.count == 3, path[1] == "contact", !path[2].isEmpty else { return nil }
        return percentDecoded(path[2])
    }

    static let scheme = "liaison://"

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~")].contains(byte)
        }
    }

    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func percentDecoded(_ text: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let value = HexDigits.byte(utf8.prefix(2)) else { return nil }
            bytes.append(value)
            utf8.removeFirst(2)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
