/// Worker liveness and telemetry snapshots (operator-wide, not tenant-owned).
public protocol HeartbeatRepository: Sendable {
    /// Inserts or replaces a worker's heartbeat row.
    func recordHeartbeat(_ heartbeat: WorkerHeartbeat) async throws
    /// Workers seen at or after `instant`, by id.
    func heartbeats(seenSince instant: Timestamp) async throws -> [WorkerHeartbeat]
    /// Removes a worker's row (clean shutdown).
    func removeHeartbeat(_ id: WorkerID) async throws
    /// Removes the rows of workers last seen before `instant` (killed ones: a clean stop
    /// removes its own); returns their ids.
    func removeHeartbeats(seenBefore instant: Timestamp) async throws -> [WorkerID]
}
