/// Text put into XML or HTML markup, as content or as an attribute value in either quotes: `&`,
/// `<`, `>`, `"` and `'` as entities, and a carriage return as `&#13;`, since a parser turns a
/// literal one (and CR LF) into a line feed. The workbook's parts and the report's HTML both
/// escape through it.
enum XMLMarkup {
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { needsEscape($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'") || byte == 0x0D
    }
}
