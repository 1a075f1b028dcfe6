import CoreMetrics
import DeckCore
import Metrics

/// The worker's swift-metrics handles, created once (whatever backend the executable
/// bootstrapped receives them; none means no-op).
struct WorkerMetrics: Sendable {
    let providerLatency = Metrics.Timer(label: TelemetryNames.providerLatency)
    let claimToFinish = Metrics.Timer(label: TelemetryNames.claimToFinish)
    let enqueueToStart = Metrics.Timer(label: TelemetryNames.enqueueToStart)
    let attempts = Counter(label: TelemetryNames.attempts)
    let conflicts = Counter(label: TelemetryNames.conflicts)
    let succeeded = Counter(label: TelemetryNames.succeeded)
    let dead = Counter(label: TelemetryNames.dead)
    let finished = Counter(label: TelemetryNames.finished)
    let claimed = Counter(label: TelemetryNames.claimed)
    let rescued = Counter(label: TelemetryNames.rescued)
    let dlqSize = Gauge(label: TelemetryNames.dlqSize)
    let inFlight = Gauge(label: TelemetryNames.inFlight)
    private let failures: [ProviderError.Kind: Counter]
    private let guardrails: [String: Counter]

    init() {
        var failures: [ProviderError.Kind: Counter] = [:]
        for kind in ProviderError.Kind.allCases {
            failures[kind] = Counter(label: TelemetryNames.failures, dimensions: [(TelemetryNames.failureKindDimension, kind.rawValue)])
        }
        self.failures = failures
        var guardrails: [String: Counter] = [:]
        for decision in ["deferred", "held", "rejected"] {
            guardrails[decision] = Counter(
                label: TelemetryNames.guardrail, dimensions: [(TelemetryNames.guardrailDecisionDimension, decision)])
        }
        self.guardrails = guardrails
    }

    func failed(_ kind: ProviderError.Kind) { failures[kind]?.increment() }

    func guardrail(_ decision: String, count: Int) {
        if count > 0 { guardrails[decision]?.increment(by: count) }
    }
}
