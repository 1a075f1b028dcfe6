import DeckCore
import DeckEngine
import DeckStore
import Synchronization

/// The in-memory store with a change feed that reports what `announce()` is told, as
/// PostgreSQL's `NOTIFY` reports another process's commits: for tests of what a worker does
/// when woken by the feed rather than by its own polling.
final class FeedStore: InMemoryForwarding, ChangeFeed {
    let base: InMemoryStore
    private let followers = Mutex<[Int: @Sendable (ChangeFeedEvent) -> Void]>([:])
    private let nextFollower = Mutex(0)

    init(_ base: InMemoryStore) {
        self.base = base
    }

    /// How many follow the feed now.
    var followerCount: Int { followers.withLock { $0.count } }

    /// Reports `event` to every follower.
    func announce(_ event: ChangeFeedEvent = .changed) {
        for handle in followers.withLock({ Array($0.values) }) { handle(event) }
    }

    func followChanges(_ handle: @escaping @Sendable (ChangeFeedEvent) -> Void) async {
        let id = nextFollower.withLock { value -> Int in
            value += 1
            return value
        }
        followers.withLock { $0[id] = handle }
        handle(.listening)
        // Until cancelled.
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(60)) }
        followers.withLock { $0[id] = nil }
    }
}
