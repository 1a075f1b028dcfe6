import Foundation

/// Learning that a child process ended without trusting Foundation alone.
///
/// Foundation's `Process` on Linux learns of a child's end from a SIGCHLD source; in a full
/// test run it once never did (the child sat as a zombie, `terminationHandler` never ran, and
/// the whole suite waited forever). After a grace period the waiter reaps the child itself
/// with `waitpid(WNOHANG)`; after `limit` it kills it, so no wait is without an end.
enum ChildExit {
    /// The exit status (or terminating signal) if `pid` has ended and could be reaped now.
    static func reap(_ pid: Int32) -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : signal
    }

    /// Blocks until `process` ends (for runs that block their thread anyway); nil when it
    /// had to be killed after `limit`.
    static func wait(_ process: Process, limit: Duration) -> Int32? {
        let started = ContinuousClock.now
        while process.isRunning {
            let waited = ContinuousClock.now - started
            if waited > .seconds(2), let status = reap(process.processIdentifier) { return status }
            if waited > limit {
                kill(process.processIdentifier, SIGKILL)
                _ = reap(process.processIdentifier)
                return nil
            }
            usleep(waited < .seconds(1) ? 1_000 : 20_000)
        }
        return process.terminationStatus
    }
}
