import DeckEngine
import Testing

@Suite("TelemetryNames")
struct TelemetryNamesTests {
    private let all = [
        TelemetryNames.providerLatency, TelemetryNames.claimToFinish, TelemetryNames.enqueueToStart,
        TelemetryNames.attempts, TelemetryNames.failures, TelemetryNames.conflicts, TelemetryNames.succeeded,
        TelemetryNames.dead, TelemetryNames.finished, TelemetryNames.claimed, TelemetryNames.rescued,
        TelemetryNames.guardrail, TelemetryNames.dlqSize, TelemetryNames.inFlight,
    ]

    @Test("names are distinct and already valid Prometheus metric names")
    func valid() {
        #expect(Set(all).count == all.count)
        for name in all {
            #expect(name.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "_") }, "\(name)")
            #expect(name.hasPrefix("opsdeck_"))
        }
    }

    @Test("the exact spellings the console and dashboards rely on")
    func spellings() {
        #expect(TelemetryNames.finished == "opsdeck_worker_finished_total")
        #expect(TelemetryNames.failures == "opsdeck_worker_failures_total")
        #expect(TelemetryNames.failureKindDimension == "kind")
        #expect(TelemetryNames.guardrailDecisionDimension == "decision")
        #expect(TelemetryNames.dlqSize == "opsdeck_outbox_dlq_size")
        #expect(TelemetryNames.providerLatency == "opsdeck_worker_provider_latency")
    }
}
