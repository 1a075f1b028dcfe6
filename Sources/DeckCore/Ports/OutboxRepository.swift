/// The durable outbox of envelopes (the seed's `OutboxRepository`).
///
/// Every state change goes through `EnvelopeLifecycle` and writes its audit row in the same
/// transaction as the change.
public protocol OutboxRepository: Sendable {
    /// Stores new `pending` envelopes atomically, one `submitted` audit row each. Every
    /// draft's tenant must exist and be visible in `scope`, or nothing is stored.
    func submit(_ drafts: [EnvelopeDraft], in scope: TenantScope, actor: String) async throws -> SubmitReceipt
    /// One envelope, nil when not visible.
    func envelope(_ id: EnvelopeID, in scope: TenantScope) async throws -> Envelope?
    /// A page of envelopes matching `query`.
    func envelopes(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Page<Envelope>
    /// How many envelopes match `query`'s filters (its cursor, order and limit ignored),
    /// counting no further than 10,001: the console shows "10,000+".
    func envelopeCount(_ query: EnvelopeQuery, in scope: TenantScope) async throws -> Int
    /// How many envelopes are in each status (statuses with none are absent).
    func statusCounts(in scope: TenantScope) async throws -> [EnvelopeStatus: Int]
    /// Each tenant's envelopes in the statuses an operator watches — pending, running,
    /// awaiting approval, dead — for the tenants overview (tenants and statuses with none
    /// are absent). Costs in proportion to those envelopes, not to the whole outbox.
    func activeCountsByTenant(in scope: TenantScope) async throws -> [TenantID: [EnvelopeStatus: Int]]
    /// How many pending envelopes each open drift alert holds (alerts holding none are absent).
    func heldCounts(in scope: TenantScope) async throws -> [DriftAlertID: Int]
    /// Applies each change in order by `actor` (operator name or worker id), in one
    /// transaction; a later change of the same envelope sees the earlier one's result.
    func apply(_ changes: [EnvelopeChange], in scope: TenantScope, actor: String, mode: BatchMode) async throws -> TransitionReport
}

extension OutboxRepository {
    /// Applies one transition to each envelope (each id once, in the order given).
    public func apply(
        _ transition: EnvelopeTransition, to ids: [EnvelopeID], in scope: TenantScope, actor: String, mode: BatchMode
    ) async throws -> TransitionReport {
        var seen = Set<EnvelopeID>()
        let changes = ids.filter { seen.insert($0).inserted }.map { EnvelopeChange($0, transition) }
        return try await apply(changes, in: scope, actor: actor, mode: mode)
    }
}
