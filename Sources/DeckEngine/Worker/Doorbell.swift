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

    /// Returns when rung (at once if rung since the last wait) or after `timeout`. The timeout
    /// runs as a task on `timerExecutor` when given: the worker passes its loop's own thread,
    /// so a cooperative pool held by busy executions (or by test suites blocking it) cannot
    /// delay the wake-up — the loop renews leases when it wakes.
    public func wait(timeout: Duration, timerExecutor: (any TaskExecutor)? = nil) async {
        let alreadyRung = state.withLock { state -> Bool in
            defer { state.rung = false }
            return state.rung
        }
        if alreadyRung { return }
        let timer = Task(executorPreference: timerExecutor) {
            try? await Task.sleep(for: timeout)
            self.ring()
        }
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
