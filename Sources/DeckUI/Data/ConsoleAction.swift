import DeckCore

/// A change the operator asked for, run through the same store operations as the CLI.
public enum ConsoleAction: Sendable, Hashable {
    /// Approve, retry or discard these envelopes (skipping ineligible ones).
    case envelopes(EnvelopeTransition, ids: [EnvelopeID])
    /// Approve, retry or discard every envelope the view's filter matches in the scope.
    case matching(EnvelopeTransition, view: ConsoleViewKind, scope: TenantScope, filter: EnvelopeFilter)
    /// Accept these drift alerts.
    case acceptDrift([DriftAlertID])

    /// The verb shown in confirmations and flash lines.
    public var verb: String {
        switch self {
        case .envelopes(let transition, _), .matching(let transition, _, _, _): transition.name
        case .acceptDrift: "accept"
        }
    }
}
