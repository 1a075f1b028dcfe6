import DeckCore
import DeckStore
import PostgresNIO

/// Worker rows are operator-wide: `worker_heartbeats` has no tenant and no row-level
/// security, and these run in the all-tenants scope.
extension PostgresStore: HeartbeatRepository {
    static let heartbeatColumns = "worker_id, host, pid, started_at, last_seen_at, telemetry::text"

    /// Telemetry is stored as jsonb, which refuses U+0000: any in it is stored as U+FFFD
    /// (`PostgresRows.storable`), so a heartbeat is never lost over one character.
    public func recordHeartbeat(_ heartbeat: WorkerHeartbeat) async throws {
        let telemetry = PostgresRows.storable(heartbeat.telemetry).canonicalText
        try await transaction(.allTenants) { connection in
            try await connection.query("""
                INSERT INTO worker_heartbeats (worker_id, host, pid, started_at, last_seen_at, telemetry)
                VALUES (\(heartbeat.id.rawValue), \(heartbeat.host), \(heartbeat.pid), \(heartbeat.startedAt.millisecondsSinceEpoch),
                    \(heartbeat.lastSeenAt.millisecondsSinceEpoch), \(telemetry)::jsonb)
                ON CONFLICT (worker_id) DO UPDATE SET host = excluded.host, pid = excluded.pid,
                    started_at = excluded.started_at, last_seen_at = excluded.last_seen_at, telemetry = excluded.telemetry
                """, logger: logger)
        }
    }

    /// By worker id in byte order (`COLLATE "C"`), as SQLite compares text.
    public func heartbeats(seenSince instant: Timestamp) async throws -> [WorkerHeartbeat] {
        try await transaction(.allTenants) { connection in
            var heartbeats: [WorkerHeartbeat] = []
            for try await (id, host, pid, started, seen, telemetry) in try await connection.query(
                """
                SELECT \(unescaped: Self.heartbeatColumns) FROM worker_heartbeats
                WHERE last_seen_at >= \(instant.millisecondsSinceEpoch) ORDER BY worker_id COLLATE "C"
                """,
                logger: logger
            ).decode((String, String, Int32, Int64, Int64, String).self) {
                heartbeats.append(WorkerHeartbeat(
                    id: WorkerID(rawValue: id), host: host, pid: pid, startedAt: PostgresRows.timestamp(started),
                    lastSeenAt: PostgresRows.timestamp(seen), telemetry: try PostgresRows.json(telemetry, column: "telemetry")))
            }
            return heartbeats
        }
    }

    public func removeHeartbeat(_ id: WorkerID) async throws {
        try await transaction(.allTenants) { connection in
            try await connection.query("DELETE FROM worker_heartbeats WHERE worker_id = \(id.rawValue)", logger: logger)
        }
    }

    public func removeHeartbeats(seenBefore instant: Timestamp) async throws -> [WorkerID] {
        try await transaction(.allTenants) { connection in
            var removed: [WorkerID] = []
            for try await id in try await connection.query(
                "DELETE FROM worker_heartbeats WHERE last_seen_at < \(instant.millisecondsSinceEpoch) RETURNING worker_id",
                logger: logger
            ).decode(String.self) { removed.append(WorkerID(rawValue: id)) }
            return removed.sorted { $0.rawValue < $1.rawValue }
        }
    }
}
