/// Whether an operator has dealt with a drift alert.
public enum DriftAlertStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case accepted
}
