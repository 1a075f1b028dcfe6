import DeckCore

/// What the keyboard is talking to right now.
public enum ConsoleMode: Sendable, Hashable {
    /// The view: keys run commands from the key map.
    case normal
    /// Typing a filter (`/`) or a command (`:`).
    case input(InputKind, text: String)
    /// A dialog waiting for `y` or `n`.
    case confirm(Confirmation)
    /// The help screen, scrolled by `offset` lines.
    case help(offset: Int)

    /// The two input lines.
    public enum InputKind: Sendable, Hashable {
        case filter
        case command
        /// A new cap for the tenant (digits).
        case cap(TenantID)

        var isCap: Bool {
            if case .cap = self { true } else { false }
        }
    }
}

/// An action waiting for the operator's `y` (or, for a large or cross-tenant bulk action,
/// for the count typed out and Enter).
public struct Confirmation: Sendable, Hashable {
    public var action: ConsoleAction
    /// How many rows it will touch (known before asking).
    public var count: Int
    /// The question, e.g. "Discard 3 envelopes?".
    public var question: String
    /// What it acts on, a line each: the rows for a few, else counts by tenant, status and risk.
    public var details: [String]
    /// `y` is not enough: the operator types the count, then Enter.
    public var requiresTypedCount: Bool
    /// The digits typed so far.
    public var typed: String

    public init(
        action: ConsoleAction, count: Int, question: String, details: [String] = [], requiresTypedCount: Bool = false,
        typed: String = ""
    ) {
        self.action = action
        self.count = count
        self.question = question
        self.details = details
        self.requiresTypedCount = requiresTypedCount
        self.typed = typed
    }
}
