/// A count with its noun for people ("1 warning", "2 warnings", "0 matches"): the one place
/// the front ends make a plural, so that the dashboard and the CLI say the same.
public enum Counted {
    /// `count` and the noun, in the plural (the singular and an s, unless given) unless it is 1.
    public static func text(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
