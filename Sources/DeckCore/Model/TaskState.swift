/// Where a planned task stands.
public enum TaskState: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case planned
    case inProgress = "in_progress"
    case blocked
    case done
    case dropped

    public var description: String { rawValue }
}
