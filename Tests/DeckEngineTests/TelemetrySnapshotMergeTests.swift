import DeckCore
import DeckEngine
import Testing

@Suite("TelemetrySnapshot.merged")
struct TelemetrySnapshotMergeTests {
    private let failuresRetryable = TelemetryKey(label: TelemetryNames.failures, dimensions: ["kind": "retryable"])
    private let failuresPermanent = TelemetryKey(label: TelemetryNames.failures, dimensions: ["kind": "permanent"])
    private let latency = TelemetryKey(label: TelemetryNames.providerLatency)
    private let dlq = TelemetryKey(label: TelemetryNames.dlqSize)
    private let inFlight = TelemetryKey(label: TelemetryNames.inFlight)

    private func summary(count: Int, sum: Double, min: Double, max: Double, p: Double) -> TelemetryHistogramSummary {
        TelemetryHistogramSummary(
            kind: .timer, count: count, sum: sum, min: min, max: max, mean: count == 0 ? 0 : sum / Double(count),
            p50: p, p90: p * 2, p99: p * 4, p999: p * 8)
    }

    @Test("nothing to merge gives an empty snapshot at the epoch")
    func empty() {
        #expect(TelemetrySnapshot.merged([]) == TelemetrySnapshot(takenAt: Timestamp(millisecondsSinceEpoch: 0)))
    }

    @Test("one snapshot merges into itself")
    func single() {
        let snapshot = TelemetrySnapshot(
            takenAt: telemetryStart, counters: [failuresRetryable: 2], gauges: [dlq: 3],
            histograms: [latency: summary(count: 2, sum: 0.5, min: 0.1, max: 0.4, p: 0.1)],
            throughputPerSecond: [TelemetryNames.finished: 1.5])
        #expect(TelemetrySnapshot.merged([snapshot]) == snapshot)
    }

    @Test("counters and throughput are summed; dimensions stay apart")
    func sums() {
        let a = TelemetrySnapshot(
            takenAt: telemetryStart, counters: [failuresRetryable: 2, failuresPermanent: 1],
            throughputPerSecond: [TelemetryNames.finished: 1.5])
        let b = TelemetrySnapshot(
            takenAt: telemetryStart.adding(milliseconds: 5), counters: [failuresRetryable: 3],
            throughputPerSecond: [TelemetryNames.finished: 2, TelemetryNames.claimed: 1])
        let merged = TelemetrySnapshot.merged([a, b])
        #expect(merged.takenAt == telemetryStart.adding(milliseconds: 5))
        #expect(merged.counters == [failuresRetryable: 5, failuresPermanent: 1])
        #expect(merged.throughputPerSecond == [TelemetryNames.finished: 3.5, TelemetryNames.claimed: 1])
    }

    @Test("each gauge comes from the newest snapshot that has it")
    func gauges() {
        let newest = TelemetrySnapshot(takenAt: telemetryStart.adding(seconds: 10), gauges: [dlq: 7])
        let older = TelemetrySnapshot(takenAt: telemetryStart.adding(seconds: 5), gauges: [dlq: 4, inFlight: 2])
        let oldest = TelemetrySnapshot(takenAt: telemetryStart, gauges: [dlq: 1, inFlight: 9])
        let merged = TelemetrySnapshot.merged([older, newest, oldest])
        #expect(merged.gauges == [dlq: 7, inFlight: 2])
        #expect(merged.takenAt == telemetryStart.adding(seconds: 10))
    }

    @Test("on a tie the later snapshot in the list wins a gauge")
    func gaugeTie() {
        let first = TelemetrySnapshot(takenAt: telemetryStart, gauges: [dlq: 1])
        let second = TelemetrySnapshot(takenAt: telemetryStart, gauges: [dlq: 2])
        #expect(TelemetrySnapshot.merged([first, second]).gauges == [dlq: 2])
    }

    @Test("histograms: counts and sums add, min/max over all, percentiles count-weighted")
    func histograms() throws {
        let a = TelemetrySnapshot(
            takenAt: telemetryStart, histograms: [latency: summary(count: 1, sum: 0.1, min: 0.1, max: 0.1, p: 0.1)])
        let b = TelemetrySnapshot(
            takenAt: telemetryStart, histograms: [latency: summary(count: 3, sum: 1.5, min: 0.2, max: 0.9, p: 0.5)])
        let idle = TelemetrySnapshot(takenAt: telemetryStart, histograms: [latency: .empty(.timer)])
        let merged = try #require(TelemetrySnapshot.merged([a, idle, b]).histograms[latency])
        #expect(merged.kind == .timer)
        #expect(merged.count == 4)
        #expect(merged.sum == 1.6)
        #expect(merged.min == 0.1)
        #expect(merged.max == 0.9)
        #expect(merged.mean == 0.4)
        #expect(abs(merged.p50 - 0.4) < 1e-12)  // (0.1 × 1 + 0.5 × 3) / 4
        #expect(abs(merged.p90 - 0.8) < 1e-12)
        #expect(abs(merged.p99 - 1.6) < 1e-12)
        #expect(abs(merged.p999 - 3.2) < 1e-12)
    }

    @Test("series without recordings do not drag min or percentiles to zero")
    func idleWorkers() {
        let idle = TelemetrySnapshot(takenAt: telemetryStart, histograms: [latency: .empty(.timer)])
        #expect(TelemetrySnapshot.merged([idle, idle]).histograms == [latency: .empty(.timer)])
    }

    @Test("merging two registries' snapshots matches what one registry would count")
    func registries() {
        let (first, _) = makeTelemetryRegistry()
        let (second, clock) = makeTelemetryRegistry()
        first.makeCounter(label: TelemetryNames.finished, dimensions: []).increment(by: 20)
        second.makeCounter(label: TelemetryNames.finished, dimensions: []).increment(by: 30)
        first.makeTimer(label: TelemetryNames.providerLatency, dimensions: []).recordNanoseconds(5_000_000)
        second.makeTimer(label: TelemetryNames.providerLatency, dimensions: []).recordNanoseconds(5_000_000)
        clock.advance(seconds: 1)
        let merged = TelemetrySnapshot.merged([first.snapshot(), second.snapshot()])
        #expect(merged.counter(TelemetryNames.finished) == 50)
        #expect(merged.throughputPerSecond == [TelemetryNames.finished: 5])
        #expect(merged.histograms[latency]?.count == 2)
        // The same percentiles (and buckets) as one registry that recorded both values.
        let (one, _) = makeTelemetryRegistry()
        let timer = one.makeTimer(label: TelemetryNames.providerLatency, dimensions: [])
        timer.recordNanoseconds(5_000_000)
        timer.recordNanoseconds(5_000_000)
        #expect(merged.histograms[latency] == one.snapshot().histograms[latency])
        #expect(abs((merged.histograms[latency]?.p50 ?? 0) - 0.005) <= 0.005 * 0.001)
        #expect(merged.takenAt == telemetryStart.adding(seconds: 1))
    }

    @Test("percentiles of workers with different distributions are those of all values together, not an average")
    func exactUnion() {
        let (fast, _) = makeTelemetryRegistry()
        let (slow, _) = makeTelemetryRegistry()
        let (one, _) = makeTelemetryRegistry()
        for (registry, nanoseconds, times) in [(fast, Int64(1_000_000), 900), (slow, Int64(200_000_000), 100)] {
            for _ in 0..<times {
                registry.makeTimer(label: TelemetryNames.providerLatency, dimensions: []).recordNanoseconds(nanoseconds)
                one.makeTimer(label: TelemetryNames.providerLatency, dimensions: []).recordNanoseconds(nanoseconds)
            }
        }
        let merged = TelemetrySnapshot.merged([fast.snapshot(), slow.snapshot()]).histograms[latency]
        let truth = one.snapshot().histograms[latency]
        #expect(merged == truth)
        // 90 % of the values are 1 ms: the union's p50 and p90 are 1 ms, its p99 200 ms. The
        // count-weighted average of the workers' p50s would have said 20.9 ms.
        #expect(abs((merged?.p50 ?? 0) - 0.001) < 0.000_01)
        #expect(abs((merged?.p90 ?? 0) - 0.001) < 0.000_01)
        #expect(abs((merged?.p99 ?? 0) - 0.2) < 0.001)
    }

    @Test("a heartbeat without buckets (written before they were shipped) still merges, approximately")
    func oldHeartbeats() {
        var old = TelemetryHistogramSummary(
            kind: .timer, count: 10, sum: 1, min: 0.1, max: 0.1, mean: 0.1, p50: 0.1, p90: 0.1, p99: 0.1, p999: 0.1)
        old.buckets = nil
        let merged = TelemetrySnapshot.merged([
            TelemetrySnapshot(takenAt: telemetryStart, histograms: [latency: old]),
            TelemetrySnapshot(takenAt: telemetryStart, histograms: [latency: old]),
        ]).histograms[latency]
        #expect(merged?.count == 20)
        #expect(merged?.p50 == 0.1)
    }
}
