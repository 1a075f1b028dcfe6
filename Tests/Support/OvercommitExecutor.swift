import Dispatch

/// Runs each job on a serial dispatch queue of its own, for a worker under test whose lease
/// renewals must not wait for a thread.
///
/// libdispatch gives serial queues threads from its overcommit pool, made on demand; a
/// concurrent queue (`DedicatedExecutor`) shares the width-limited default pool with the
/// cooperative pool, and with that pool's threads held by blocked tests a job waited for
/// seconds: a worker renewed its 3 s lease too late and its own rescuer took the envelope back.
public final class OvercommitExecutor: TaskExecutor {
    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        DispatchQueue(label: "opsdeck.tests.overcommit").async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
