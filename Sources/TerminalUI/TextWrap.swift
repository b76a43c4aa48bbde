/// Text broken into lines of at most a width, by display width, without losing a character.
public enum TextWrap {
    /// Words go onto a line while they fit; a line break in the text starts a new line. A word
    /// wider than the width is broken after a hyphen where one makes it fit
    /// ("research-" / "cooperation"), else between characters: nothing is cut off.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if TextWidth.of(candidate) <= width {
                    line = candidate
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                var pieces = pieces(of: String(word), width: width)
                line = pieces.removeLast()
                lines.append(contentsOf: pieces)
            }
            lines.append(line)
        }
        return lines
    }

    /// A word in pieces of at most `width` columns, each ending at a hyphen where one falls in it.
    private static func pieces(of word: String, width: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(word)
        while TextWidth.of(rest) > width {
            var used = 0
            var end = rest.startIndex
            var lastHyphen: String.Index?
            for index in rest.indices {
                let characterWidth = TextWidth.of(rest[index])
                if used + characterWidth > width { break }
                used += characterWidth
                end = rest.index(after: index)
                if rest[index] == "-" { lastHyphen = end }
            }
            // A wide character in a width of one: take it alone rather than loop.
            if end == rest.startIndex { end = rest.index(after: end) }
            let cut = lastHyphen ?? end
            pieces.append(String(rest[..<cut]))
            rest = rest[cut...]
        }
        pieces.append(String(rest))
        return pieces
    }
}
