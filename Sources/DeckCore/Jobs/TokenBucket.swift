/// A token bucket: at most `capacity` calls at once, refilled at `refillPerSecond`.
///
/// Pure: time comes in as an argument. The schedulers keep one per toolkit, so a tenant's
/// refreshes never burst past what the provider allows; a 429 empties it and blocks it until
/// the provider's Retry-After has passed.
public struct TokenBucket: Sendable, Hashable {
    public let capacity: Double
    public let refillPerSecond: Double
    /// Tokens available at `updatedAt`.
    public private(set) var tokens: Double
    public private(set) var updatedAt: Timestamp
    /// Nothing is taken before this instant (set after a 429).
    public private(set) var blockedUntil: Timestamp?

    /// A full bucket at `now`.
    public init(capacity: Double, refillPerSecond: Double, at now: Timestamp) throws(InvalidInput) {
        guard capacity.isFinite, capacity >= 1, capacity <= 1_000_000 else {
            throw InvalidInput("rate bucket capacity must be 1 to 1000000 (got \(capacity))")
        }
        guard refillPerSecond.isFinite, refillPerSecond > 0, refillPerSecond <= 1_000_000 else {
            throw InvalidInput("rate bucket refill must be above 0 and at most 1000000 per second (got \(refillPerSecond))")
        }
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.tokens = capacity
        self.updatedAt = now
    }

    /// A full bucket with the same capacity and refill, as of `now`.
    public func full(at now: Timestamp) -> TokenBucket {
        var bucket = self
        bucket.tokens = capacity
        bucket.updatedAt = now
        bucket.blockedUntil = nil
        return bucket
    }

    /// Tokens available at `now` (refilled since the last update, never above capacity).
    public func available(at now: Timestamp) -> Double {
        if let blockedUntil, now < blockedUntil { return 0 }
        let since = max(blockedUntil ?? updatedAt, updatedAt)
        let elapsed = Double(max(0, now.milliseconds(since: since))) / 1000
        return min(capacity, tokens + elapsed * refillPerSecond)
    }

    /// Takes `count` tokens at `now` if there are enough; returns whether it did.
    public mutating func take(_ count: Double = 1, at now: Timestamp) -> Bool {
        let current = available(at: now)
        guard current >= count else { return false }
        tokens = current - count
        updatedAt = max(now, blockedUntil ?? now)
        if let blockedUntil, now >= blockedUntil { self.blockedUntil = nil }
        return true
    }

    /// When `count` tokens will be available, given no one else takes any.
    public func readyAt(_ count: Double = 1, after now: Timestamp) -> Timestamp {
        let start = max(now, blockedUntil ?? now)
        let current = available(at: start)
        guard current < count else { return start }
        let seconds = (min(count, capacity) - current) / refillPerSecond
        return start.adding(milliseconds: Int64((seconds * 1000).rounded(.up)))
    }

    /// The provider said "too many requests": empty the bucket and take nothing before `until`.
    public mutating func block(until: Timestamp, at now: Timestamp) {
        tokens = 0
        updatedAt = max(now, until)
        blockedUntil = max(blockedUntil ?? until, until)
    }
}
