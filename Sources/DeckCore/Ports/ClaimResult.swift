/// What a claim did.
public struct ClaimResult: Sendable, Hashable {
    /// Envelopes now leased to the worker, with what it needs to execute them.
    public var claimed: [ClaimedEnvelope]
    /// Due envelopes passed over because their tenant was at its cap.
    public var conflicts: Int
    /// Envelopes the guardrails deferred (quiet hours), held for approval or rejected.
    public var deferred: Int
    public var held: Int
    public var rejected: Int

    public init(claimed: [ClaimedEnvelope] = [], conflicts: Int = 0, deferred: Int = 0, held: Int = 0, rejected: Int = 0) {
        self.claimed = claimed
        self.conflicts = conflicts
        self.deferred = deferred
        self.held = held
        self.rejected = rejected
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
