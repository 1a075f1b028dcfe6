/// What the operator asks for; keys and command-mode entries resolve to these.
public enum ConsoleCommand: Sendable, Hashable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case nextView, previousView
    case showView(ConsoleViewKind)
    case filter
    case openCommandMode
    case help
    case mark
    case detail
    case approve, retry, discard, acceptDrift
    /// Make the selected envelope, waiting on a retry backoff, due now.
    case runNow
    /// Pause or resume the selected tenant's queue.
    case togglePause
    /// Change the selected tenant's cap (a prompt).
    case changeCap
    /// Copy the selected envelope's id (`y`) or JSON (`Y`) to the clipboard (OSC 52).
    case copyID, copyJSON
    /// From a drift alert to the envelopes it holds (the outbox, filtered `held:ID`).
    case showHeld
    case toggleFollow
    case cycleSort
    /// Esc: close the detail, else clear marks, then the filter, then the tenant filter.
    case back
    /// `q`, `h`, ←: close the detail; never clears a filter.
    case close
    case quit
}
