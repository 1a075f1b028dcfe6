import Synchronization

/// A clock that only moves when told to: the test clock for stores, policies and engines.
public final class ManualClock: WallClock {
    private let current: Mutex<Timestamp>

    /// A clock stopped at `start`.
    public init(_ start: Timestamp = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Timestamp { current.withLock { $0 } }

    /// Moves the clock forward (or back, with a negative amount).
    public func advance(milliseconds: Int64) {
        current.withLock { $0 = $0.adding(milliseconds: milliseconds) }
    }

    /// Moves the clock forward by seconds.
    public func advance(seconds: Double) {
        current.withLock { $0 = $0.adding(seconds: seconds) }
    }

    /// Sets the clock to an exact instant.
    public func set(_ instant: Timestamp) {
        current.withLock { $0 = instant }
    }
}
