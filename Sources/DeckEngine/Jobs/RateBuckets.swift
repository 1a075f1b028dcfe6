import DeckCore
import Synchronization

/// One token bucket per toolkit, shared by every job of a scheduler.
final class RateBuckets: Sendable {
    private let buckets = Mutex<[String: TokenBucket]>([:])
    private let prototype: TokenBucket

    /// Buckets shaped like `prototype` (each toolkit's starts full).
    init(prototype: TokenBucket) {
        self.prototype = prototype
    }

    /// Takes a token of `toolkit`'s bucket at `now`; nil when taken, else when one will be there.
    func take(_ toolkit: String, at now: Timestamp) -> Timestamp? {
        buckets.withLock { buckets in
            var bucket = buckets[toolkit] ?? prototype.full(at: now)
            defer { buckets[toolkit] = bucket }
            return bucket.take(at: now) ? nil : bucket.readyAt(after: now)
        }
    }

    /// The provider refused with 429: nothing of `toolkit` before `until`.
    func block(_ toolkit: String, until: Timestamp, at now: Timestamp) {
        buckets.withLock { buckets in
            var bucket = buckets[toolkit] ?? prototype.full(at: now)
            bucket.block(until: until, at: now)
            buckets[toolkit] = bucket
        }
    }
}
