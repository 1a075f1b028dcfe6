import CoreMetrics
import DeckCore
import Synchronization

/// The worker's swift-metrics backend: it keeps every counter, gauge, timer and recorder
/// in memory and turns them into a ``TelemetrySnapshot`` (for the heartbeat row, `stats` and
/// the console). The headless worker's `/metrics` endpoint is swift-prometheus, recording
/// beside it through swift-metrics' `MultiplexMetricsHandler`.
///
/// Code that emits metrics only sees the swift-metrics API; the executable bootstraps
/// `MetricsSystem` with a registry, and tests hand a registry to metrics explicitly
/// (`Counter(label:dimensions:factory:)`) or call the `make…` methods directly.
///
/// Series are keyed by label plus dimensions (their order does not matter); making the
/// same series twice returns the same handler, so both metric objects share one value.
/// Timers and recorders go into HdrHistograms (see ``TelemetryHistogramAccumulator`` for
/// units and ranges). Counters whose label is in `throughputLabels` also feed a sliding
/// window of per-second buckets read through the injected clock, which gives the
/// throughput figure without a timer task.
public final class TelemetryRegistry: MetricsFactory, Sendable {
    /// The default throughput window: ten seconds.
    public static let defaultThroughputWindowSeconds = 10

    private struct Series: Sendable {
        var counters: [TelemetryKey: TelemetryCounterHandler] = [:]
        var floatingPointCounters: [TelemetryKey: TelemetryFloatingPointCounterHandler] = [:]
        var gauges: [TelemetryKey: TelemetryGaugeHandler] = [:]
        var timers: [TelemetryKey: TelemetryTimerHandler] = [:]
        var recorders: [TelemetryKey: TelemetryRecorderHandler] = [:]
    }

    private let clock: any WallClock
    private let trackers: [String: TelemetryThroughputTracker]
    private let series = Mutex(Series())

    /// The length of the throughput window, in seconds.
    public let throughputWindowSeconds: Int

    /// A registry stamping snapshots and throughput with `clock`, tracking the rate of the
    /// counter labels in `throughputLabels` (all their dimensions together) over the last
    /// `throughputWindowSeconds` seconds.
    public init(
        clock: any WallClock = SystemClock(),
        throughputLabels: Set<String> = [TelemetryNames.finished],
        throughputWindowSeconds: Int = TelemetryRegistry.defaultThroughputWindowSeconds
    ) {
        precondition(throughputWindowSeconds > 0, "the throughput window needs at least one second")
        self.clock = clock
        self.throughputWindowSeconds = throughputWindowSeconds
        var trackers: [String: TelemetryThroughputTracker] = [:]
        for label in throughputLabels {
            trackers[label] = TelemetryThroughputTracker(clock: clock, seconds: throughputWindowSeconds)
        }
        self.trackers = trackers
    }

    // MARK: - Reading

    /// Everything recorded so far, stamped with the clock's current instant.
    public func snapshot() -> TelemetrySnapshot {
        let now = clock.now()
        let series = series.withLock { $0 }
        var counters: [TelemetryKey: Double] = [:]
        for (key, handler) in series.counters { counters[key, default: 0] += Double(handler.value) }
        for (key, handler) in series.floatingPointCounters { counters[key, default: 0] += handler.value }
        var histograms: [TelemetryKey: TelemetryHistogramSummary] = [:]
        for (key, handler) in series.recorders { histograms[key] = handler.summary }
        // A timer and a recorder should never share a series; if they do, the timer wins.
        for (key, handler) in series.timers { histograms[key] = handler.summary }
        return TelemetrySnapshot(
            takenAt: now,
            counters: counters,
            gauges: series.gauges.mapValues(\.value),
            histograms: histograms,
            throughputPerSecond: trackers.mapValues { $0.rate(at: now) })
    }

    /// The per-second rate of a tracked counter label over the window ending now; nil when
    /// the label was not among the registry's `throughputLabels`.
    public func throughput(of label: String) -> Double? {
        trackers[label]?.rate(at: clock.now())
    }

    // MARK: - MetricsFactory

    /// The integer counter of this series, created at zero on first use.
    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        let key = TelemetryKey(label: label, dimensions: dimensions)
        return series.withLock { series in
            if let existing = series.counters[key] { return existing }
            let handler = TelemetryCounterHandler(key: key, throughput: trackers[label])
            series.counters[key] = handler
            return handler
        }
    }

    /// The floating-point counter of this series, created at zero on first use. In
    /// snapshots its total adds to an integer counter of the same series, if any.
    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        let key = TelemetryKey(label: label, dimensions: dimensions)
        return series.withLock { series in
            if let existing = series.floatingPointCounters[key] { return existing }
            let handler = TelemetryFloatingPointCounterHandler(key: key, throughput: trackers[label])
            series.floatingPointCounters[key] = handler
            return handler
        }
    }

    /// The gauge of this series, created at zero on first use.
    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        gauge(TelemetryKey(label: label, dimensions: dimensions))
    }

    /// An aggregating recorder (a histogram) or, with `aggregate: false` as `Gauge` asks,
    /// the gauge of this series.
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        let key = TelemetryKey(label: label, dimensions: dimensions)
        guard aggregate else { return gauge(key) }
        return series.withLock { series in
            if let existing = series.recorders[key] { return existing }
            let handler = TelemetryRecorderHandler(key: key)
            series.recorders[key] = handler
            return handler
        }
    }

    /// The timer of this series (a nanosecond histogram), created empty on first use.
    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        let key = TelemetryKey(label: label, dimensions: dimensions)
        return series.withLock { series in
            if let existing = series.timers[key] { return existing }
            let handler = TelemetryTimerHandler(key: key)
            series.timers[key] = handler
            return handler
        }
    }

    /// Forgets the counter's series; a later `makeCounter` starts it again from zero.
    public func destroyCounter(_ handler: any CounterHandler) {
        guard let handler = handler as? TelemetryCounterHandler else { return }
        series.withLock { series in
            if series.counters[handler.key] === handler { series.counters[handler.key] = nil }
        }
    }

    /// Forgets the floating-point counter's series.
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        guard let handler = handler as? TelemetryFloatingPointCounterHandler else { return }
        series.withLock { series in
            if series.floatingPointCounters[handler.key] === handler { series.floatingPointCounters[handler.key] = nil }
        }
    }

    /// Forgets the gauge's series.
    public func destroyMeter(_ handler: any MeterHandler) {
        guard let handler = handler as? TelemetryGaugeHandler else { return }
        forgetGauge(handler)
    }

    /// Forgets the recorder's (or gauge's) series.
    public func destroyRecorder(_ handler: any RecorderHandler) {
        if let handler = handler as? TelemetryGaugeHandler {
            forgetGauge(handler)
        } else if let handler = handler as? TelemetryRecorderHandler {
            series.withLock { series in
                if series.recorders[handler.key] === handler { series.recorders[handler.key] = nil }
            }
        }
    }

    /// Forgets the timer's series.
    public func destroyTimer(_ handler: any TimerHandler) {
        guard let handler = handler as? TelemetryTimerHandler else { return }
        series.withLock { series in
            if series.timers[handler.key] === handler { series.timers[handler.key] = nil }
        }
    }

    // MARK: - Private

    private func gauge(_ key: TelemetryKey) -> TelemetryGaugeHandler {
        series.withLock { series in
            if let existing = series.gauges[key] { return existing }
            let handler = TelemetryGaugeHandler(key: key)
            series.gauges[key] = handler
            return handler
        }
    }

    private func forgetGauge(_ handler: TelemetryGaugeHandler) {
        series.withLock { series in
            if series.gauges[handler.key] === handler { series.gauges[handler.key] = nil }
        }
    }
}
