import CoreMetrics
import Synchronization

/// The registry's storage for one integer counter series.
///
/// A lock-free atomic total, so hot-path increments from many tasks never contend on the
/// registry's lock; increments of a throughput-tracked label also feed its window.
final class TelemetryCounterHandler: CounterHandler, Sendable {
    /// The series this handler stores.
    let key: TelemetryKey
    private let total = Atomic<Int64>(0)
    private let throughput: TelemetryThroughputTracker?

    /// A zeroed counter; `throughput` is the label's window when the label is tracked.
    init(key: TelemetryKey, throughput: TelemetryThroughputTracker?) {
        self.key = key
        self.throughput = throughput
    }

    /// Adds `amount`; counters only go up, so zero and negative amounts are ignored.
    func increment(by amount: Int64) {
        guard amount > 0 else { return }
        total.wrappingAdd(amount, ordering: .relaxed)
        throughput?.record(Double(amount))
    }

    /// Sets the total back to zero (the throughput window keeps what it saw).
    func reset() {
        total.store(0, ordering: .relaxed)
    }

    /// The current total.
    var value: Int64 { total.load(ordering: .relaxed) }
}
