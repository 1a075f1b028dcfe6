import DeckCore
import GRDB
import Synchronization

/// What claims read of tenants — caps, zones, guardrails, Composio user ids, tools held by
/// open breaking drift alerts, paused queues — kept between claims until `counters.claim_context` moves.
///
/// Triggers move that version whenever a tenant, its guardrails or a drift alert change (in
/// any process), and a claim reads it inside its own write transaction, so the cache is
/// never older than the data the claim would otherwise read. With it, a claim's cost no
/// longer grows with the number of tenants.
final class ClaimContextCache: Sendable {
    private struct Snapshot: Sendable {
        var version: Int64
        var contexts: [TenantID: ClaimDecider.TenantContext]
        var paused: Set<TenantID>
    }

    private let snapshot = Mutex<Snapshot?>(nil)

    /// Every tenant's context as of `db`'s current version: cached, or read again when the
    /// version moved.
    func contexts(_ db: Database) throws -> (contexts: [TenantID: ClaimDecider.TenantContext], paused: Set<TenantID>) {
        let version = try SQLiteRawStatement.cached(db, sql: "SELECT value FROM counters WHERE name = 'claim_context'")
        defer { version.done() }
        let current = try version.next() ? version.int64(0) : -1
        if let known = snapshot.withLock({ $0 }), known.version == current { return (known.contexts, known.paused) }
        let (contexts, paused) = try Self.load(db)
        snapshot.withLock { $0 = Snapshot(version: current, contexts: contexts, paused: paused) }
        return (contexts, paused)
    }

    /// Reads every tenant's context, and which tenants are paused.
    static func load(_ db: Database) throws -> (contexts: [TenantID: ClaimDecider.TenantContext], paused: Set<TenantID>) {
        var held: [String: [ToolSlug: DriftAlertID]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT tenant_id, tool_slug, id FROM drift_alerts WHERE status = 'open' AND breaking = 1") {
            held[row[0] as String, default: [:]][ToolSlug(rawValue: row[1])] = DriftAlertID(row[2] as Int64)
        }
        var contexts: [TenantID: ClaimDecider.TenantContext] = [:]
        var paused = Set<TenantID>()
        for row in try Row.fetchAll(db, sql: """
            SELECT t.id, t.max_running, t.time_zone, t.composio_user_id, g.config, t.paused_at IS NOT NULL
            FROM tenants t LEFT JOIN guardrails g ON g.tenant_id = t.id
            """) {
            let id: String = row[0]
            if row[5] as Bool { paused.insert(TenantID(rawValue: id)) }
            contexts[TenantID(rawValue: id)] = ClaimDecider.TenantContext(
                maxRunning: row[1], timeZone: row[2], guardrails: try GuardrailsCache.shared.guardrails(config: row[4]),
                userID: row[3], heldTools: held[id] ?? [:])
        }
        return (contexts, paused)
    }
}
