import Logging

extension WorkerConfiguration {
    /// Every setting as log metadata: the worker's start-up line, so an operator (and the
    /// process tests) can see which values reached the worker.
    public var metadata: Logger.Metadata {
        [
            "worker": "\(id)", "concurrency": "\(concurrency)", "batch": "\(batchSize)",
            "lease_seconds": "\(leaseSeconds)", "poll_ms": "\(pollMilliseconds)",
            "rescue_seconds": "\(rescueIntervalSeconds)", "heartbeat_seconds": "\(heartbeatIntervalSeconds)",
            "drain": "\(drain)", "result_limit_bytes": "\(resultLimitBytes)",
        ]
    }
}
