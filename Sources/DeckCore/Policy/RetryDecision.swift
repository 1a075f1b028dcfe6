/// What to do after a failed attempt.
public enum RetryDecision: Sendable, Hashable {
    /// Try again, not before this instant.
    case retry(at: Timestamp)
    /// Stop: the envelope goes to the DLQ with this reason.
    case giveUp(reason: String)
}
