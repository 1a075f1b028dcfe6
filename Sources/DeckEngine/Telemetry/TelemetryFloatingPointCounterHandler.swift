import CoreMetrics
import Synchronization

/// The registry's storage for one floating-point counter series (e.g. seconds or cost spent).
final class TelemetryFloatingPointCounterHandler: FloatingPointCounterHandler, Sendable {
    /// The series this handler stores.
    let key: TelemetryKey
    private let total = Mutex<Double>(0)
    private let throughput: TelemetryThroughputTracker?

    /// A zeroed counter; `throughput` is the label's window when the label is tracked.
    init(key: TelemetryKey, throughput: TelemetryThroughputTracker?) {
        self.key = key
        self.throughput = throughput
    }

    /// Adds `amount`; zero, negative and non-finite amounts are ignored.
    func increment(by amount: Double) {
        guard amount > 0, amount.isFinite else { return }
        total.withLock { $0 += amount }
        throughput?.record(amount)
    }

    /// Sets the total back to zero (the throughput window keeps what it saw).
    func reset() {
        total.withLock { $0 = 0 }
    }

    /// The current total.
    var value: Double { total.withLock { $0 } }
}
