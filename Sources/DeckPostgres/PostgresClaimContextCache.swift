import DeckCore
import DeckStore
import Logging
import PostgresNIO
import Synchronization

/// What claims read of tenants — caps, zones, guardrails, Composio user ids, held tools,
/// paused queues — kept between claims until the `claim_context` counter moves (triggers on
/// tenants, guardrails and drift alerts move it, on any host), so a claim's cost does not grow
/// with the number of tenants. The counter is read inside the claim's transaction; contexts read
/// after it can only be newer than it says, so a cached snapshot is never older than its version.
final class PostgresClaimContextCache: Sendable {
    struct Snapshot: Sendable {
        var version: Int64
        var contexts: [TenantID: ClaimDecider.TenantContext]
        var paused: Set<TenantID>
    }

    private let snapshot = Mutex<Snapshot?>(nil)

    /// The contexts at `version` (the `claim_context` counter as the claim's transaction read
    /// it): the cached snapshot when it is that version, else read again.
    func contexts(version: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> Snapshot {
        if let known = snapshot.withLock({ $0 }), known.version == version { return known }
        let loaded = try await Self.load(version: version, connection, logger: logger)
        snapshot.withLock { $0 = loaded }
        return loaded
    }

    static func load(version: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> Snapshot {
        var held: [String: [ToolSlug: DriftAlertID]] = [:]
        for try await (tenant, tool, alert) in try await connection.query(
            "SELECT tenant_id::text, tool_slug, id FROM drift_alerts WHERE status = 'open' AND breaking", logger: logger
        ).decode((String, String, Int64).self) { held[tenant, default: [:]][ToolSlug(rawValue: tool)] = DriftAlertID(rawValue: alert) }
        var snapshot = Snapshot(version: version, contexts: [:], paused: [])
        for try await (id, cap, zone, user, config, isPaused) in try await connection.query("""
            SELECT t.id::text, t.max_running, t.time_zone, t.composio_user_id, g.config::text, t.paused_at IS NOT NULL
            FROM tenants t LEFT JOIN guardrails g ON g.tenant_id = t.id
            """, logger: logger).decode((String, Int, String, String, String?, Bool).self) {
            let tenant = TenantID(rawValue: id)
            if isPaused { snapshot.paused.insert(tenant) }
            snapshot.contexts[tenant] = ClaimDecider.TenantContext(
                maxRunning: cap, timeZone: zone, guardrails: try GuardrailsCache.shared.guardrails(config: config), userID: user,
                heldTools: held[id] ?? [:])
        }
        return snapshot
    }
}
