/// How a transition over several envelopes treats the ones it cannot apply to.
public enum BatchMode: Sendable, Hashable {
    /// Any missing or ineligible envelope fails the whole call; nothing changes.
    case allOrNothing
    /// Apply where possible and report the others (bulk console actions, races).
    case skipIneligible
}
