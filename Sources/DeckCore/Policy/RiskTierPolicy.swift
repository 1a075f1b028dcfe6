/// How the worker treats failures of one risk tier.
public struct RiskTierPolicy: Sendable, Hashable, Codable {
    /// Executions allowed in all (the first included); 1 means never retried.
    public var maxAttempts: Int
    /// Backoff before the second attempt, in seconds; doubles per attempt (full jitter).
    public var baseDelay: Double
    /// Longest backoff, in seconds.
    public var maxDelay: Double
    /// False when an execution whose outcome is unknown (its worker died) must not be
    /// repeated without a person deciding: it goes to the DLQ marked in doubt instead.
    public var safeToRepeat: Bool

    public init(maxAttempts: Int, baseDelay: Double, maxDelay: Double, safeToRepeat: Bool) throws(InvalidInput) {
        guard (1...100).contains(maxAttempts) else { throw InvalidInput("max attempts must be 1 to 100 (got \(maxAttempts))") }
        guard baseDelay.isFinite, maxDelay.isFinite, baseDelay >= 0, maxDelay >= baseDelay, maxDelay <= 86_400 * 7 else {
            throw InvalidInput("retry delays must satisfy 0 <= base <= max <= 7 days")
        }
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.safeToRepeat = safeToRepeat
    }

    /// For literal defaults known to be valid.
    init(unchecked maxAttempts: Int, baseDelay: Double, maxDelay: Double, safeToRepeat: Bool) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.safeToRepeat = safeToRepeat
    }

    enum CodingKeys: String, CodingKey {
        case maxAttempts = "max_attempts"
        case baseDelay = "base_delay_seconds"
        case maxDelay = "max_delay_seconds"
        case safeToRepeat = "safe_to_repeat"
    }

    /// Decodes through the validating initializer: a file cannot smuggle in zero attempts
    /// or an unbounded delay.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                maxAttempts: try container.decode(Int.self, forKey: .maxAttempts),
                baseDelay: try container.decode(Double.self, forKey: .baseDelay),
                maxDelay: try container.decode(Double.self, forKey: .maxDelay),
                safeToRepeat: try container.decode(Bool.self, forKey: .safeToRepeat))
        } catch let error as InvalidInput {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }
}
