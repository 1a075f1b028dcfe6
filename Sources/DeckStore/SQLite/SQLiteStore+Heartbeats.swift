import DeckCore
import GRDB

extension SQLiteStore {
    public func recordHeartbeat(_ heartbeat: WorkerHeartbeat) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO worker_heartbeats (worker_id, host, pid, started_at, last_seen_at, telemetry)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(worker_id) DO UPDATE SET host = excluded.host, pid = excluded.pid,
                        started_at = excluded.started_at, last_seen_at = excluded.last_seen_at,
                        telemetry = excluded.telemetry
                    """,
                arguments: [
                    heartbeat.id.rawValue, heartbeat.host, heartbeat.pid, heartbeat.startedAt.millisecondsSinceEpoch,
                    heartbeat.lastSeenAt.millisecondsSinceEpoch, heartbeat.telemetry.canonicalText,
                ])
        }
    }

    public func heartbeats(seenSince instant: Timestamp) async throws -> [WorkerHeartbeat] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM worker_heartbeats WHERE last_seen_at >= ? ORDER BY worker_id",
                arguments: [instant.millisecondsSinceEpoch]
            ).map(SQLiteRows.heartbeat)
        }
    }

    public func removeHeartbeats(seenBefore instant: Timestamp) async throws -> [WorkerID] {
        try await write { db in
            try String.fetchAll(
                db, sql: "DELETE FROM worker_heartbeats WHERE last_seen_at < ? RETURNING worker_id",
                arguments: [instant.millisecondsSinceEpoch]
            ).map { WorkerID($0) }.sorted { $0.rawValue < $1.rawValue }
        }
    }

    public func removeHeartbeat(_ id: WorkerID) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM worker_heartbeats WHERE worker_id = ?", arguments: [id.rawValue])
        }
    }
}
