import DeckCore
import DeckEngine
import Testing

@Suite("Telemetry throughput window")
struct TelemetryThroughputTests {
    @Test("the rate is the window's total over 10 seconds, and values leave it after 10 s")
    func slidingWindow() {
        let (registry, clock) = makeTelemetryRegistry()
        let finished = registry.makeCounter(label: TelemetryNames.finished, dimensions: [])
        #expect(registry.throughput(of: TelemetryNames.finished) == 0)

        finished.increment(by: 30)  // second 0
        #expect(registry.throughput(of: TelemetryNames.finished) == 3)

        clock.advance(milliseconds: 4_500)
        finished.increment(by: 20)  // second 4
        #expect(registry.throughput(of: TelemetryNames.finished) == 5)

        clock.set(telemetryStart.adding(milliseconds: 9_999))
        #expect(registry.throughput(of: TelemetryNames.finished) == 5)

        clock.set(telemetryStart.adding(milliseconds: 10_000))  // second 0 has left
        #expect(registry.throughput(of: TelemetryNames.finished) == 2)

        clock.set(telemetryStart.adding(milliseconds: 13_999))
        #expect(registry.throughput(of: TelemetryNames.finished) == 2)

        clock.set(telemetryStart.adding(milliseconds: 14_000))  // second 4 has left
        #expect(registry.throughput(of: TelemetryNames.finished) == 0)

        // The totals are unaffected by the window.
        #expect(registry.snapshot().counter(TelemetryNames.finished) == 50)
    }

    @Test("every series of the label feeds one rate")
    func allDimensions() {
        let (registry, clock) = makeTelemetryRegistry()
        registry.makeCounter(label: TelemetryNames.finished, dimensions: [("outcome", "succeeded")]).increment(by: 7)
        clock.advance(seconds: 1)
        registry.makeCounter(label: TelemetryNames.finished, dimensions: [("outcome", "dead")]).increment(by: 3)
        registry.makeFloatingPointCounter(label: TelemetryNames.finished, dimensions: []).increment(by: 0.5)
        #expect(registry.throughput(of: TelemetryNames.finished) == 1.05)
        #expect(registry.snapshot().throughputPerSecond == [TelemetryNames.finished: 1.05])
    }

    @Test("a bucket is reused after the window wraps around")
    func wrapAround() {
        let (registry, clock) = makeTelemetryRegistry()
        let finished = registry.makeCounter(label: TelemetryNames.finished, dimensions: [])
        finished.increment(by: 100)
        clock.advance(seconds: 100)  // the same bucket index, a hundred seconds later
        finished.increment(by: 10)
        #expect(registry.throughput(of: TelemetryNames.finished) == 1)
        clock.advance(seconds: 9)
        finished.increment(by: 10)
        #expect(registry.throughput(of: TelemetryNames.finished) == 2)
    }

    @Test("only tracked labels have a throughput, and the window length can be chosen")
    func trackedLabels() {
        let clock = ManualClock(telemetryStart)
        let registry = TelemetryRegistry(
            clock: clock, throughputLabels: [TelemetryNames.claimed, TelemetryNames.finished], throughputWindowSeconds: 4)
        #expect(registry.throughputWindowSeconds == 4)
        registry.makeCounter(label: TelemetryNames.claimed, dimensions: []).increment(by: 8)
        registry.makeCounter(label: TelemetryNames.attempts, dimensions: []).increment(by: 8)
        #expect(registry.throughput(of: TelemetryNames.claimed) == 2)
        #expect(registry.throughput(of: TelemetryNames.attempts) == nil)
        #expect(registry.snapshot().throughputPerSecond == [TelemetryNames.claimed: 2, TelemetryNames.finished: 0])
        clock.advance(seconds: 4)
        #expect(registry.throughput(of: TelemetryNames.claimed) == 0)
    }

    @Test("a reset counter keeps its contribution to the window")
    func resetKeepsWindow() {
        let (registry, _) = makeTelemetryRegistry()
        let finished = registry.makeCounter(label: TelemetryNames.finished, dimensions: [])
        finished.increment(by: 10)
        finished.reset()
        #expect(registry.snapshot().counter(TelemetryNames.finished) == 0)
        #expect(registry.throughput(of: TelemetryNames.finished) == 1)
    }

    @Test("the default registry tracks the finished counter over 10 seconds")
    func defaults() {
        let registry = TelemetryRegistry(clock: ManualClock(telemetryStart))
        #expect(registry.throughputWindowSeconds == 10)
        #expect(registry.throughput(of: TelemetryNames.finished) == 0)
        #expect(registry.snapshot().throughputPerSecond == [TelemetryNames.finished: 0])
    }
}
