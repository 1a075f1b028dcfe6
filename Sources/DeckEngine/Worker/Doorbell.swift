import Dispatch
import Synchronization

/// Wakes the worker's main loop: rung when an execution finishes or shutdown begins,
/// waited on with a timeout when there is nothing to do.
public final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiter, or the next one to wait.
    public func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.rung = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns when rung (at once if rung since the last wait) or after `timeout`.
    public func wait(timeout: Duration) async {
        let alreadyRung = state.withLock { state -> Bool in
            defer { state.rung = false }
            return state.rung
        }
        if alreadyRung { return }
        // The timeout rings from a dispatch timer, not from a task: a task would wait for a
        // thread of the cooperative pool, which busy executions (or, in tests, suites blocking
        // it) can hold long past the timeout — and the loop renews leases when it wakes.
        let timer = DispatchWorkItem { [self] in ring() }
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(max(0, nanoseconds)), execute: timer)
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.rung {
                    state.rung = false
                    return true
                }
                state.waiter = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
        timer.cancel()
    }
}
