import Dispatch

/// A serial executor on a dispatch queue of its own, for test actors (a loopback server's
/// state) that must answer even while other suites hold every thread of the cooperative pool.
public final class DedicatedSerialExecutor: SerialExecutor {
    private let queue = DispatchQueue(label: "opsdeck.tests.actor")

    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
