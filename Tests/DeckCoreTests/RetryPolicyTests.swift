import DeckCore
import Foundation
import Testing

private let now = Fixture.now

private func policy(_ attempts: Int, base: Double, max: Double, safe: Bool = true) -> RiskTierPolicy {
    do { return try RiskTierPolicy(maxAttempts: attempts, baseDelay: base, maxDelay: max, safeToRepeat: safe) } catch {
        fatalError("bad test policy: \(error.message)")
    }
}

/// The retry instant of a decision, or nil when it gave up.
private func retryInstant(_ decision: RetryDecision) -> Timestamp? {
    if case .retry(let at) = decision { return at }
    return nil
}

/// A running envelope of `risk` with `attempts` made, its lease expired before `now`.
private func running(risk: RiskTier, attempts: Int) -> Envelope {
    var envelope = Fixture.envelope(.running)
    envelope.risk = risk
    envelope.attempts = attempts
    return envelope
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    static let transient = ProviderError(.retryable, "upstream timeout", statusCode: 503)

    @Test("standard defaults: low 5, medium 3, high 2, critical 1; base 1 s, max 5 min; critical unsafe")
    func standardDefaults() {
        let standard = RetryPolicy.standard
        #expect(RiskTier.allCases.map { standard.policy(for: $0).maxAttempts } == [5, 3, 2, 1])
        #expect(RiskTier.allCases.map { standard.policy(for: $0).safeToRepeat } == [true, true, true, false])
        for tier in RiskTier.allCases {
            #expect(standard.policy(for: tier).baseDelay == 1)
            #expect(standard.policy(for: tier).maxDelay == 300)
        }
        #expect(standard.tiers.count == 4)
    }

    @Test("overriding one tier keeps the standard policy of the others")
    func partialOverride() {
        let custom = RetryPolicy(tiers: [.high: policy(7, base: 2, max: 60, safe: false)])
        #expect(custom.policy(for: .high) == policy(7, base: 2, max: 60, safe: false))
        for tier in [RiskTier.low, .medium, .critical] {
            #expect(custom.policy(for: tier) == RetryPolicy.standard.policy(for: tier))
        }
        #expect(custom.tiers.count == 4)
    }

    @Test("a permanent error gives up at once, whatever the attempts left")
    func permanentGivesUp() {
        var random = SplitMix64(seed: 1)
        let error = ProviderError(.permanent, "bad request", statusCode: 400)
        for tier in RiskTier.allCases {
            let decision = RetryPolicy.standard.decide(after: error, attempts: 0, tier: tier, at: now, using: &random)
            #expect(decision == .giveUp(reason: "permanent error: HTTP 400: bad request"))
        }
    }

    @Test("out of attempts gives up with the count in the reason", arguments: RiskTier.allCases)
    func outOfAttempts(tier: RiskTier) {
        var random = SplitMix64(seed: 2)
        let max = RetryPolicy.standard.policy(for: tier).maxAttempts
        for attempts in [max, max + 1] {
            let decision = RetryPolicy.standard.decide(after: Self.transient, attempts: attempts, tier: tier, at: now, using: &random)
            #expect(decision == .giveUp(reason: "out of attempts (\(attempts) of \(max)): HTTP 503: upstream timeout"))
        }
        // One attempt fewer still retries (critical has none to spare: 0 attempts made is the only retry).
        let decision = RetryPolicy.standard.decide(after: Self.transient, attempts: max - 1, tier: tier, at: now, using: &random)
        #expect(retryInstant(decision) != nil)
    }

    @Test("retry instants are strictly after now and within the backoff ceiling")
    func retryAfterNow() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            let attempts = 1 + random.below(4)
            let decision = RetryPolicy.standard.decide(after: Self.transient, attempts: attempts, tier: .low, at: now, using: &random)
            guard let at = retryInstant(decision) else {
                Issue.record("low tier gave up at attempt \(attempts): \(decision)")
                continue
            }
            #expect(at > now)
            // Ceiling for attempt n: 1 s × 2^(n−1), in ms, plus the round-up to a whole ms.
            #expect(at.milliseconds(since: now) <= Int64(1000 << (attempts - 1)))
        }
    }

    @Test("full jitter stays in [0, min(max, base × 2^(attempt − 1))] and spreads over it",
          arguments: [(1, 1.0), (2, 2.0), (3, 4.0), (5, 16.0), (9, 60.0), (40, 60.0), (10_000, 60.0)])
    func fullJitter(attempt: Int, ceiling: Double) {
        let tier = policy(100, base: 1, max: 60)
        var random = SplitMix64(seed: 0xBACC_0FF0 &+ UInt64(attempt))
        var sum = 0.0, low = Double.infinity, high = -Double.infinity
        let draws = 4_000
        for _ in 0..<draws {
            let delay = RetryPolicy.standard.jitteredDelay(afterAttempt: attempt, policy: tier, using: &random)
            #expect(delay >= 0 && delay <= ceiling)
            sum += delay
            low = min(low, delay)
            high = max(high, delay)
        }
        // Uniform on [0, c]: mean c/2 with standard error c/√(12·4000) ≈ 0.005c.
        let mean = sum / Double(draws)
        #expect(abs(mean - ceiling / 2) < ceiling * 0.03, "mean \(mean) for ceiling \(ceiling)")
        #expect(low < ceiling * 0.01 && high > ceiling * 0.99, "draws reach both ends: \(low)…\(high)")
    }

    @Test("attempt 0 or below uses the base delay as the ceiling")
    func attemptZero() {
        var random = SplitMix64(seed: 4)
        let tier = policy(3, base: 2, max: 60)
        for attempt in [0, -5] {
            for _ in 0..<500 {
                let delay = RetryPolicy.standard.jitteredDelay(afterAttempt: attempt, policy: tier, using: &random)
                #expect(delay >= 0 && delay <= 2)
            }
        }
    }

    @Test("Retry-After is a floor, capped at one day")
    func retryAfter() {
        var random = SplitMix64(seed: 5)
        for retryAfter in [0.5, 30, 299, 3_600, 86_400] {
            let error = ProviderError(.rateLimited, "slow down", retryAfter: retryAfter, statusCode: 429)
            for _ in 0..<200 {
                let decision = RetryPolicy.standard.decide(after: error, attempts: 1, tier: .low, at: now, using: &random)
                guard let at = retryInstant(decision) else {
                    Issue.record("rate limited gave up: \(decision)")
                    continue
                }
                // Standard low tier, attempt 1: jitter is at most 1 s, so Retry-After decides.
                #expect(at.milliseconds(since: now) >= Int64(retryAfter * 1000))
                #expect(at.milliseconds(since: now) <= max(Int64(retryAfter * 1000), 1000))
            }
        }
        for huge in [86_401.0, 604_800, 1e12] {
            let error = ProviderError(.rateLimited, "slow down", retryAfter: huge, statusCode: 429)
            let decision = RetryPolicy.standard.decide(after: error, attempts: 1, tier: .low, at: now, using: &random)
            #expect(decision == .retry(at: now.adding(milliseconds: 86_400_000)), "capped at one day")
        }
    }

    @Test("a Retry-After below the jittered delay leaves the delay as drawn")
    func smallRetryAfter() {
        let tier = policy(5, base: 100, max: 100)
        let custom = RetryPolicy(tiers: [.low: tier])
        var draws = SplitMix64(seed: 6)
        var replay = SplitMix64(seed: 6)
        for _ in 0..<200 {
            let error = ProviderError(.retryable, "busy", retryAfter: 0.001)
            let decision = custom.decide(after: error, attempts: 1, tier: .low, at: now, using: &draws)
            let delay = custom.jitteredDelay(afterAttempt: 1, policy: tier, using: &replay)
            let expected = max(1, Int64((max(delay, 0.001) * 1000).rounded(.up)))
            #expect(decision == .retry(at: now.adding(milliseconds: expected)))
        }
    }

    @Test("nonsense Retry-After values are ignored", arguments: [-5.0, .nan, -.infinity])
    func nonsenseRetryAfter(value: Double) {
        var random = SplitMix64(seed: 7)
        let error = ProviderError(.rateLimited, "slow down", retryAfter: value, statusCode: 429)
        let decision = RetryPolicy.standard.decide(after: error, attempts: 1, tier: .low, at: now, using: &random)
        guard let at = retryInstant(decision) else {
            Issue.record("gave up: \(decision)")
            return
        }
        #expect(at > now && at.milliseconds(since: now) <= 1000)
    }

    @Test("rate-limited errors retry, on every tier with attempts left")
    func rateLimitedRetries() {
        var random = SplitMix64(seed: 8)
        let error = ProviderError(.rateLimited, "slow down", statusCode: 429)
        #expect(error.isRetryable)
        for tier in RiskTier.allCases {
            let decision = RetryPolicy.standard.decide(after: error, attempts: 0, tier: tier, at: now, using: &random)
            #expect(retryInstant(decision).map { $0 > now } == true, "\(tier)")
        }
    }

    @Test("zero base delay still retries strictly after now")
    func zeroBaseDelay() {
        let custom = RetryPolicy(tiers: [.medium: policy(4, base: 0, max: 0)])
        var random = SplitMix64(seed: 9)
        for attempts in 1...3 {
            let decision = custom.decide(after: Self.transient, attempts: attempts, tier: .medium, at: now, using: &random)
            #expect(decision == .retry(at: now.adding(milliseconds: 1)))
        }
    }

    @Test("the same seed gives the same decisions")
    func deterministic() {
        var first = SplitMix64(seed: 10), second = SplitMix64(seed: 10)
        let a = (1...4).map { RetryPolicy.standard.decide(after: Self.transient, attempts: $0, tier: .low, at: now, using: &first) }
        let b = (1...4).map { RetryPolicy.standard.decide(after: Self.transient, attempts: $0, tier: .low, at: now, using: &second) }
        #expect(a == b)
    }

    @Test("rescue: back to pending now for safe tiers with attempts left")
    func rescueSafe() {
        let standard = RetryPolicy.standard
        for (tier, attempts) in [(RiskTier.low, 1), (.low, 4), (.medium, 2), (.high, 1)] {
            #expect(standard.rescue(running(risk: tier, attempts: attempts), at: now) == .expireLease(retryAt: now))
        }
    }

    @Test("rescue: in doubt for unsafe tiers and for exhausted attempts")
    func rescueInDoubt() {
        let standard = RetryPolicy.standard
        #expect(standard.rescue(running(risk: .critical, attempts: 0), at: now) == .expireLeaseInDoubt)
        #expect(standard.rescue(running(risk: .critical, attempts: 1), at: now) == .expireLeaseInDoubt)
        for (tier, attempts) in [(RiskTier.low, 5), (.medium, 3), (.high, 2), (.high, 9)] {
            #expect(standard.rescue(running(risk: tier, attempts: attempts), at: now) == .expireLeaseInDoubt, "\(tier) \(attempts)")
        }
        // An unsafe custom tier with plenty of attempts is still in doubt.
        let custom = RetryPolicy(tiers: [.low: policy(10, base: 1, max: 1, safe: false)])
        #expect(custom.rescue(running(risk: .low, attempts: 1), at: now) == .expireLeaseInDoubt)
        // A safe critical tier is rescued.
        let lenient = RetryPolicy(tiers: [.critical: policy(3, base: 1, max: 1, safe: true)])
        #expect(lenient.rescue(running(risk: .critical, attempts: 1), at: now) == .expireLease(retryAt: now))
    }

    @Test("rescue transitions apply to an expired running envelope")
    func rescueApplies() throws {
        let safe = running(risk: .low, attempts: 1)
        let back = try EnvelopeLifecycle.apply(RetryPolicy.standard.rescue(safe, at: now), to: safe, at: now, by: "rescuer")
        #expect(back.status == .pending && back.runAt == now && back.attempts == 1 && !back.inDoubt)
        let unsafe = running(risk: .critical, attempts: 1)
        let dead = try EnvelopeLifecycle.apply(RetryPolicy.standard.rescue(unsafe, at: now), to: unsafe, at: now, by: "rescuer")
        #expect(dead.status == .dead && dead.inDoubt)
    }

    @Test("Codable: tiers keyed by name, round trip")
    func codableRoundTrip() throws {
        let custom = RetryPolicy(tiers: [.high: policy(7, base: 2.5, max: 90, safe: false)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(custom)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""high":{"base_delay_seconds":2.5,"max_attempts":7,"max_delay_seconds":90,"safe_to_repeat":false}"#))
        for name in ["low", "medium", "critical"] { #expect(text.contains("\"\(name)\":")) }
        #expect(try JSONDecoder().decode(RetryPolicy.self, from: data) == custom)
    }

    @Test("Codable: a partial document fills in the standard tiers")
    func codablePartial() throws {
        let json = #"{"tiers":{"medium":{"max_attempts":9,"base_delay_seconds":0,"max_delay_seconds":10,"safe_to_repeat":true}}}"#
        let decoded = try JSONDecoder().decode(RetryPolicy.self, from: Data(json.utf8))
        #expect(decoded.policy(for: .medium) == policy(9, base: 0, max: 10))
        #expect(decoded.policy(for: .critical) == RetryPolicy.standard.policy(for: .critical))
    }

    @Test("Codable: an unknown tier name fails to decode")
    func codableUnknownTier() {
        let json = #"{"tiers":{"extreme":{"max_attempts":1,"base_delay_seconds":1,"max_delay_seconds":1,"safe_to_repeat":false}}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RetryPolicy.self, from: Data(json.utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(RetryPolicy.self, from: Data(#"{"tiers":[]}"#.utf8)) }
        // Names are exact: "LOW" is not a tier, so two spellings cannot collide.
        let upper = #"{"tiers":{"LOW":{"max_attempts":1,"base_delay_seconds":1,"max_delay_seconds":1,"safe_to_repeat":true}}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RetryPolicy.self, from: Data(upper.utf8)) }
    }

    @Test("Codable: a tier policy that breaks the rules fails to decode", arguments: [
        #"{"max_attempts":0,"base_delay_seconds":1,"max_delay_seconds":1,"safe_to_repeat":true}"#,
        #"{"max_attempts":3,"base_delay_seconds":-1,"max_delay_seconds":1,"safe_to_repeat":true}"#,
        #"{"max_attempts":3,"base_delay_seconds":5,"max_delay_seconds":1,"safe_to_repeat":true}"#,
        #"{"max_attempts":3,"base_delay_seconds":1,"max_delay_seconds":1e300,"safe_to_repeat":true}"#,
    ])
    func codableValidates(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RiskTierPolicy.self, from: Data(json.utf8)) }
    }

    @Test("an infinite Retry-After waits the one-day cap")
    func infiniteRetryAfter() {
        var random = SplitMix64(seed: 7)
        let error = ProviderError(.rateLimited, "slow down", retryAfter: .infinity, statusCode: 429)
        #expect(RetryPolicy.standard.decide(after: error, attempts: 1, tier: .low, at: now, using: &random)
            == .retry(at: now.adding(seconds: 86_400)))
    }

    static let invalidPolicies: [(Int, Double, Double, String)] = [
        (0, 1, 1, "max attempts must be 1 to 100 (got 0)"),
        (101, 1, 1, "max attempts must be 1 to 100 (got 101)"),
        (-3, 1, 1, "max attempts must be 1 to 100 (got -3)"),
        (3, -1, 1, "retry delays must satisfy 0 <= base <= max <= 7 days"),
        (3, 10, 5, "retry delays must satisfy 0 <= base <= max <= 7 days"),
        (3, 1, 604_801, "retry delays must satisfy 0 <= base <= max <= 7 days"),
        (3, .nan, 5, "retry delays must satisfy 0 <= base <= max <= 7 days"),
        (3, 1, .infinity, "retry delays must satisfy 0 <= base <= max <= 7 days"),
    ]

    @Test("RiskTierPolicy refuses out-of-range values", arguments: invalidPolicies)
    func invalidTierPolicy(attempts: Int, base: Double, max: Double, message: String) {
        let error = #expect(throws: InvalidInput.self) {
            try RiskTierPolicy(maxAttempts: attempts, baseDelay: base, maxDelay: max, safeToRepeat: true)
        }
        #expect(error?.message == message)
    }

    @Test("RiskTierPolicy accepts the extremes")
    func extremeTierPolicy() throws {
        _ = try RiskTierPolicy(maxAttempts: 1, baseDelay: 0, maxDelay: 0, safeToRepeat: false)
        let widest = try RiskTierPolicy(maxAttempts: 100, baseDelay: 604_800, maxDelay: 604_800, safeToRepeat: true)
        #expect(widest.maxAttempts == 100 && widest.maxDelay == 604_800)
    }
}
