/// What a claim reads inside its transaction, answered by each store from its own storage.
///
/// The claim itself — caps, fairness, guardrails, drift holds — is decided once, by
/// `ClaimDecider`, over these reads. Every read costs in proportion to the work in flight
/// or the window asked for, never to the number of tenants.
public protocol ClaimReads {
    /// Running envelopes per tenant; tenants with none may be absent.
    func runningCounts() throws -> [TenantID: Int]
    /// A tenant's cap, zone, guardrails, Composio user id and held tools; nil when unknown.
    func context(of tenant: TenantID) throws -> ClaimDecider.TenantContext?
    /// Tenants whose queue an operator paused: none of their envelopes is claimed.
    func pausedTenants() throws -> Set<TenantID>
    /// Up to `limit` due envelopes — `pending`, `run_at` at or before the claim's instant —
    /// oldest `run_at` first, then lowest id, leaving out the tenants in `excluding`.
    func dueCandidates(limit: Int, excluding: Set<TenantID>) throws -> [ClaimCandidate]
}
