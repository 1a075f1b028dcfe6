import DeckCore
import DeckStore
import Logging
import PostgresNIO

/// A claim's reads, fetched before the decision: `ClaimDecider` reads synchronously, the
/// server answers asynchronously, so everything the decider will ask is read first — the held
/// tenants' running counts, the tenants' contexts (from `PostgresClaimContextCache`), the
/// window, and (when tenants at their cap or paused fill it) the window again without them, as
/// the decider would ask for it.
///
/// Caps across hosts without one lock for every claim (`0005_claims_hold_their_tenants.sql`,
/// called by `0006_claim_hold_reads_its_counts.sql`): the claim holds some tenants — those of
/// the oldest due envelopes, leaving out tenants paused or at their cap by the running counts
/// read just before, at most one per two envelopes it may claim, each one no other claim holds
/// right now (`FOR NO KEY UPDATE SKIP LOCKED`, to the commit) — and reads their counts again
/// after taking the locks. The window is read from the held tenants only (unlocked: see
/// `candidates`). So concurrent claims on many hosts take different tenants and run side by
/// side, and no other claim adds to a held tenant's running envelopes before this one commits.
/// Tenants left out because they are paused or at their cap, with envelopes among the oldest
/// due, are reported as the decider reports them from its window (`blockedPaused`,
/// `blockedAtCap`).
struct PostgresClaimReads: ClaimReads {
    var running: [TenantID: Int] = [:]
    var contexts: [TenantID: ClaimDecider.TenantContext] = [:]
    var paused: Set<TenantID> = []
    var window: [ClaimCandidate] = []
    /// The window without `excluded`'s tenants, when the decider will ask for it.
    var narrowed: (excluded: Set<TenantID>, candidates: [ClaimCandidate])?
    /// Paused tenants, and tenants at their cap, left out of the hold with envelopes among the
    /// oldest due: the decider's `paused` and conflicts for them.
    var blockedPaused = 0
    var blockedAtCap = 0

    static func load(
        _ request: ClaimRequest, at now: Timestamp, cache: PostgresClaimContextCache, _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> PostgresClaimReads {
        var reads = PostgresClaimReads()
        let limit = request.limit * request.windowFactor
        // The hold, with the tenants it leaves out and the claim_context counter (one round
        // trip; `opsdeck_claim_hold`). At most one tenant per two envelopes: each held tenant
        // may get several, round-robin, and with a few dozen tenants concurrent claims still
        // find tenants free. (Measured on 50 tenants, four workers drained 1.46x one worker
        // with half, 1.14x with one tenant per envelope, and one worker as fast either way.)
        // Holding only as many tenants as the claim's envelopes need left fewer claims empty
        // (11 of 637 against 166 of 794, four workers) but broke the turns tenants take
        // within a window (QueueContractTests.tenantsTakeTurnsWithinTheClaimWindow).
        var binds = PostgresBindings()
        binds.append(now.millisecondsSinceEpoch)
        binds.append(Int32(limit))
        binds.append(Int32(max(1, request.limit / 2)))
        var version: Int64 = -1
        var held: [String] = []
        for try await row in try await connection.prepared(Hold.self, binds, logger: logger) {
            let (tenant, state, value) = try row.decode((String?, String, Int64).self)
            switch (tenant, state) {
            case (nil, "context"):
                version = value
            case (let tenant?, "held"):
                held.append(tenant)
                reads.running[TenantID(rawValue: tenant)] = value > 0 ? Int(value) : nil
            case (_?, "paused"):
                reads.blockedPaused += 1
            case (_?, "at_cap"):
                reads.blockedAtCap += 1
            default:
                throw StoreError.unavailable("opsdeck_claim_hold returned an unknown row '\(TerminalText.sanitize(state))'")
            }
        }
        let tenants = try await cache.contexts(version: version, connection, logger: logger)
        reads.contexts = tenants.contexts
        reads.paused = tenants.paused
        guard !held.isEmpty else { return reads }
        reads.window = try await candidates(limit: limit, of: held, excluding: [], at: now, connection, logger: logger)
        // The decider's rule for reading the window again (ClaimDecider.decide, step 1).
        let blocked = reads.saturated().union(reads.paused)
        if reads.window.count == limit, reads.window.contains(where: { blocked.contains($0.tenantID) }) {
            reads.narrowed = (
                blocked, try await candidates(limit: limit, of: held, excluding: blocked, at: now, connection, logger: logger))
        }
        return reads
    }

    /// Tenants at or over their cap by `running`.
    func saturated() -> Set<TenantID> {
        var saturated = Set<TenantID>()
        for (tenant, count) in running where count > 0 {
            if let context = contexts[tenant], count >= context.maxRunning { saturated.insert(tenant) }
        }
        return saturated
    }

    /// Up to `limit` due envelopes of the held tenants, oldest first, without `excluding`'s
    /// tenants.
    ///
    /// Not locked: no other claim reads these tenants' envelopes while this one holds them,
    /// so locking the whole window (four times the rows the claim takes) bought nothing
    /// against other claims. The rows the decision changes are locked next
    /// (`PostgresStore.claim`), and any that another writer (an operator) changed in between
    /// are left as they are now.
    static func candidates(
        limit: Int, of held: [String], excluding: Set<TenantID>, at now: Timestamp, _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> [ClaimCandidate] {
        // Not prepared: a generic plan, made without knowing `$1` and the tenants, read the
        // window several times slower (2.3 ms against 0.4 ms per claim, measured).
        var query = PostgresQuery(unsafeSQL: """
            SELECT id, tenant_id::text, tool_slug, toolkit, risk, approved_by IS NOT NULL FROM outbox
            WHERE status = 'pending' AND run_at <= $1 AND tenant_id = ANY($2::uuid[]) AND NOT (tenant_id::text = ANY($3))
            ORDER BY run_at, id LIMIT $4
            """)
        query.binds.append(now.millisecondsSinceEpoch)
        query.binds.append(held)
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

    enum Hold: PostgresStatementText {
        static let name = "claim_hold"
        static let sql = "SELECT claim_tenant::text, claim_state, claim_value FROM opsdeck_claim_hold($1, $2, $3)"
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
