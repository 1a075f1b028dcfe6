import Foundation

/// The source of "now" for everything that stamps or schedules.
///
/// Stores, policies and engines take a clock instead of calling `Date()`, so tests step
/// time explicitly and never sleep.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Timestamp
}

/// The machine's real-time clock.
public struct SystemClock: WallClock {
    /// A clock reading the system time.
    public init() {}

    public func now() -> Timestamp { Timestamp(Date()) }
}
