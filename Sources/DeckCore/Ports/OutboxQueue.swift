/// The worker's side of the outbox: claiming due work under leases and rescuing work
/// whose worker died. Completions, renewals and releases go through
/// `OutboxRepository.apply(_:in:actor:mode:)`.
public protocol OutboxQueue: Sendable {
    /// In one transaction: takes due pending envelopes (oldest `run_at` first, fair across
    /// tenants, within each tenant's cap of running envelopes), applies the guardrails to
    /// each — deferring, holding or rejecting the ones they stop — and leases the rest to
    /// the worker. Every transition is audited with the worker as actor.
    func claim(_ request: ClaimRequest) async throws -> ClaimResult
    /// Applies `policy.rescue` to up to `limit` running envelopes whose lease has expired.
    func rescueExpiredLeases(policy: RetryPolicy, limit: Int, actor: String) async throws -> [Envelope]
    /// The earliest `run_at` of a pending envelope, if any (for sleeping until work is due).
    func nextRunAt() async throws -> Timestamp?
    /// The number of envelopes in the DLQ (dead).
    func deadCount() async throws -> Int
    /// A number that changes whenever work may have become claimable — the audit head:
    /// every submission, transition and settings change appends an audit row. An idle
    /// worker polls this cheap read instead of running empty claim transactions.
    func changeToken() async throws -> Int64
}
