/// What a transition over several envelopes did.
public struct TransitionReport: Sendable, Hashable {
    /// The envelopes as they are after the transition, in the order asked.
    public var applied: [Envelope]
    /// Envelopes left alone, with the reason (not found, illegal from their status).
    public var skipped: [Skipped]

    /// An envelope the transition did not apply to.
    public struct Skipped: Sendable, Hashable {
        public var id: EnvelopeID
        public var reason: String
        public init(id: EnvelopeID, reason: String) {
            self.id = id
            self.reason = reason
        }
    }

    public init(applied: [Envelope] = [], skipped: [Skipped] = []) {
        self.applied = applied
        self.skipped = skipped
    }
}
