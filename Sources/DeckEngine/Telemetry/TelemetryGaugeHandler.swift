import CoreMetrics
import Synchronization

/// The registry's storage for one gauge series: the last value set.
///
/// It backs both swift-metrics `Meter`s and non-aggregating recorders (which is what
/// `Gauge` creates), so a meter and a gauge with the same label and dimensions share it.
final class TelemetryGaugeHandler: MeterHandler, RecorderHandler, Sendable {
    /// The series this handler stores.
    let key: TelemetryKey
    private let current = Mutex<Double>(0)

    /// A gauge reading 0.
    init(key: TelemetryKey) {
        self.key = key
    }

    /// Replaces the value.
    func set(_ value: Int64) { set(Double(value)) }

    /// Replaces the value.
    func set(_ value: Double) { current.withLock { $0 = value } }

    /// Raises the value by `amount`.
    func increment(by amount: Double) { current.withLock { $0 += amount } }

    /// Lowers the value by `amount`.
    func decrement(by amount: Double) { current.withLock { $0 -= amount } }

    /// Replaces the value (a non-aggregating recorder keeps only the last value).
    func record(_ value: Int64) { set(Double(value)) }

    /// Replaces the value (a non-aggregating recorder keeps only the last value).
    func record(_ value: Double) { set(value) }

    /// The current value.
    var value: Double { current.withLock { $0 } }
}
