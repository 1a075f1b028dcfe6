import DeckCore
import Foundation

/// The simulator's decisions for one execution attempt, as pure functions.
///
/// Each value is a hash (SplitMix64 mixing) of the seed, the envelope id, the attempt
/// number and what is being drawn — never a shared random stream — so the same seed gives
/// the same outcome and latency for the same (envelope, attempt) whatever the call order,
/// the number of concurrent calls or the process that makes them. A retry (attempt + 1)
/// draws afresh, which is what lets a retried envelope eventually succeed.
public struct SimulatorDraws: Sendable, Hashable {
    /// The options the draws follow.
    public let options: SimulatorOptions

    /// Draws for `options`.
    public init(options: SimulatorOptions) {
        self.options = options
    }

    /// Whether this attempt succeeds, or the error it fails with.
    ///
    /// One uniform draw `u` picks the outcome: `u < failureRate` is retryable (HTTP 500,
    /// 502, 503 or 504), the next `rateLimitRate` is HTTP 429 with a `Retry-After` of
    /// 1–5 whole seconds, the next `permanentRate` is permanent (HTTP 400, 403, 404, 422, or
    /// the app's `successful: false` with no status code), and the rest succeed.
    public func outcome(envelopeID: EnvelopeID, attempt: Int) -> SimulatedOutcome {
        let u = unit(.outcome, envelopeID, attempt)
        let variant = bits(.variant, envelopeID, attempt)
        var threshold = options.failureRate
        if u < threshold {
            let (status, message) = Self.retryableVariants[Int(variant % UInt64(Self.retryableVariants.count))]
            return .failure(ProviderError(.retryable, message, statusCode: status))
        }
        threshold += options.rateLimitRate
        if u < threshold {
            let seconds = Double(1 + bits(.retryAfter, envelopeID, attempt) % 5)
            return .failure(
                ProviderError(.rateLimited, "simulated rate limit exceeded", retryAfter: seconds, statusCode: 429))
        }
        threshold += options.permanentRate
        if u < threshold {
            let (status, message) = Self.permanentVariants[Int(variant % UInt64(Self.permanentVariants.count))]
            return .failure(ProviderError(.permanent, message, statusCode: status))
        }
        return .success
    }

    /// How long this attempt takes to answer, in milliseconds.
    ///
    /// Log-normal around the median: `median × exp(σ·z)` with `z` a standard normal draw
    /// clamped to ±4. Exactly 0 when the median is 0, and exactly the median when σ is 0.
    public func latencyMilliseconds(envelopeID: EnvelopeID, attempt: Int) -> Double {
        let median = options.latencyMilliseconds
        guard median > 0 else { return 0 }
        guard options.latencySpread > 0 else { return median }
        // Box–Muller: the radius draw is moved into (0, 1] so the logarithm stays finite.
        let radius = 1 - unit(.latencyRadius, envelopeID, attempt)
        let angle = unit(.latencyAngle, envelopeID, attempt)
        let z = (-2 * log(radius)).squareRoot() * cos(2 * Double.pi * angle)
        return median * exp(options.latencySpread * min(4, max(-4, z)))
    }

    /// The provider's id for a successful attempt (`log_` and 16 hex digits).
    public func logID(envelopeID: EnvelopeID, attempt: Int) -> String {
        "log_" + Self.hex(bits(.logID, envelopeID, attempt))
    }

    /// A deterministic id for the object a successful attempt created or read.
    func resultID(envelopeID: EnvelopeID, attempt: Int) -> String {
        "sim_" + Self.hex(bits(.resultID, envelopeID, attempt))
    }

    private func bits(_ stream: SimulationHash.Stream, _ envelopeID: EnvelopeID, _ attempt: Int) -> UInt64 {
        SimulationHash.hash(seed: options.seed, envelope: envelopeID.rawValue, attempt: attempt, stream: stream)
    }

    private func unit(_ stream: SimulationHash.Stream, _ envelopeID: EnvelopeID, _ attempt: Int) -> Double {
        SimulationHash.unit(bits(stream, envelopeID, attempt))
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static let retryableVariants: [(Int, String)] = [
        (500, "simulated internal server error"),
        (502, "simulated bad gateway"),
        (503, "simulated service unavailable"),
        (504, "simulated gateway timeout"),
    ]

    private static let permanentVariants: [(Int?, String)] = [
        (400, "simulated invalid request: the arguments do not match the tool's schema"),
        (403, "simulated forbidden: the connected account lacks a required scope"),
        (404, "simulated not found: the connected account does not exist"),
        (422, "simulated unprocessable request"),
        (nil, "simulated app failure: the app refused the action (successful: false)"),
    ]
}
