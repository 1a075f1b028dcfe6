import CoreMetrics
import Synchronization

/// The registry's storage for one timer series: a nanosecond HdrHistogram.
final class TelemetryTimerHandler: TimerHandler, Sendable {
    /// The series this handler stores.
    let key: TelemetryKey
    private let accumulator = Mutex(TelemetryHistogramAccumulator.timer())

    /// An empty timer.
    init(key: TelemetryKey) {
        self.key = key
    }

    /// Records one duration (clamped to 0 … 1 hour).
    func recordNanoseconds(_ duration: Int64) {
        accumulator.withLock { $0.recordNanoseconds(duration) }
    }

    /// The distribution so far, in seconds.
    var summary: TelemetryHistogramSummary { accumulator.withLock { $0.summary } }
}
