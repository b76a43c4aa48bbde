/// A SCHAC code, EWP's `hei-id`: an institution's internet domain, lower case (`uw.edu.pl`).
public enum SCHACCode {
    /// Whether two codes name the same institution: domains are compared without regard to case
    /// or surrounding spaces.
    public static func same(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b)
    }

    public static func normalized(_ code: String) -> String {
        code.lowercased().filter { !$0.isWhitespace }
    }
}

extension Institution {
    /// The home institution's EWP `hei-id`: its SCHAC code, else its website's domain
    /// (`https://www.ruhr-uni-bochum.de` → `ruhr-uni-bochum.de`), as directories derive it.
    public var heiID: String? {
        if let schacCode, !schacCode.allSatisfy(\.isWhitespace) { return SCHACCode.normalized(schacCode) }
        return DirectoryEntry.schac(domains: [], website: website)
    }
}

extension Partner {
    /// The partner's EWP `hei-id`: its SCHAC code, else its website's domain.
    public var heiID: String? {
        if let schacCode, !schacCode.allSatisfy(\.isWhitespace) { return SCHACCode.normalized(schacCode) }
        return DirectoryEntry.schac(domains: [], website: website)
    }
}
