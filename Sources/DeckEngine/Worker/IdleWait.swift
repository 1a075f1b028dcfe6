import DeckCore

/// How long the worker's loop waits for its doorbell when it has nothing to do now: its poll
/// interval, or the slower fallback while the store's change feed is live (a notification
/// rings the doorbell at once), never past the next envelope's `run_at` or the moment the
/// earliest lease held needs renewing.
struct IdleWait: Sendable, Equatable {
    /// `--poll-ms`: how often the change token is read without a feed.
    var poll: Duration
    /// How often it is read while the feed is live (in case a notification was lost).
    var fallback: Duration

    /// The wait at `now`. `renewalDue` is when the earliest lease held drops to half its
    /// length (`renewLeasesRunningLow` renews it then); a due time already past waits one
    /// `poll`, so a renewal that keeps failing does not spin.
    func timeout(now: Timestamp, feedLive: Bool, wakeAt: Timestamp?, renewalDue: Timestamp?) -> Duration {
        var wait = feedLive ? max(poll, fallback) : poll
        if let wakeAt {
            wait = min(wait, .milliseconds(max(1, wakeAt.milliseconds(since: now))))
        }
        if let renewalDue {
            wait = min(wait, max(poll, .milliseconds(renewalDue.milliseconds(since: now))))
        }
        return wait
    }
}
