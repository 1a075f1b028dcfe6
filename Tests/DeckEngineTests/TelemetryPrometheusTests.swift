import DeckCore
import DeckEngine
import Metrics
import Testing

@Suite("Telemetry Prometheus text")
struct TelemetryPrometheusTests {
    @Test("a small registry renders exactly")
    func smallRegistry() {
        let (registry, _) = makeTelemetryRegistry()
        registry.makeCounter(label: TelemetryNames.attempts, dimensions: []).increment(by: 3)
        registry.makeCounter(label: TelemetryNames.failures, dimensions: [("kind", "retryable")]).increment(by: 2)
        registry.makeCounter(label: TelemetryNames.failures, dimensions: [("kind", "permanent")]).increment(by: 1)
        registry.makeCounter(label: TelemetryNames.finished, dimensions: [("outcome", "succeeded")]).increment(by: 5)
        registry.makeMeter(label: TelemetryNames.inFlight, dimensions: []).set(Int64(4))
        Gauge(label: TelemetryNames.dlqSize, factory: registry).record(2)
        let latency = registry.makeTimer(label: TelemetryNames.providerLatency, dimensions: [])
        latency.recordNanoseconds(1_000_000)
        latency.recordNanoseconds(3_000_000)
        registry.makeRecorder(label: "batch.size", dimensions: [], aggregate: true).record(Int64(2))

        // The median of {1 ms, 3 ms} is 1 ms's histogram bucket read at its top: 1.000447 ms.
        let expected = """
            # TYPE batch_size summary
            batch_size{quantile="0.5"} 2
            batch_size{quantile="0.9"} 2
            batch_size{quantile="0.99"} 2
            batch_size_sum 2
            batch_size_count 1
            # TYPE opsdeck_outbox_dlq_size gauge
            opsdeck_outbox_dlq_size 2
            # TYPE opsdeck_worker_attempts_total counter
            opsdeck_worker_attempts_total 3
            # TYPE opsdeck_worker_failures_total counter
            opsdeck_worker_failures_total{kind="permanent"} 1
            opsdeck_worker_failures_total{kind="retryable"} 2
            # TYPE opsdeck_worker_finished_total counter
            opsdeck_worker_finished_total{outcome="succeeded"} 5
            # TYPE opsdeck_worker_in_flight gauge
            opsdeck_worker_in_flight 4
            # TYPE opsdeck_worker_provider_latency summary
            opsdeck_worker_provider_latency{quantile="0.5"} 0.001000447
            opsdeck_worker_provider_latency{quantile="0.9"} 0.003
            opsdeck_worker_provider_latency{quantile="0.99"} 0.003
            opsdeck_worker_provider_latency_sum 0.004
            opsdeck_worker_provider_latency_count 2

            """
        #expect(registry.prometheusText() == expected)
    }

    @Test("label values are escaped; metric and label names are sanitized")
    func escapingAndSanitizing() {
        let (registry, _) = makeTelemetryRegistry(throughputLabels: [])
        registry.makeCounter(
            label: "tool calls-per.tenant", dimensions: [("tool", #"a"b\c"# + "\nd"), ("0bad-dim", "x")]
        ).increment(by: 1)
        registry.makeMeter(label: "9lives", dimensions: []).set(-1.5)
        registry.makeMeter(label: "ns:ok_name", dimensions: [("é", "ü")]).set(0.25)
        registry.makeTimer(label: "t", dimensions: [("tenant", "t\"1")]).recordNanoseconds(2_000_000_000)

        let expected = #"""
            # TYPE _9lives gauge
            _9lives -1.5
            # TYPE ns:ok_name gauge
            ns:ok_name{_="ü"} 0.25
            # TYPE t summary
            t{tenant="t\"1",quantile="0.5"} 2
            t{tenant="t\"1",quantile="0.9"} 2
            t{tenant="t\"1",quantile="0.99"} 2
            t_sum{tenant="t\"1"} 2
            t_count{tenant="t\"1"} 1
            # TYPE tool_calls_per_tenant counter
            tool_calls_per_tenant{_0bad_dim="x",tool="a\"b\\c\nd"} 1

            """#
        #expect(registry.prometheusText() == expected)
    }

    @Test("non-finite and large values use Prometheus spellings")
    func numbers() {
        let snapshot = TelemetrySnapshot(
            takenAt: telemetryStart,
            gauges: [
                TelemetryKey(label: "a"): .infinity,
                TelemetryKey(label: "b"): -.infinity,
                TelemetryKey(label: "c"): .nan,
                TelemetryKey(label: "d"): 1e20,
                TelemetryKey(label: "e"): 123_456_789,
                TelemetryKey(label: "f"): 0.000001,
            ])
        let expected = """
            # TYPE a gauge
            a +Inf
            # TYPE b gauge
            b -Inf
            # TYPE c gauge
            c NaN
            # TYPE d gauge
            d 1e+20
            # TYPE e gauge
            e 123456789
            # TYPE f gauge
            f 1e-06

            """
        #expect(snapshot.prometheusText == expected)
    }

    @Test("a merged snapshot renders like a registry's")
    func mergedSnapshot() {
        let a = TelemetrySnapshot(takenAt: telemetryStart, counters: [TelemetryKey(label: "x_total"): 2])
        let b = TelemetrySnapshot(takenAt: telemetryStart, counters: [TelemetryKey(label: "x_total"): 3])
        #expect(TelemetrySnapshot.merged([a, b]).prometheusText == "# TYPE x_total counter\nx_total 5\n")
    }

    @Test("a name claimed by two kinds keeps one family")
    func nameCollision() {
        let snapshot = TelemetrySnapshot(
            takenAt: telemetryStart,
            counters: [TelemetryKey(label: "a.b"): 1],
            gauges: [TelemetryKey(label: "a_b"): 2])
        #expect(snapshot.prometheusText == "# TYPE a_b counter\na_b 1\n")
    }
}
