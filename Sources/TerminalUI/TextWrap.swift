/// Text broken into lines of at most a width, by display width, without losing a character.
public enum TextWrap {
    /// Words go onto a line while they fit; a line break in the text starts a new line. The
    /// spaces between words on a line are kept as they are (an Erasmus code's "D  BOCHUM01");
    /// only those where a line breaks go. A word wider than the width is broken after a hyphen
    /// where one makes it fit ("research-" / "cooperation"), else between characters: nothing
    /// is cut off.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for (spaces, word) in words(of: paragraph) {
                let candidate = line + spaces + word
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

    /// Each word with the spaces before it.
    private static func words(of paragraph: Substring) -> [(spaces: Substring, word: Substring)] {
        var result: [(Substring, Substring)] = []
        var rest = paragraph
        while !rest.isEmpty {
            let spaces = rest.prefix { $0 == " " }
            rest = rest.dropFirst(spaces.count)
            let word = rest.prefix { $0 != " " }
            rest = rest.dropFirst(word.count)
            if !word.isEmpty { result.append((spaces, word)) }
        }
        return result
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
