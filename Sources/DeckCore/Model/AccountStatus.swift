/// A Composio connected account's status, with Composio's names as raw values.
public enum AccountStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case initializing = "INITIALIZING"
    case initiated = "INITIATED"
    case active = "ACTIVE"
    case failed = "FAILED"
    case expired = "EXPIRED"
    case inactive = "INACTIVE"
    case revoked = "REVOKED"

    public var description: String { rawValue }
}
