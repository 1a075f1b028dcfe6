import DeckCore

/// A sliding window of per-second buckets: how much a counter grew in each of the last
/// `seconds` wall-clock seconds, and the resulting rate.
///
/// An increment lands in the bucket of the second it happened in; a bucket counts while its
/// second is one of the last `seconds` seconds, the current one included, so a value leaves
/// the window exactly `seconds` seconds after the start of its second. The rate divides by
/// the full window length, also while the window is still filling after a start. Pure
/// value type: the caller passes the instant, so tests step it with any timestamps.
struct TelemetryThroughputWindow: Sendable, Equatable {
    private struct Bucket: Sendable, Equatable {
        var second: Int64
        var amount: Double
    }

    /// The window's length in seconds.
    let seconds: Int
    private var buckets: [Bucket]

    /// An empty window of `seconds` one-second buckets.
    init(seconds: Int) {
        precondition(seconds > 0, "a throughput window needs at least one second")
        self.seconds = seconds
        buckets = Array(repeating: Bucket(second: .min, amount: 0), count: seconds)
    }

    /// Adds `amount` to the bucket of the second containing `instant`.
    mutating func add(_ amount: Double, at instant: Timestamp) {
        let second = Self.second(of: instant)
        let index = Int(second.modulo(Int64(seconds)))
        if buckets[index].second != second {
            buckets[index] = Bucket(second: second, amount: 0)
        }
        buckets[index].amount += amount
    }

    /// The total of the buckets inside the window at `instant`, per second of window.
    func rate(at instant: Timestamp) -> Double {
        let now = Self.second(of: instant)
        let oldest = now &- Int64(seconds - 1)
        let total = buckets.reduce(0.0) { sum, bucket in
            bucket.second >= oldest && bucket.second <= now ? sum + bucket.amount : sum
        }
        return total / Double(seconds)
    }

    /// The whole second (since the epoch, rounded down) containing `instant`.
    static func second(of instant: Timestamp) -> Int64 {
        instant.millisecondsSinceEpoch.floorDivided(by: 1000)
    }
}

extension Int64 {
    /// The non-negative remainder of division by a positive `divisor`.
    fileprivate func modulo(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    /// Division rounding towards minus infinity (whole seconds before 1970 stay consistent).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
