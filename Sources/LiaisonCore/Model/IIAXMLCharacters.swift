/// XML 1.0 cannot carry the C0 control characters other than tab, line feed and carriage return
/// (nor U+FFFE and U+FFFF), not even as character references. A data file may hold one in an IIA
/// value (loading only warns); such an IIA can be neither written to an EWP file nor hashed as a
/// partner's system would hash it. This is the one check that finds such a value.
public enum XMLCharacters {
    /// The first character of `text` XML 1.0 forbids, nil when there is none.
    public static func firstForbidden(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }

    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case ..<0x20, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// "U+001B".
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// A value of an agreement's EWP IIA holding a character XML cannot carry: which agreement,
/// which field and which character.
public struct IIAValueXMLCannotCarry: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value's path in the partner record, or in the IIA where no agreement is known
    /// ("agreements[1].iia.theirs.iiaCode", "theirs.iiaCode").
    public var path: String
    /// The field in words ("Agreement 2: EWP IIA theirs IIA code").
    public var field: String
    /// "U+001B".
    public var character: String
    /// "agreement uj-erasmus of Jagiellonian University (uj)"; nil where only the IIA is known.
    public var agreement: String?

    public var description: String {
        (agreement.map { $0 + ": " } ?? "") + "\(field) holds the control character \(character), which XML cannot carry, "
            + "so no EWP file and no iia-hash can be made of this IIA; remove the character from the data file"
    }
}

extension IIA {
    /// The first value the IIA writes to XML that holds a character XML forbids. Keys Liaison
    /// does not know are not written, so they are not looked at.
    public var valueXMLCannotCarry: IIAValueXMLCannotCarry? {
        guard let (path, scalar) = Self.firstForbidden(in: .object(Schemas.iia.object(of: self)), fields: Schemas.iia.infos, path: "") else {
            return nil
        }
        return IIAValueXMLCannotCarry(path: path, field: Schema.nestedLabel(Schema.pathSteps("iia." + path), in: Schemas.agreement.infos),
                                      character: XMLCharacters.name(scalar))
    }

    private static func firstForbidden(in value: JSONValue, fields: [FieldInfo], path: String) -> (String, Unicode.Scalar)? {
        switch value {
        case .string(let text):
            return XMLCharacters.firstForbidden(in: text).map { (path, $0) }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = firstForbidden(in: element, fields: fields, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let object):
            for member in object.members {
                guard let info = fields.first(where: { $0.key == member.key }) else { continue }
                let inner = path.isEmpty ? member.key : "\(path).\(member.key)"
                if let found = firstForbidden(in: member.value, fields: info.nested, path: inner) { return found }
            }
            return nil
        case .null, .bool, .number:
            return nil
        }
    }
}

extension Partner {
    /// The first value of the agreement's EWP IIA that XML cannot carry, named by agreement and
    /// field as the rest of Liaison names them.
    public func iiaValueXMLCannotCarry(agreementID: String) -> IIAValueXMLCannotCarry? {
        guard let index = agreements.firstIndex(where: { $0.id == agreementID }),
              var found = agreements[index].iia?.valueXMLCannotCarry else { return nil }
        found.path = "agreements[\(index)].iia.\(found.path)"
        found.field = Schema.label(forPath: found.path, in: .partner)
        found.agreement = "agreement \(agreementID) of \(name) (\(id))"
        return found
    }
}
