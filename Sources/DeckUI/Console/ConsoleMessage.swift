import DeckCore

/// Everything that can happen to the console: input, time, and answers from the loader.
public enum ConsoleMessage: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// The clock moved (expires flash lines).
    case tick(Timestamp)
    /// Rows loaded for `request`.
    case loaded(DataRequest, ConsoleData)
    case loadFailed(String)
    /// The rows a bulk action would touch, so it can be confirmed.
    case previewed(ConsoleAction, ActionPreview)
    case actionFinished(ActionOutcome)
}
