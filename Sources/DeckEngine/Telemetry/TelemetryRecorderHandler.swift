import CoreMetrics
import Synchronization

/// The registry's storage for one aggregating recorder series: a scaled HdrHistogram
/// (thousandths of the recorded unit, see ``TelemetryHistogramAccumulator``).
final class TelemetryRecorderHandler: RecorderHandler, Sendable {
    /// The series this handler stores.
    let key: TelemetryKey
    private let accumulator = Mutex(TelemetryHistogramAccumulator.recorder())

    /// An empty recorder.
    init(key: TelemetryKey) {
        self.key = key
    }

    /// Records one value.
    func record(_ value: Int64) {
        accumulator.withLock { $0.record(Double(value)) }
    }

    /// Records one value (3 decimal places are kept; negatives count as 0).
    func record(_ value: Double) {
        accumulator.withLock { $0.record(value) }
    }

    /// The distribution so far, in the recorded unit.
    var summary: TelemetryHistogramSummary { accumulator.withLock { $0.summary } }
}
