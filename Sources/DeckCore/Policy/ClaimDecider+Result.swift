extension ClaimDecider.Outcome {
    /// The claim's result once its changes are written: the claimed envelopes as they now
    /// are (found in `applied`, the written states in order), each with its tenant's
    /// Composio `user_id` and the tool version to pin — its own, else what
    /// `catalogVersion` finds in the tenant's catalog cache.
    public func result(
        applied: [Envelope], finished: TransitionReport, catalogVersion: (Envelope) throws -> String?
    ) rethrows -> ClaimResult {
        let claimedIDs = Set(claimed)
        var envelopes: [ClaimedEnvelope] = []
        envelopes.reserveCapacity(claimed.count)
        for envelope in applied where claimedIDs.contains(envelope.id) {
            envelopes.append(ClaimedEnvelope(
                envelope: envelope, userID: userIDs[envelope.tenantID] ?? envelope.tenantID.rawValue,
                pinnedVersion: try envelope.version ?? catalogVersion(envelope)))
        }
        return ClaimResult(
            claimed: envelopes, conflicts: conflicts, deferred: deferred, held: held, rejected: rejected,
            driftHeld: driftHeld, paused: paused, finished: finished)
    }
}
