import DeckUI

/// Something the terminal reports to the console loop: a key, a mouse action or a new size.
public enum TerminalEvent: Sendable, Hashable {
    /// A key the operator pressed.
    case key(Key)
    /// A click or wheel step at a screen cell.
    case mouse(MouseEvent)
    /// The terminal now has `width` columns and `height` rows; the next frame is drawn in full.
    case resize(width: Int, height: Int)
}
