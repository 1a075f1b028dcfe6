import DeckCore

/// How the schedulers run: intervals, rate buckets, and who they are in the audit log.
public struct SchedulerConfiguration: Sendable {
    /// The audit actor of every scheduler row (e.g. `scheduler@host:pid`).
    public var actor: String
    /// Interval between account syncs of a tenant, in seconds.
    public var accountSyncSeconds: Double
    /// Interval between catalog drift checks of a tenant, in seconds.
    public var driftCheckSeconds: Double
    /// Interval (jittered) between trickle refreshes of a tenant × toolkit category.
    public var trickleInterval: RefreshInterval
    /// Per-toolkit token bucket: burst size and refill per second.
    public var bucketCapacity: Double
    public var bucketRefillPerSecond: Double
    /// How often the scheduler looks for due work, in seconds.
    public var tickSeconds: Double
    /// Back-off after a 429 without `Retry-After`, in seconds.
    public var rateLimitBackoffSeconds: Double

    public init(
        actor: String, accountSyncSeconds: Double = 30, driftCheckSeconds: Double = 300,
        trickleInterval: RefreshInterval = .trickleDefault, bucketCapacity: Double = 10, bucketRefillPerSecond: Double = 1,
        tickSeconds: Double = 1, rateLimitBackoffSeconds: Double = 60
    ) throws(InvalidInput) {
        for (name, value) in [
            ("account sync interval", accountSyncSeconds), ("drift check interval", driftCheckSeconds),
            ("tick", tickSeconds), ("rate-limit back-off", rateLimitBackoffSeconds),
        ] where !(value.isFinite && value >= 0.01 && value <= 7 * 86_400) {
            throw InvalidInput("\(name) must be 0.01 s to 7 days (got \(value))")
        }
        _ = try TokenBucket(capacity: bucketCapacity, refillPerSecond: bucketRefillPerSecond, at: Timestamp(millisecondsSinceEpoch: 0))
        self.actor = actor
        self.accountSyncSeconds = accountSyncSeconds
        self.driftCheckSeconds = driftCheckSeconds
        self.trickleInterval = trickleInterval
        self.bucketCapacity = bucketCapacity
        self.bucketRefillPerSecond = bucketRefillPerSecond
        self.tickSeconds = tickSeconds
        self.rateLimitBackoffSeconds = rateLimitBackoffSeconds
    }
}
