import DeckCore

extension SimulationScript {
    /// One change to the simulated world, at an offset from the script's start.
    public struct Event: Sendable, Hashable {
        /// When the change happens, in milliseconds after the script's start (negative:
        /// before it). The change is visible at exactly `start + offset` and after.
        public var offsetMilliseconds: Int64
        /// What changes.
        public var change: Change

        /// A change at `offsetMilliseconds` after the script's start.
        public init(atMilliseconds offsetMilliseconds: Int64, _ change: Change) {
            self.offsetMilliseconds = offsetMilliseconds
            self.change = change
        }

        /// A change at `offset` after the script's start, truncated to the millisecond and
        /// saturating at the ends of `Int64`.
        public init(at offset: Duration, _ change: Change) {
            self.init(atMilliseconds: Self.milliseconds(offset), change)
        }

        /// The offset as a `Duration`.
        public var offset: Duration { .milliseconds(offsetMilliseconds) }

        /// Whole milliseconds of a duration, truncated toward zero and saturating.
        static func milliseconds(_ duration: Duration) -> Int64 {
            let (seconds, attoseconds) = duration.components
            let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
            if overflow { return seconds > 0 ? .max : .min }
            let (sum, wrapped) = whole.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
            if wrapped { return seconds > 0 ? .max : .min }
            return sum
        }
    }
}
