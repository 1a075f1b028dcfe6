/// The recurring jobs that keep a schedule row.
public enum ScheduleJob: String, Sendable, Hashable, Codable, CaseIterable {
    case trickleRefresh = "trickle_refresh"
    case driftCheck = "drift_check"
    case accountSync = "account_sync"
}
