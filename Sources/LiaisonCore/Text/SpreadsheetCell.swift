/// A cell of an exported table as a spreadsheet will read it. Excel, LibreOffice and Numbers run
/// a cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)` in a note becomes a
/// live link, `=cmd|…` can start a program), and strip a leading tab or carriage return before
/// doing so; a leading `'` makes such a cell plain text (the OWASP CSV-injection defence).
public enum SpreadsheetCell {
    /// The characters that make a spreadsheet read a cell as a formula when they come first.
    public static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The text with a leading `'` when a spreadsheet would run it as a formula. A number with a
    /// sign (`-3`, `+1.5`) is left alone: a spreadsheet reads it as that number, not a formula,
    /// and quoting it would turn it into text. Liaison's own counts are never negative and its
    /// dates never start with a sign, so this only keeps numbers someone typed into a text field.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first.map(Character.init), formulaStarts.contains(first),
              !isSignedNumber(text) else { return text }
        return "'" + text
    }

    /// `neutralised` undone, for a cell read back from a spreadsheet (an import): the leading `'`
    /// goes when what follows is a cell `neutralised` would have quoted, so an exported table
    /// imports as it was stored. Any other `'` is the cell's own text and stays.
    public static func restored(_ text: String) -> String {
        guard text.hasPrefix("'") else { return text }
        let rest = String(text.dropFirst())
        return neutralised(rest) == text ? rest : text
    }

    /// `-3`, `+12`, `-1.5`, `-1,5`: a sign, digits, at most one decimal separator between digits.
    static func isSignedNumber(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 1, scalars[0] == "-" || scalars[0] == "+" else { return false }
        let number = scalars.dropFirst()
        let parts = number.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "," }
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { ("0"..."9").contains($0) } }
    }
}
