import DeckCore
import DeckEngine
import Metrics
import Testing

@Suite("TelemetryRegistry")
struct TelemetryRegistryTests {
    @Test("an empty registry has an empty snapshot stamped by its clock")
    func empty() {
        let (registry, clock) = makeTelemetryRegistry(throughputLabels: [])
        clock.advance(milliseconds: 1_234)
        #expect(registry.snapshot() == TelemetrySnapshot(takenAt: telemetryStart.adding(milliseconds: 1_234)))
    }

    @Test("counters add up, per label and dimensions")
    func counters() {
        let (registry, _) = makeTelemetryRegistry()
        registry.makeCounter(label: TelemetryNames.attempts, dimensions: []).increment(by: 3)
        registry.makeCounter(label: TelemetryNames.attempts, dimensions: []).increment(by: 4)
        let retryable = registry.makeCounter(label: TelemetryNames.failures, dimensions: [("kind", "retryable")])
        let permanent = registry.makeCounter(label: TelemetryNames.failures, dimensions: [("kind", "permanent")])
        retryable.increment(by: 2)
        permanent.increment(by: 1)
        retryable.increment(by: 5)

        let snapshot = registry.snapshot()
        #expect(snapshot.counters == [
            TelemetryKey(label: TelemetryNames.attempts): 7,
            TelemetryKey(label: TelemetryNames.failures, dimensions: ["kind": "retryable"]): 7,
            TelemetryKey(label: TelemetryNames.failures, dimensions: ["kind": "permanent"]): 1,
        ])
        #expect(snapshot.counter(TelemetryNames.failures, ["kind": "permanent"]) == 1)
        #expect(snapshot.counter(TelemetryNames.failures) == nil)
        #expect(snapshot.counterTotal(TelemetryNames.failures) == 8)
        #expect(snapshot.gauges.isEmpty && snapshot.histograms.isEmpty)
    }

    @Test("the same series, in any dimension order, shares one handler")
    func sameSeries() {
        let (registry, _) = makeTelemetryRegistry()
        let first = registry.makeCounter(label: "c", dimensions: [("a", "1"), ("b", "2")])
        let second = registry.makeCounter(label: "c", dimensions: [("b", "2"), ("a", "1")])
        let other = registry.makeCounter(label: "c", dimensions: [("a", "1"), ("b", "3")])
        #expect(first === second)
        #expect(first !== other)
        first.increment(by: 1)
        second.increment(by: 1)
        #expect(registry.snapshot().counter("c", ["a": "1", "b": "2"]) == 2)
        #expect(registry.snapshot().counter("c", ["a": "1", "b": "3"]) == 0)
    }

    @Test("counters ignore non-positive increments and reset to zero")
    func counterReset() {
        let (registry, _) = makeTelemetryRegistry()
        let counter = registry.makeCounter(label: "c", dimensions: [])
        counter.increment(by: 5)
        counter.increment(by: 0)
        counter.increment(by: -3)
        #expect(registry.snapshot().counter("c") == 5)
        counter.reset()
        #expect(registry.snapshot().counter("c") == 0)
    }

    @Test("the swift-metrics API reaches the registry when it is passed as the factory")
    func metricsAPI() {
        let (registry, _) = makeTelemetryRegistry()
        let counter = Counter(label: TelemetryNames.claimed, factory: registry)
        counter.increment()
        counter.increment(by: 2)
        let cost = FloatingPointCounter(label: "cost", factory: registry)
        cost.increment(by: 0.25)
        cost.increment(by: 0.5)
        let inFlight = Meter(label: TelemetryNames.inFlight, factory: registry)
        inFlight.set(3)
        inFlight.increment()
        inFlight.decrement(by: 2)
        let dlq = Gauge(label: TelemetryNames.dlqSize, factory: registry)
        dlq.record(7)
        dlq.record(5)
        Metrics.Timer(label: TelemetryNames.providerLatency, factory: registry).recordMilliseconds(20)
        Recorder(label: "batch", factory: registry).record(4)

        let snapshot = registry.snapshot()
        #expect(snapshot.counters == [TelemetryKey(label: TelemetryNames.claimed): 3, TelemetryKey(label: "cost"): 0.75])
        #expect(snapshot.gauges == [TelemetryKey(label: TelemetryNames.inFlight): 2, TelemetryKey(label: TelemetryNames.dlqSize): 5])
        #expect(snapshot.histogram(TelemetryNames.providerLatency)?.kind == .timer)
        #expect(snapshot.histogram(TelemetryNames.providerLatency)?.max == 0.02)
        #expect(snapshot.histogram("batch")?.kind == .recorder)
        #expect(snapshot.histogram("batch")?.max == 4)
    }

    @Test("a floating-point counter adds to an integer counter of the same series")
    func floatingAndIntegerCounters() {
        let (registry, _) = makeTelemetryRegistry()
        registry.makeCounter(label: "work", dimensions: []).increment(by: 2)
        registry.makeFloatingPointCounter(label: "work", dimensions: []).increment(by: 0.5)
        registry.makeFloatingPointCounter(label: "work", dimensions: []).increment(by: -1)
        registry.makeFloatingPointCounter(label: "work", dimensions: []).increment(by: .nan)
        #expect(registry.snapshot().counter("work") == 2.5)
    }

    @Test("a meter and a non-aggregating recorder of one series are the same gauge")
    func gaugeSharing() {
        let (registry, _) = makeTelemetryRegistry()
        let meter = registry.makeMeter(label: "g", dimensions: [("worker", "1")])
        let recorder = registry.makeRecorder(label: "g", dimensions: [("worker", "1")], aggregate: false)
        meter.set(Int64(10))
        recorder.record(Double(4))
        meter.increment(by: 1.5)
        #expect(registry.snapshot().gauges == [TelemetryKey(label: "g", dimensions: ["worker": "1"]): 5.5])
        #expect(registry.snapshot().histograms.isEmpty)
    }

    @Test("a timer summarises in seconds: exact count, min, max, sum, mean; percentiles within 0.1 %")
    func timerSummary() throws {
        let (registry, _) = makeTelemetryRegistry()
        let timer = registry.makeTimer(label: TelemetryNames.providerLatency, dimensions: [])
        for milliseconds in Int64(1)...100 {
            timer.recordNanoseconds(milliseconds * 1_000_000)
        }
        let summary = try #require(registry.snapshot().histogram(TelemetryNames.providerLatency))
        #expect(summary.kind == .timer)
        #expect(summary.count == 100)
        #expect(summary.min == 0.001)
        #expect(summary.max == 0.1)
        #expect(summary.sum == 5.05)
        #expect(summary.mean == 0.0505)
        #expect(withinHistogramPrecision(summary.p50, 0.050))
        #expect(withinHistogramPrecision(summary.p90, 0.090))
        #expect(withinHistogramPrecision(summary.p99, 0.099))
        #expect(summary.p999 == 0.1)
        #expect(summary.p50 >= 0.050 && summary.p90 >= 0.090 && summary.p99 >= 0.099)
    }

    @Test("timers clamp to 0 … 1 hour")
    func timerClamping() throws {
        let (registry, _) = makeTelemetryRegistry()
        let timer = registry.makeTimer(label: "t", dimensions: [])
        timer.recordNanoseconds(-5)
        timer.recordNanoseconds(2 * 3_600_000_000_000)
        let summary = try #require(registry.snapshot().histogram("t"))
        #expect(summary.count == 2)
        #expect(summary.min == 0)
        #expect(summary.max == 3_600)
        #expect(summary.sum == 3_600)
    }

    @Test("a recorder keeps three decimals; negatives count as 0 and NaN is ignored")
    func recorderSummary() throws {
        let (registry, _) = makeTelemetryRegistry()
        let recorder = registry.makeRecorder(label: "batch", dimensions: [], aggregate: true)
        recorder.record(1.5)
        recorder.record(2.25)
        recorder.record(Int64(3))
        let summary = try #require(registry.snapshot().histogram("batch"))
        #expect(summary.kind == .recorder)
        #expect(summary.count == 3)
        #expect(summary.min == 1.5)
        #expect(summary.max == 3)
        #expect(summary.sum == 6.75)
        #expect(summary.mean == 2.25)
        #expect(withinHistogramPrecision(summary.p50, 2.25))
        #expect(summary.p99 == 3)

        recorder.record(Int64(-4))
        recorder.record(Double.nan)
        recorder.record(0.0004)
        let after = try #require(registry.snapshot().histogram("batch"))
        #expect(after.count == 5)
        #expect(after.min == 0)
        #expect(after.sum == 6.75)
    }

    @Test("a series with nothing recorded summarises as zeros")
    func emptyHistogram() {
        let (registry, _) = makeTelemetryRegistry()
        _ = registry.makeTimer(label: "t", dimensions: [])
        _ = registry.makeRecorder(label: "r", dimensions: [], aggregate: true)
        #expect(registry.snapshot().histograms == [
            TelemetryKey(label: "t"): .empty(.timer),
            TelemetryKey(label: "r"): .empty(.recorder),
        ])
    }

    @Test("timer dimensions are kept apart")
    func timerDimensions() {
        let (registry, _) = makeTelemetryRegistry()
        registry.makeTimer(label: "t", dimensions: [("tool", "a")]).recordNanoseconds(1_000_000)
        registry.makeTimer(label: "t", dimensions: [("tool", "b")]).recordNanoseconds(2_000_000)
        registry.makeTimer(label: "t", dimensions: [("tool", "b")]).recordNanoseconds(2_000_000)
        let snapshot = registry.snapshot()
        #expect(snapshot.histogram("t", ["tool": "a"])?.count == 1)
        #expect(snapshot.histogram("t", ["tool": "b"])?.count == 2)
        #expect(snapshot.histogram("t", ["tool": "b"])?.max == 0.002)
        #expect(snapshot.histogram("t") == nil)
    }

    @Test("destroying a metric forgets its series; making it again starts from zero")
    func destroy() {
        let (registry, _) = makeTelemetryRegistry()
        let counter = Counter(label: "c", factory: registry)
        counter.increment(by: 3)
        let meter = Meter(label: "m", factory: registry)
        meter.set(1)
        let gauge = Gauge(label: "g", factory: registry)
        gauge.record(1)
        let timer = Metrics.Timer(label: "t", factory: registry)
        timer.recordSeconds(1)
        let recorder = Recorder(label: "r", factory: registry)
        recorder.record(1)
        let fp = FloatingPointCounter(label: "f", factory: registry)
        fp.increment(by: 1.5)
        #expect(registry.snapshot().counters.count == 2)

        counter.destroy()
        meter.destroy()
        gauge.destroy()
        timer.destroy()
        recorder.destroy()
        fp.destroy()
        let snapshot = registry.snapshot()
        #expect(snapshot.counters.isEmpty && snapshot.gauges.isEmpty && snapshot.histograms.isEmpty)

        Counter(label: "c", factory: registry).increment()
        #expect(registry.snapshot().counter("c") == 1)
    }

    @Test("many tasks incrementing one counter give the exact total")
    func concurrentIncrements() async {
        let (registry, _) = makeTelemetryRegistry()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<64 {
                group.addTask {
                    // Every task asks for its own handle, so the series' creation races too.
                    let counter = registry.makeCounter(label: TelemetryNames.finished, dimensions: [])
                    let timer = registry.makeTimer(label: TelemetryNames.claimToFinish, dimensions: [])
                    for index in 0..<1_000 {
                        counter.increment(by: 1)
                        if index % 10 == 0 { timer.recordNanoseconds(Int64(task + 1) * 1_000_000) }
                    }
                }
            }
        }
        let snapshot = registry.snapshot()
        #expect(snapshot.counter(TelemetryNames.finished) == 64_000)
        #expect(snapshot.histogram(TelemetryNames.claimToFinish)?.count == 6_400)
        #expect(snapshot.histogram(TelemetryNames.claimToFinish)?.max == 0.064)
        // All 64 000 landed in the same second of the manual clock.
        #expect(registry.throughput(of: TelemetryNames.finished) == 6_400)
    }
}
