/// How a name is cut to a width, keeping what tells it apart from the other names of its column:
/// from the end ("Seoul National Univ…") where the start it keeps is that name's alone, else from
/// the middle, keeping its last words ("University… of Łódź", "University… Tsukuba"), since
/// names that share their start ("University of …") differ at the end. The CLI's tables and the
/// dashboard's lists cut names by this one rule.
public enum NameCut {
    public static func cut(_ name: String, to width: Int, among names: [String]) -> String {
        guard TextWidth.of(name) > width else { return name }
        let fromEnd = TextWidth.truncate(name, to: width)
        let kept = fromEnd.dropLast()
        let shared = names.contains { $0 != name && $0.hasPrefix(kept) }
        guard shared else { return fromEnd }
        let words = name.split(separator: " ")
        // The last words, as many as fit in half the width (at least the last one).
        var tail = String(words.last ?? "")
        for word in words.dropLast().reversed() {
            let longer = word + " " + tail
            if TextWidth.of(longer) > (width - 1) / 2 { break }
            tail = longer
        }
        let headWidth = width - 2 - TextWidth.of(tail)
        guard headWidth >= 3, words.count > 1 else { return fromEnd }
        var head = String(TextWidth.truncate(name, to: headWidth + 1).dropLast())
        while head.last == " " { head.removeLast() }
        return head + "… " + tail
    }
}
