/// What a screen cell shows where the terminal can take ASCII only: a system with no UTF-8
/// locale at all, where ncurses would drop every other character. Letters lose their accents
/// ("Zürich" → "Zurich", "Łódź" → "Lodz"), the drawing characters of the views become their
/// usual ASCII stand-ins, and anything else is "?": one character per cell, so columns stay put.
public enum ASCIIFallback {
    public static func character(for cell: String) -> Character {
        // A cell holds one character; its first scalar is the base, the rest are marks on it.
        guard let scalar = cell.unicodeScalars.first else { return " " }
        let value = scalar.value
        if value < 0x80 { return value < 0x20 || value == 0x7F ? "?" : Character(scalar) }
        if (0xC0..<0x180).contains(value) { return latinBases[Int(value - 0xC0)] }
        return drawing[scalar] ?? "?"
    }

    /// The base letters of U+00C0…U+017F (Latin-1 Supplement and Latin Extended-A), in order;
    /// × and ÷ become x and /, ligatures their first letter.
    private static let latinBases = Array("AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty"
        + "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs")

    private static let drawing: [Unicode.Scalar: Character] = [
        "│": "|", "┃": "|", "║": "|", "─": "-", "━": "-", "═": "-",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "╭": "+", "╮": "+", "╰": "+", "╯": "+",
        "█": "#", "▌": "#", "▐": "#", "░": "#", "▒": "#", "▓": "#",
        "…": ".", "·": ".", "•": "*", "●": "*", "⚠": "!",
        "→": ">", "←": "<", "↑": "^", "↓": "v", "▲": "^", "▼": "v",
        "–": "-", "—": "-", "‘": "'", "’": "'", "‚": ",", "“": "\"", "”": "\"", "„": "\"",
        "«": "<", "»": ">", "\u{A0}": " ", "°": "o", "€": "E", "£": "L",
    ]
}
