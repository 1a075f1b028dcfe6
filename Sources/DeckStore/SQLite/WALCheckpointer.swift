import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Checkpoints the write-ahead log off the writer's path.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, so the
/// writer — and every worker waiting on it — stopped for the whole copy of thousands of
/// pages and two fsyncs (measured: a third of a draining worker's commit time). Here the
/// writer connection's WAL hook (which replaces the automatic checkpoint) asks a background
/// connection for a passive checkpoint whenever `backgroundFrames` frames wait; that copies
/// pages while the writer goes on. A passive checkpoint never catches a writer that keeps
/// committing, and the log only starts over once everything is copied, so when the log
/// reaches `restartFrames` the writer checkpoints itself after its commit: by then the
/// background has copied nearly everything, and the log restarts at the next write.
final class WALCheckpointer: Sendable {
    private let path: String
    /// Frames in the log at which the writer checkpoints after its commit.
    private let restartFrames: Int32
    /// Frames in the log (and new frames since the last one) that start a background checkpoint.
    private let backgroundFrames: Int32
    private let queue = DispatchQueue(label: "opsdeck.wal-checkpoint", qos: .utility)
    private struct State: @unchecked Sendable {
        var scheduled = false
        var closed = false
        /// The log's length when the last background checkpoint was asked for.
        var scheduledAt: Int32 = 0
        /// The background connection, opened on first use (nil while unopened or unusable).
        var connection: OpaquePointer?
        var unusable = false
    }

    private let state = Mutex(State())

    init(path: String, restartFrames: Int32, backgroundFrames: Int32 = 2_000) {
        self.path = path
        self.restartFrames = restartFrames
        self.backgroundFrames = backgroundFrames
    }

    /// What the connection's hook holds: a weak reference, so the hook outlives this object
    /// harmlessly (it does nothing once the checkpointer is gone), and nothing needs the
    /// connection when the store goes away.
    private final class HookTarget: Sendable {
        weak let checkpointer: WALCheckpointer?
        init(_ checkpointer: WALCheckpointer) { self.checkpointer = checkpointer }
    }

    /// Installs the WAL hook on `db`, the pool's writer connection. The hook's target (a weak
    /// reference, a few bytes) is never freed: a connection may commit until GRDB closes it,
    /// after the store is gone, and must find it there; one per store opened.
    func install(on db: Database) {
        guard let connection = db.sqliteConnection else { return }
        let target = Unmanaged.passRetained(HookTarget(self)).toOpaque()
        sqlite3_wal_hook(connection, { context, connection, name, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<HookTarget>.fromOpaque(context).takeUnretainedValue().checkpointer?
                .committed(frames: frames, connection, name)
            return SQLITE_OK
        }, target)
    }

    /// Stops background checkpoints and closes the background connection.
    func close() {
        queue.sync {
            state.withLock { state in
                state.closed = true
                if let connection = state.connection { sqlite3_close_v2(connection) }
                state.connection = nil
            }
        }
    }

    /// Called by SQLite on the writer's thread after each commit, with the log's length.
    private func committed(frames: Int32, _ connection: OpaquePointer?, _ name: UnsafePointer<CChar>?) {
        if frames >= restartFrames {
            // Short: the background copied nearly all of it. Busy when the background is
            // mid-copy: the next commit tries again.
            sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            return
        }
        guard frames >= backgroundFrames else { return }
        let schedule = state.withLock { state -> Bool in
            // The log restarted (shorter than when last asked) or grew by another batch of frames.
            let grown = frames < state.scheduledAt || frames - state.scheduledAt >= backgroundFrames
            guard grown, !state.scheduled, !state.closed, !state.unusable else { return false }
            state.scheduled = true
            state.scheduledAt = frames
            return true
        }
        if schedule { queue.async { self.checkpointInBackground() } }
    }

    private func checkpointInBackground() {
        let connection = state.withLock { state -> OpaquePointer? in
            if state.closed || state.unusable { return nil }
            if state.connection == nil {
                var opened: OpaquePointer?
                // A connection knows the file is in WAL mode only once it has read it.
                if sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
                   sqlite3_exec(opened, "PRAGMA journal_mode", nil, nil, nil) == SQLITE_OK {
                    state.connection = opened
                } else {
                    sqlite3_close_v2(opened)
                    state.unusable = true
                }
            }
            return state.connection
        }
        if let connection {
            sqlite3_wal_checkpoint_v2(connection, "main", SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
        state.withLock { $0.scheduled = false }
    }
}
