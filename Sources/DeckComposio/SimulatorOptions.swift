import DeckCore

/// How the simulated tool provider behaves: its seed, latency and failure mix, and ledger.
///
/// Values are validated once, when the options are made, so a `SimulatedProvider` never
/// meets an impossible rate. Error messages name the `opsdeck` flags (`--sim-…`) because
/// that is where operators set these values.
public struct SimulatorOptions: Sendable, Hashable {
    /// The spread used when none is given: a log-normal σ of 0.5 puts p99 near 3× the median.
    public static let defaultLatencySpread = 0.5
    /// The largest median latency accepted, in milliseconds (ten minutes).
    public static let maximumLatencyMilliseconds = 600_000.0
    /// The largest latency spread accepted (σ of the log-normal distribution).
    public static let maximumLatencySpread = 4.0

    /// Everything the simulator draws derives from this; the same seed replays the same run.
    public let seed: UInt64
    /// The median latency of one execution, in milliseconds; 0 answers at once, without sleeping.
    public let latencyMilliseconds: Double
    /// σ of the log-normal latency distribution around the median; 0 makes every latency the median.
    public let latencySpread: Double
    /// Share of attempts that fail retryably (HTTP 5xx-like), in 0…1.
    public let failureRate: Double
    /// Share of attempts rejected with HTTP 429 and a `Retry-After` of 1–5 s, in 0…1.
    public let rateLimitRate: Double
    /// Share of attempts that fail permanently (HTTP 4xx or the app's `successful: false`), in 0…1.
    public let permanentRate: Double
    /// The file that remembers every performed action (`--sim-ledger`), or nil for none.
    public let ledgerPath: String?

    /// Validated options; throws one line naming the offending flag.
    public init(
        seed: UInt64, latencyMilliseconds: Double = 0, latencySpread: Double = SimulatorOptions.defaultLatencySpread,
        failureRate: Double = 0, rateLimitRate: Double = 0, permanentRate: Double = 0, ledgerPath: String? = nil
    ) throws(InvalidInput) {
        guard latencyMilliseconds.isFinite, (0...Self.maximumLatencyMilliseconds).contains(latencyMilliseconds) else {
            throw InvalidInput(
                "--sim-latency-ms must be between 0 and \(Int(Self.maximumLatencyMilliseconds)), got \(latencyMilliseconds)")
        }
        guard latencySpread.isFinite, (0...Self.maximumLatencySpread).contains(latencySpread) else {
            throw InvalidInput(
                "the simulator's latency spread must be between 0 and \(Self.maximumLatencySpread), got \(latencySpread)")
        }
        for (flag, rate) in [
            ("--sim-failure-rate", failureRate), ("--sim-429-rate", rateLimitRate), ("--sim-permanent-rate", permanentRate),
        ] {
            guard rate.isFinite, (0...1).contains(rate) else {
                throw InvalidInput("\(flag) must be between 0 and 1, got \(rate)")
            }
        }
        let sum = failureRate + rateLimitRate + permanentRate
        guard sum <= 1 + 1e-9 else {
            throw InvalidInput(
                "--sim-failure-rate, --sim-429-rate and --sim-permanent-rate add up to \(sum); their sum must be at most 1")
        }
        if let ledgerPath, ledgerPath.isEmpty {
            throw InvalidInput("--sim-ledger needs a file path, got an empty one")
        }
        self.seed = seed
        self.latencyMilliseconds = latencyMilliseconds
        self.latencySpread = latencySpread
        self.failureRate = failureRate
        self.rateLimitRate = rateLimitRate
        self.permanentRate = permanentRate
        self.ledgerPath = ledgerPath
    }

    /// Options that always succeed at once, with no ledger: the fast default for tests and benchmarks.
    public static func reliable(seed: UInt64 = 0) -> SimulatorOptions {
        SimulatorOptions(
            uncheckedSeed: seed, latencyMilliseconds: 0, latencySpread: defaultLatencySpread, failureRate: 0,
            rateLimitRate: 0, permanentRate: 0, ledgerPath: nil)
    }

    private init(
        uncheckedSeed seed: UInt64, latencyMilliseconds: Double, latencySpread: Double, failureRate: Double,
        rateLimitRate: Double, permanentRate: Double, ledgerPath: String?
    ) {
        self.seed = seed
        self.latencyMilliseconds = latencyMilliseconds
        self.latencySpread = latencySpread
        self.failureRate = failureRate
        self.rateLimitRate = rateLimitRate
        self.permanentRate = permanentRate
        self.ledgerPath = ledgerPath
    }
}
