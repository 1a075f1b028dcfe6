/// Retries per risk tier: attempts, exponential backoff with full jitter, Retry-After.
///
/// Pure: time and randomness come in as arguments, so tests step it exactly.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// The policy of every tier.
    public var tiers: [RiskTier: RiskTierPolicy]

    /// Defaults: low 5 attempts, medium 3, high 2, critical 1; base 1 s doubling to at most
    /// 5 minutes; only critical is unsafe to repeat.
    public static let standard: RetryPolicy = {
        func tier(_ attempts: Int, safe: Bool) -> RiskTierPolicy {
            RiskTierPolicy(unchecked: attempts, baseDelay: 1, maxDelay: 300, safeToRepeat: safe)
        }
        return RetryPolicy(complete: [
            .low: tier(5, safe: true), .medium: tier(3, safe: true), .high: tier(2, safe: true),
            .critical: tier(1, safe: false),
        ])
    }()

    private init(complete tiers: [RiskTier: RiskTierPolicy]) {
        self.tiers = tiers
    }

    /// A policy with `tiers` overriding the standard ones.
    public init(tiers: [RiskTier: RiskTierPolicy]) {
        var complete = tiers
        for tier in RiskTier.allCases where complete[tier] == nil {
            complete[tier] = Self.standard.tiers[tier]
        }
        self.tiers = complete
    }

    /// The policy of `tier`.
    public func policy(for tier: RiskTier) -> RiskTierPolicy { tiers[tier] ?? Self.standard.tiers[tier]! }

    /// After attempt number `attempts` of an envelope of `tier` failed with `error` at `now`:
    /// retry (when the error allows and attempts remain) after a fully jittered exponential
    /// delay — never sooner than the provider's Retry-After — or give up.
    public func decide<Random: RandomNumberGenerator>(
        after error: ProviderError, attempts: Int, tier: RiskTier, at now: Timestamp, using random: inout Random
    ) -> RetryDecision {
        let policy = policy(for: tier)
        guard error.isRetryable else { return .giveUp(reason: "permanent error: \(error)") }
        guard attempts < policy.maxAttempts else {
            return .giveUp(reason: "out of attempts (\(attempts) of \(policy.maxAttempts)): \(error)")
        }
        var delay = jitteredDelay(afterAttempt: attempts, policy: policy, using: &random)
        if let retryAfter = error.retryAfter, !retryAfter.isNaN, retryAfter > delay {
            delay = min(retryAfter, 86_400)
        }
        // Always strictly later than now, so the lifecycle accepts it.
        return .retry(at: now.adding(milliseconds: max(1, Int64((delay * 1000).rounded(.up)))))
    }

    /// A delay drawn uniformly from [0, min(max, base × 2^(attempt − 1))] (full jitter).
    public func jitteredDelay<Random: RandomNumberGenerator>(
        afterAttempt attempt: Int, policy: RiskTierPolicy, using random: inout Random
    ) -> Double {
        let exponent = Double(min(max(attempt - 1, 0), 62))
        let ceiling = min(policy.maxDelay, policy.baseDelay * pow2(exponent))
        guard ceiling > 0 else { return 0 }
        return Double.random(in: 0...ceiling, using: &random)
    }

    /// What becomes of an envelope whose lease expired at `now` (its worker stopped
    /// answering): back to pending with the attempt counted, or — when the tier is not safe
    /// to repeat or no attempt is left — dead, in doubt.
    public func rescue(_ envelope: Envelope, at now: Timestamp) -> EnvelopeTransition {
        let policy = policy(for: envelope.risk)
        guard policy.safeToRepeat, envelope.attempts < policy.maxAttempts else { return .expireLeaseInDoubt }
        return .expireLease(retryAt: now)
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }

    enum CodingKeys: String, CodingKey { case tiers }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let named = try container.decode([String: RiskTierPolicy].self, forKey: .tiers)
        var tiers: [RiskTier: RiskTierPolicy] = [:]
        for (name, policy) in named {
            guard let tier = RiskTier(rawValue: name) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [CodingKeys.tiers],
                    debugDescription: "unknown risk tier '\(TerminalText.sanitize(name))' (expected low, medium, high or critical)"))
            }
            tiers[tier] = policy
        }
        self.init(tiers: tiers)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Dictionary(uniqueKeysWithValues: tiers.map { ($0.key.rawValue, $0.value) }), forKey: .tiers)
    }
}
