/// Which job read a signal.
public enum SignalSource: String, Sendable, Hashable, Codable, CaseIterable {
    case warmScan = "warm_scan"
    case trickleRefresh = "trickle_refresh"
}
