import LiaisonCore

/// A JSON list's fields read leniently, as directory files need: a value of another type than
/// expected counts as absent, so one odd record does not stop an import of thousands.
enum JSONFields {
    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let list)? = value else { return [] }
        return list.compactMap(string)
    }

    static func object(_ value: JSONValue?) -> JSONObject? {
        if case .object(let object)? = value { return object }
        return nil
    }

    static func objects(_ value: JSONValue?) -> [JSONObject] {
        guard case .array(let list)? = value else { return [] }
        return list.compactMap(object)
    }
}
