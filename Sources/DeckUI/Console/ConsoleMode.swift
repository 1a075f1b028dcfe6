/// What the keyboard is talking to right now.
public enum ConsoleMode: Sendable, Hashable {
    /// The view: keys run commands from the key map.
    case normal
    /// Typing a filter (`/`) or a palette command (`:`).
    case input(InputKind, text: String)
    /// A dialog waiting for `y` or `n`.
    case confirm(Confirmation)
    /// The help screen, scrolled by `offset` lines.
    case help(offset: Int)

    /// The two input lines.
    public enum InputKind: Sendable, Hashable {
        case filter
        case palette
    }
}

/// An action waiting for the operator's `y`.
public struct Confirmation: Sendable, Hashable {
    public var action: ConsoleAction
    /// How many rows it will touch (known before asking).
    public var count: Int
    /// The question, e.g. "Discard 3 envelopes?".
    public var question: String

    public init(action: ConsoleAction, count: Int, question: String) {
        self.action = action
        self.count = count
        self.question = question
    }
}
