import DeckTerminal
import DeckUI

/// What the console's runtime needs from a terminal: draw frames, wait for input, be woken.
///
/// `CursesTerminal` is the real one; a scripted backend (keys in, frames out) drives whole
/// console sessions in unit tests. Every call but `wake` comes from the console's own thread.
public protocol TerminalBackend: AnyObject, Sendable {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// How many colours the terminal shows (0 or 1: none).
    var colors: Int { get }
    /// Puts a frame on the screen.
    func draw(_ buffer: Buffer)
    /// Forgets what is on the screen, so the next frame is drawn whole (after a theme change).
    func invalidate()
    /// Puts `text` on the clipboard (OSC 52 on a real terminal).
    func copyToClipboard(_ text: String)
    /// The next key, mouse event, resize or termination, or nil after `timeoutMilliseconds`
    /// (or sooner when woken).
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
    /// Ends a `nextEvent` wait early; callable from any thread.
    func wake()
    /// Gives the terminal back (restores it); called once when the console stops.
    func shutdown()
}

extension CursesTerminal: TerminalBackend {}
