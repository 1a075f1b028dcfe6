import Logging

extension SchedulerConfiguration {
    /// Every setting as log metadata: the scheduler's start-up line.
    public var metadata: Logger.Metadata {
        [
            "actor": "\(actor)", "account_sync_seconds": "\(accountSyncSeconds)",
            "drift_check_seconds": "\(driftCheckSeconds)",
            "trickle_min_seconds": "\(trickleInterval.minimumSeconds)",
            "trickle_max_seconds": "\(trickleInterval.maximumSeconds)",
            "bucket_capacity": "\(bucketCapacity)", "bucket_refill_per_second": "\(bucketRefillPerSecond)",
            "tick_seconds": "\(tickSeconds)",
        ]
    }
}
