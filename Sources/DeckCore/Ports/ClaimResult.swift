/// What a claim did.
public struct ClaimResult: Sendable, Hashable {
    /// Envelopes now leased to the worker, with what it needs to execute them.
    public var claimed: [ClaimedEnvelope]
    /// Lost races: due envelopes passed over in the window because their tenant had no free
    /// slot, plus one per tenant at its cap whose due work headed the queue.
    public var conflicts: Int
    /// Envelopes the guardrails deferred (quiet hours), held for approval or rejected.
    public var deferred: Int
    public var held: Int
    public var rejected: Int
    /// Envelopes newly held by an open breaking drift alert on their tool.
    public var driftHeld: Int
    /// Paused tenants with due work in the claim's window (left pending, unwritten).
    public var paused: Int
    /// What became of the request's `finished` outcomes (skipped: the lease was lost).
    public var finished: TransitionReport

    public init(
        claimed: [ClaimedEnvelope] = [], conflicts: Int = 0, deferred: Int = 0, held: Int = 0, rejected: Int = 0,
        driftHeld: Int = 0, paused: Int = 0, finished: TransitionReport = TransitionReport()
    ) {
        self.claimed = claimed
        self.conflicts = conflicts
        self.deferred = deferred
        self.held = held
        self.rejected = rejected
        self.driftHeld = driftHeld
        self.paused = paused
        self.finished = finished
    }
}

/// A leased envelope and what executing it needs: the tenant's provider identity and the
/// tool version to pin.
public struct ClaimedEnvelope: Sendable, Hashable {
    public var envelope: Envelope
    /// The tenant's Composio `user_id`.
    public var userID: String
    /// The envelope's own version, else the version in the tenant's catalog cache, else nil.
    public var pinnedVersion: String?

    public init(envelope: Envelope, userID: String, pinnedVersion: String? = nil) {
        self.envelope = envelope
        self.userID = userID
        self.pinnedVersion = pinnedVersion ?? envelope.version
    }
}
