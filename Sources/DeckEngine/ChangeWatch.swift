import DeckCore
import Synchronization

/// Follows a store's change feed for one waiting loop (a worker's, the console loader's):
/// each change rings the loop's doorbell, and the loop asks `pollInterval` how long to wait
/// when nothing rings — its own interval while the feed is down or absent, the slower
/// fallback while it is live.
public final class ChangeWatch: Sendable {
    private let live = Atomic<Bool>(false)
    private let wakes = Atomic<Int>(0)

    public init() {}

    /// Whether the feed is live now.
    public var isLive: Bool { live.load(ordering: .acquiring) }

    /// How many times the feed rang the doorbell (for tests and telemetry).
    public var wakeCount: Int { wakes.load(ordering: .relaxed) }

    /// Follows `feed` until the calling task is cancelled.
    public func follow(_ feed: any ChangeFeed, doorbell: Doorbell) async {
        await feed.followChanges { event in
            self.handle(event, doorbell: doorbell)
        }
        live.store(false, ordering: .releasing)
    }

    /// One event: going live or a change rings (a look after a gap); losing the feed rings
    /// too, so the loop goes back to polling at its own rate at once.
    func handle(_ event: ChangeFeedEvent, doorbell: Doorbell) {
        switch event {
        case .listening: live.store(true, ordering: .releasing)
        case .lost: live.store(false, ordering: .releasing)
        case .changed: break
        }
        wakes.add(1, ordering: .relaxed)
        doorbell.ring()
    }

    /// `polling` while the feed is down, else `fallback` (never shorter than `polling`).
    public func pollInterval(polling: Duration, fallback: Duration) -> Duration {
        isLive ? max(polling, fallback) : polling
    }
}
