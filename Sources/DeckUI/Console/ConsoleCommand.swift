/// What the operator asks for; keys and palette entries resolve to these.
public enum ConsoleCommand: Sendable, Hashable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case nextView, previousView
    case showView(ConsoleViewKind)
    case filter
    case palette
    case help
    case mark
    case detail
    case approve, retry, discard, acceptDrift
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
