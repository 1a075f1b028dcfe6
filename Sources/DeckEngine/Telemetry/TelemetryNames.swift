/// The metric labels the outbox worker emits, in one place so the worker, the console and
/// the Prometheus endpoint agree on the spelling.
///
/// Labels already follow Prometheus naming (`snake_case`, counters end in `_total`), so the
/// exposition does not have to rename them. Timers are recorded in nanoseconds and reported
/// in seconds.
public enum TelemetryNames {
    // MARK: - Latency timers

    /// Timer: how long one provider call took, from request to response (or error).
    public static let providerLatency = "opsdeck_worker_provider_latency"

    /// Timer: from the moment a worker claimed an envelope to the moment it wrote the
    /// envelope's outcome — the worker's own processing time, retries within a claim included.
    public static let claimToFinish = "opsdeck_worker_claim_to_finish"

    /// Timer: from the moment an envelope was enqueued to the moment a worker started
    /// executing it — the queueing delay seen by the agent that submitted it.
    public static let enqueueToStart = "opsdeck_worker_enqueue_to_start"

    // MARK: - Counters

    /// Counter: provider call attempts, first tries and retries alike.
    public static let attempts = "opsdeck_worker_attempts_total"

    /// Counter: failed provider attempts, split by the ``failureKindDimension`` dimension
    /// (`retryable`, `rate_limited` or `permanent`).
    public static let failures = "opsdeck_worker_failures_total"

    /// Counter: lost races — due envelopes a claim passed over because their tenant was
    /// already at its cap of running envelopes (across all workers), and outcomes dropped
    /// because the lease had been lost to the rescuer.
    public static let conflicts = "opsdeck_worker_conflicts_total"

    /// Counter: envelopes that reached `succeeded`.
    public static let succeeded = "opsdeck_worker_succeeded_total"

    /// Counter: envelopes moved to the dead-letter queue (retries exhausted or a permanent error).
    public static let dead = "opsdeck_worker_dead_total"

    /// Counter: envelopes that reached a terminal state (succeeded or dead); the source of
    /// the throughput figure.
    public static let finished = "opsdeck_worker_finished_total"

    /// Counter: envelopes this worker claimed from the outbox.
    public static let claimed = "opsdeck_worker_claimed_total"

    /// Counter: envelopes rescued from a worker whose lease expired, put back in the queue.
    public static let rescued = "opsdeck_worker_rescued_total"

    /// Counter: envelopes the guardrails deferred, held or rejected, split by the
    /// ``guardrailDecisionDimension`` dimension.
    public static let guardrail = "opsdeck_worker_guardrail_total"

    // MARK: - Gauges

    /// Gauge: how many envelopes sit in the dead-letter queue right now.
    public static let dlqSize = "opsdeck_outbox_dlq_size"

    /// Gauge: how many envelopes this worker is executing right now.
    public static let inFlight = "opsdeck_worker_in_flight"

    // MARK: - Dimensions

    /// The dimension of ``failures`` naming the failure class:
    /// `retryable`, `rate_limited` or `permanent`.
    public static let failureKindDimension = "kind"

    /// The dimension of ``guardrail`` naming the guardrails' decision:
    /// `deferred`, `held` or `rejected`.
    public static let guardrailDecisionDimension = "decision"
}
