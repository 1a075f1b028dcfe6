/// A store that pushes word of changes: PostgreSQL's `LISTEN`/`NOTIFY`. Idle workers and the
/// console wake on it instead of polling the change token; polling stays as the fallback
/// (slowly while the feed is live, at full rate while it is down).
///
/// Stores without one (SQLite, in-memory) are polled as before.
public protocol ChangeFeed: Sendable {
    /// Reports to `handle` until the calling task is cancelled. It never throws: a lost
    /// connection is reported as `.lost` and tried again (backing off), and `.listening`
    /// follows each (re)connection.
    func followChanges(_ handle: @escaping @Sendable (ChangeFeedEvent) -> Void) async
}

/// What a change feed reports.
public enum ChangeFeedEvent: Sendable, Equatable {
    /// The feed is live: changes from now on are reported. Anything may have changed while
    /// it was not, so a follower looks once.
    case listening
    /// Another transaction committed a change (a submission, transition or settings change).
    case changed
    /// The feed is down (its connection was lost or refused); it tries again. Poll meanwhile.
    case lost
}
