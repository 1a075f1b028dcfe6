import DeckCore

/// What the simulator decided an execution attempt will do.
///
/// Drawn by `SimulatorDraws` from (seed, envelope id, attempt) alone, so tests and
/// benchmarks can predict a run before it happens.
public enum SimulatedOutcome: Sendable, Hashable {
    /// The external system performs the action (and the ledger records it).
    case success
    /// The external system answers with this error without performing the action.
    case failure(ProviderError)

    /// The error kind, or nil for a success.
    public var errorKind: ProviderError.Kind? {
        if case .failure(let error) = self { return error.kind }
        return nil
    }
}
