import DeckUI

/// Something the terminal reports to the console loop: a key, a mouse action, a new size or
/// a request to stop.
public enum TerminalEvent: Sendable, Hashable {
    /// A key the operator pressed.
    case key(Key)
    /// A click or wheel step at a screen cell.
    case mouse(MouseEvent)
    /// The terminal now has `width` columns and `height` rows; the next frame is drawn in full.
    case resize(width: Int, height: Int)
    /// SIGTERM, SIGHUP or SIGINT arrived (with `gracefulTermination`): stop in an orderly way.
    case terminate(signal: Int32)
}
