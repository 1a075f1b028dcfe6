import DeckCore

/// The telemetry the console shows, added up over every live worker.
public struct TelemetryFrame: Sendable, Hashable {
    /// One live worker, from its heartbeat.
    public struct Worker: Sendable, Hashable {
        public var id: String
        public var host: String
        public var pid: Int32
        public var startedAt: Timestamp
        public var lastSeenAt: Timestamp
        public var inFlight: Int
        public var succeeded: Double
        public var failures: Double

        public init(id: String, host: String, pid: Int32, startedAt: Timestamp, lastSeenAt: Timestamp, inFlight: Int = 0, succeeded: Double = 0, failures: Double = 0) {
            self.id = id
            self.host = host
            self.pid = pid
            self.startedAt = startedAt
            self.lastSeenAt = lastSeenAt
            self.inFlight = inFlight
            self.succeeded = succeeded
            self.failures = failures
        }
    }

    /// Provider latency percentiles, in seconds.
    public struct Latency: Sendable, Hashable {
        public var count: Int
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var p999: Double
        public var max: Double

        public init(count: Int, p50: Double, p90: Double, p99: Double, p999: Double, max: Double) {
            self.count = count
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
            self.p999 = p999
            self.max = max
        }
    }

    public var takenAt: Timestamp
    public var workers: [Worker]
    public var latency: Latency?
    /// Counter totals since each worker started.
    public var attempts: Double
    public var failures: Double
    public var conflicts: Double
    public var succeeded: Double
    /// Envelopes finished per second over the workers' recent window.
    public var throughput: Double

    public init(
        takenAt: Timestamp, workers: [Worker] = [], latency: Latency? = nil, attempts: Double = 0, failures: Double = 0,
        conflicts: Double = 0, succeeded: Double = 0, throughput: Double = 0
    ) {
        self.takenAt = takenAt
        self.workers = workers
        self.latency = latency
        self.attempts = attempts
        self.failures = failures
        self.conflicts = conflicts
        self.succeeded = succeeded
        self.throughput = throughput
    }
}
