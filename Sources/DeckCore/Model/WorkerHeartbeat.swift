/// A worker process saying it is alive, with its latest telemetry.
public struct WorkerHeartbeat: Sendable, Hashable, Identifiable, Codable {
    public var id: WorkerID
    public var host: String
    public var pid: Int32
    public var startedAt: Timestamp
    public var lastSeenAt: Timestamp
    /// The worker's telemetry snapshot (counters, histogram summary) as JSON.
    public var telemetry: JSONValue

    public init(id: WorkerID, host: String, pid: Int32, startedAt: Timestamp, lastSeenAt: Timestamp, telemetry: JSONValue = .object([:])) {
        self.id = id
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
        self.lastSeenAt = lastSeenAt
        self.telemetry = telemetry
    }
}
