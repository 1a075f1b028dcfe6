import DeckCore
import DeckStore
import Logging
import PostgresNIO

/// A claim's reads, fetched before the decision: `ClaimDecider` reads synchronously, the
/// server answers asynchronously, so everything the decider will ask is read first — running
/// counts, the tenants' contexts (from `PostgresClaimContextCache`), the window, and (when tenants at their cap or paused fill
/// it) the window again without them, as the decider would ask for it.
///
/// Read without holding the tenants, so claims on many hosts read and decide side by side;
/// window rows are locked (`FOR UPDATE SKIP LOCKED`: a row another claim or an operator holds
/// right now is passed over, not waited for). The running counts may be stale by the time of
/// the writes: the claim then holds the tenants it chose and confirms its claims against fresh
/// counts (`PostgresStore.confirm`, `ClaimDecider.Outcome.confirmingClaims`).
struct PostgresClaimReads: ClaimReads {
    var running: [TenantID: Int] = [:]
    var contexts: [TenantID: ClaimDecider.TenantContext] = [:]
    var paused: Set<TenantID> = []
    var window: [ClaimCandidate] = []
    /// The window without `excluded`'s tenants, when the decider will ask for it.
    var narrowed: (excluded: Set<TenantID>, candidates: [ClaimCandidate])?

    static func load(
        _ request: ClaimRequest, at now: Timestamp, cache: PostgresClaimContextCache, _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> PostgresClaimReads {
        var reads = PostgresClaimReads()
        // Running counts and the claim_context counter in one statement (the row without a
        // tenant is the counter).
        var version: Int64 = -1
        for try await (tenant, count) in try await connection.query("""
            SELECT tenant_id::text, count(*) FROM outbox WHERE status = 'running' GROUP BY tenant_id
            UNION ALL SELECT NULL, value FROM counters WHERE name = 'claim_context'
            """, logger: logger
        ).decode((String?, Int64).self) {
            if let tenant { reads.running[TenantID(rawValue: tenant)] = Int(count) } else { version = count }
        }
        let tenants = try await cache.contexts(version: version, connection, logger: logger)
        reads.contexts = tenants.contexts
        reads.paused = tenants.paused
        let limit = request.limit * request.windowFactor
        reads.window = try await candidates(limit: limit, excluding: [], at: now, connection, logger: logger)
        // The decider's rule for reading the window again (ClaimDecider.decide, step 1).
        var saturated = Set<TenantID>()
        for (tenant, count) in reads.running where count > 0 {
            if let context = reads.contexts[tenant], count >= context.maxRunning { saturated.insert(tenant) }
        }
        let blocked = saturated.union(reads.paused)
        if reads.window.count == limit, reads.window.contains(where: { blocked.contains($0.tenantID) }) {
            reads.narrowed = (blocked, try await candidates(limit: limit, excluding: blocked, at: now, connection, logger: logger))
        }
        return reads
    }

    static func candidates(
        limit: Int, excluding: Set<TenantID>, at now: Timestamp, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [ClaimCandidate] {
        var query = PostgresQuery(unsafeSQL: """
            SELECT id, tenant_id::text, tool_slug, toolkit, risk, approved_by IS NOT NULL FROM outbox
            WHERE status = 'pending' AND run_at <= $1 AND NOT (tenant_id::text = ANY($2))
            ORDER BY run_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
            """)
        query.binds.append(now.millisecondsSinceEpoch)
        query.binds.append(excluding.map(\.rawValue))
        query.binds.append(limit)
        var candidates: [ClaimCandidate] = []
        for try await (id, tenant, tool, toolkit, riskText, approved) in try await connection.query(query, logger: logger)
            .decode((Int64, String, String, String, String, Bool).self) {
            guard let risk = RiskTier(rawValue: riskText) else {
                throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(riskText))' in column risk")
            }
            candidates.append(ClaimCandidate(
                id: EnvelopeID(rawValue: id), tenantID: TenantID(rawValue: tenant), toolSlug: ToolSlug(rawValue: tool),
                toolkit: toolkit, risk: risk, approved: approved))
        }
        return candidates
    }

    func runningCounts() throws -> [TenantID: Int] { running }

    func context(of tenant: TenantID) throws -> ClaimDecider.TenantContext? { contexts[tenant] }

    func pausedTenants() throws -> Set<TenantID> { paused }

    func dueCandidates(limit: Int, excluding: Set<TenantID>) throws -> [ClaimCandidate] {
        if excluding.isEmpty { return Array(window.prefix(limit)) }
        guard let narrowed, narrowed.excluded == excluding else {
            throw StoreError.unavailable("claim asked for a window that was not read")
        }
        return Array(narrowed.candidates.prefix(limit))
    }
}
