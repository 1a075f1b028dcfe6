/// How often a recurring job runs: a uniformly drawn interval between two bounds.
///
/// Trickle refreshes run every 30–60 minutes by default; the jitter spreads tenants so
/// their refreshes do not arrive at the provider together.
public struct RefreshInterval: Sendable, Hashable, Codable {
    public let minimumSeconds: Double
    public let maximumSeconds: Double

    /// The trickle-refresh default: 30 to 60 minutes.
    public static let trickleDefault = RefreshInterval(unchecked: 1_800, 3_600)

    public init(minimumSeconds: Double, maximumSeconds: Double) throws(InvalidInput) {
        guard minimumSeconds.isFinite, maximumSeconds.isFinite, minimumSeconds >= 1, maximumSeconds >= minimumSeconds,
              maximumSeconds <= 7 * 86_400
        else {
            throw InvalidInput("refresh interval must satisfy 1 s <= minimum <= maximum <= 7 days")
        }
        self.minimumSeconds = minimumSeconds
        self.maximumSeconds = maximumSeconds
    }

    private init(unchecked minimum: Double, _ maximum: Double) {
        minimumSeconds = minimum
        maximumSeconds = maximum
    }

    /// The next run after `now`, with jitter drawn from `random`.
    public func nextRun<Random: RandomNumberGenerator>(after now: Timestamp, using random: inout Random) -> Timestamp {
        now.adding(seconds: Double.random(in: minimumSeconds...maximumSeconds, using: &random))
    }
}
