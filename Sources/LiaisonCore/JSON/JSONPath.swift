/// Paths as messages show them: `partners[12].agreements[0].end`.
public enum JSONPath {
    public enum Component: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public static func render(_ components: [Component]) -> String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
