/// What the guardrails say about a due envelope at claim time.
public enum GuardrailDecision: Sendable, Hashable {
    /// Run it now.
    case run
    /// Keep it pending until `until` (quiet hours).
    case deferUntil(Timestamp, reason: String)
    /// Wait for an operator's approval (risk above the autonomy threshold).
    case holdForApproval(reason: String)
    /// Never run it (toolkit not allowed): dead, no retry.
    case reject(reason: String)

    /// The lifecycle transition that carries the decision out; nil for `.run`.
    public var transition: EnvelopeTransition? {
        switch self {
        case .run: nil
        case .deferUntil(let until, let reason): .deferRun(until: until, reason: reason)
        case .holdForApproval(let reason): .holdForApproval(reason: reason)
        case .reject(let reason): .reject(reason: reason)
        }
    }
}
