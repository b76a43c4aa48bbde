import TerminalUI

/// A text field on one row of the screen. The one being typed in scrolls so its cursor stays
/// inside the box, and the terminal's cursor goes after the text before it, counted in columns
/// (a wide character takes two), not in characters.
enum TextFieldView {
    static func draw(_ field: TextField, in box: Rect, style: Style, hasCursor: Bool, into buffer: inout Buffer) {
        guard box.width > 0 else { return }
        guard hasCursor else {
            buffer.write(field.text, x: box.x, y: box.y, maxWidth: box.width, style: style)
            return
        }
        let shown = field.visible(width: box.width)
        buffer.write(String(shown.text), x: box.x, y: box.y, maxWidth: box.width, style: style)
        buffer.cursor = (box.x + shown.cursorColumn, box.y)
    }
}
