import DeckCore
import Synchronization

/// The shared, clock-stamped throughput window of one counter label.
///
/// Every counter handler of a tracked label (whatever its dimensions) feeds the same
/// tracker, so the rate is the label's total rate.
final class TelemetryThroughputTracker: Sendable {
    private let clock: any WallClock
    private let window: Mutex<TelemetryThroughputWindow>

    /// A tracker reading `clock` on each increment, with a window of `seconds` seconds.
    init(clock: any WallClock, seconds: Int) {
        self.clock = clock
        window = Mutex(TelemetryThroughputWindow(seconds: seconds))
    }

    /// Counts `amount` at the clock's current instant.
    func record(_ amount: Double) {
        let now = clock.now()
        window.withLock { $0.add(amount, at: now) }
    }

    /// The rate per second over the window ending at `instant`.
    func rate(at instant: Timestamp) -> Double {
        window.withLock { $0.rate(at: instant) }
    }
}
