/// Runs a test's tasks on threads of their own instead of the shared cooperative pool.
///
/// Other suites in the same test process block cooperative threads (they wait for child
/// processes; on a two-core machine they can hold the whole pool for tens of seconds); a
/// worker under test, like a worker in its own process, must not stall behind them and see
/// its leases expire, and a test polling against a deadline must not sleep through it.
/// `Task(executorPreference: DedicatedExecutor())` starts a task without waiting for the pool.
/// Jobs run on `TestThreadPool`, which gives a job a new thread when every thread is busy.
public final class DedicatedExecutor: TaskExecutor {
    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // The closure holds the executor until its job has run.
        TestThreadPool.shared.submit { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `operation` (and the tasks it starts) on a fresh dedicated executor.
    public static func run<T: Sendable>(_ operation: @Sendable () async throws -> T) async rethrows -> T {
        try await withTaskExecutorPreference(DedicatedExecutor()) { try await operation() }
    }
}
