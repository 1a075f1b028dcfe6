import DeckCore

extension TelemetrySnapshot {
    /// The snapshot a worker wrote into its heartbeat; an empty one stamped with the
    /// heartbeat's time when the JSON is not a snapshot (an older or foreign worker).
    public init(heartbeat: WorkerHeartbeat) {
        self = (try? TelemetrySnapshot(json: heartbeat.telemetry)) ?? TelemetrySnapshot(takenAt: heartbeat.lastSeenAt)
    }
}
