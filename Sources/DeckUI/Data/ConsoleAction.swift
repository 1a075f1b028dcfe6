import DeckCore

/// A change the operator asked for, run through the same store operations as the CLI.
public enum ConsoleAction: Sendable, Hashable {
    /// Approve, retry or discard these envelopes (skipping ineligible ones).
    case envelopes(EnvelopeTransition, ids: [EnvelopeID])
    /// Approve, retry or discard every envelope the view's filter matches in the scope.
    case matching(EnvelopeTransition, view: ConsoleViewKind, scope: TenantScope, filter: EnvelopeFilter)
    /// Accept these drift alerts.
    case acceptDrift([DriftAlertID])
    /// Pause (`true`) or resume a tenant's queue.
    case pauseTenant(TenantID, Bool)
    /// Change a tenant's cap (most envelopes running at once).
    case setCap(TenantID, Int)

    /// The verb shown in confirmations and flash lines.
    public var verb: String {
        switch self {
        case .envelopes(let transition, _), .matching(let transition, _, _, _): transition.name
        case .acceptDrift: "accept"
        case .pauseTenant(_, let paused): paused ? "pause" : "resume"
        case .setCap: "set cap"
        }
    }
}
