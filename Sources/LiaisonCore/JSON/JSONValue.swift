/// A JSON document as read from a network file, keeping what a round trip needs:
/// object keys in their order and numbers as their original text.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written, so that an unknown value is saved back unchanged.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// What kind of value it is, named as messages name it (`JSONKind`).
    public var typeName: String {
        switch self {
        case .null: JSONKind.null.name
        case .bool: JSONKind.bool.name
        case .number: JSONKind.number.name
        case .string: JSONKind.string.name
        case .array: JSONKind.array.name
        case .object: JSONKind.object.name
        }
    }
}

/// An object's members in the order they were read. Lookups are linear: the format's
/// objects have a few dozen keys at most, and order is what saving needs.
public struct JSONObject: Equatable, Sendable {
    /// A struct rather than a tuple: tuple types have no static metadata in Swift, and looking
    /// it up at run time for every object cost a tenth of the load time.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public init(_ pairs: [(String, JSONValue)]) {
        self.members = pairs.map { Member($0.0, $0.1) }
    }

    public subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    public var isEmpty: Bool { members.isEmpty }

}
