import DeckCore
import GRDB

extension SQLiteStore {
    public func claim(_ request: ClaimRequest) async throws -> ClaimResult {
        let now = clock.now()
        return try await write { db in
            let tenants = try Self.claimContexts(db)
            let saturated = tenants.filter { $0.value.running >= $0.value.maxRunning }.map(\.key)
            var saturatedConflicts = 0
            let dueExists = try db.cachedStatement(
                sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE tenant_id = ? AND status = 'pending' AND run_at <= ?)")
            for tenant in saturated where try Bool.fetchOne(
                dueExists, arguments: [tenant.rawValue, now.millisecondsSinceEpoch]) == true {
                saturatedConflicts += 1
            }
            // One fixed statement (prepared once): tenants at their cap are passed as a JSON array.
            let window = try db.cachedStatement(sql: Self.claimWindowSQL)
            let excluded = JSONValue.array(saturated.map { .string($0.rawValue) }).canonicalText
            let candidates = try Row.fetchAll(
                window, arguments: [now.millisecondsSinceEpoch, excluded, request.limit * request.windowFactor]
            ).map(SQLiteRows.envelope)
            let outcome = ClaimDecider.decide(
                candidates: candidates, tenants: tenants, saturatedConflicts: saturatedConflicts, request: request, at: now)
            var audit = try SQLiteAuditWriter(db, now: now)
            let report = try Self.apply(
                outcome.changes, in: .allTenants, actor: request.worker.rawValue, mode: .allOrNothing, now: now, db,
                audit: &audit, known: Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0) }))
            let claimedIDs = Set(outcome.claimed)
            let catalogVersion = try db.cachedStatement(
                sql: "SELECT version FROM tool_catalog WHERE tenant_id = ? AND tool_slug = ?")
            let claimed = try report.applied.filter { claimedIDs.contains($0.id) }.map { envelope in
                ClaimedEnvelope(
                    envelope: envelope, userID: tenants[envelope.tenantID]?.userID ?? envelope.tenantID.rawValue,
                    pinnedVersion: try envelope.version ?? String.fetchOne(
                        catalogVersion, arguments: [envelope.tenantID.rawValue, envelope.toolSlug]))
            }
            return ClaimResult(
                claimed: claimed, conflicts: outcome.conflicts, deferred: outcome.deferred, held: outcome.held,
                rejected: outcome.rejected)
        }
    }

    public func rescueExpiredLeases(policy: RetryPolicy, limit: Int, actor: String) async throws -> [Envelope] {
        let now = clock.now()
        return try await write { db in
            let expired = try Row.fetchAll(
                try db.cachedStatement(sql: """
                    SELECT \(SQLiteRows.envelopeColumns) FROM outbox WHERE status = 'running' AND lease_expires_at <= ?
                    ORDER BY lease_expires_at LIMIT ?
                    """),
                arguments: [now.millisecondsSinceEpoch, max(1, limit)]
            ).map(SQLiteRows.envelope)
            guard !expired.isEmpty else { return [] }
            var audit = try SQLiteAuditWriter(db, now: now)
            return try Self.apply(
                expired.map { EnvelopeChange($0.id, policy.rescue($0, at: now)) }, in: .allTenants, actor: actor,
                mode: .skipIneligible, now: now, db, audit: &audit,
                known: Dictionary(uniqueKeysWithValues: expired.map { ($0.id, $0) })
            ).applied
        }
    }

    public func nextRunAt() async throws -> Timestamp? {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT min(run_at) FROM outbox WHERE status = 'pending'")
                .map { Timestamp(millisecondsSinceEpoch: $0) }
        }
    }

    public func deadCount() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE status = 'dead'") ?? 0 }
    }

    public func changeToken() async throws -> Int64 {
        try await read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0 }
    }

    /// The claim's candidate window: due pending envelopes, oldest `run_at` first, tenants
    /// at their cap (a JSON array parameter) left out. Served by `outbox_due`.
    static let claimWindowSQL = """
        SELECT \(SQLiteRows.envelopeColumns) FROM outbox
        WHERE status = 'pending' AND run_at <= ? AND tenant_id NOT IN (SELECT value FROM json_each(?))
        ORDER BY run_at, id LIMIT ?
        """

    /// Every tenant's cap, running count, zone, guardrails and Composio user id.
    static func claimContexts(_ db: Database) throws -> [TenantID: ClaimDecider.TenantContext] {
        var running: [String: Int] = [:]
        for row in try Row.fetchAll(try db.cachedStatement(
            sql: "SELECT tenant_id, count(*) FROM outbox WHERE status = 'running' GROUP BY tenant_id")) {
            running[row[0]] = row[1]
        }
        var held: [String: [String: DriftAlertID]] = [:]
        for row in try Row.fetchAll(try db.cachedStatement(
            sql: "SELECT tenant_id, tool_slug, id FROM drift_alerts WHERE status = 'open' AND breaking = 1")) {
            held[row[0] as String, default: [:]][row[1]] = DriftAlertID(row[2] as Int64)
        }
        var contexts: [TenantID: ClaimDecider.TenantContext] = [:]
        for row in try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT t.id, t.max_running, t.time_zone, t.composio_user_id, g.config
            FROM tenants t LEFT JOIN guardrails g ON g.tenant_id = t.id
            """)) {
            let id: String = row[0]
            contexts[TenantID(rawValue: id)] = ClaimDecider.TenantContext(
                maxRunning: row[1], running: running[id] ?? 0, timeZone: row[2],
                guardrails: try GuardrailsCache.shared.guardrails(config: row[4]), userID: row[3],
                heldTools: held[id] ?? [:])
        }
        return contexts
    }
}
