import Foundation

/// Threads for `DedicatedExecutor`'s jobs, grown on demand like libdispatch's overcommit pool:
/// a job that finds no idle thread gets a new one (up to `maxThreads`), so a job that blocks
/// (a test waiting on a child process, a loopback server's event loop) never holds up the
/// others. Threads idle for `idleSeconds` end.
///
/// A concurrent `DispatchQueue` is no such pool: it targets the default global queue, whose
/// width is the number of CPUs, shared by every such queue in the process. On a loaded
/// two-core machine a worker under test once waited over 30 s there for a thread.
final class TestThreadPool: @unchecked Sendable {
    static let shared = TestThreadPool()

    /// Beyond this, jobs queue for the threads there are.
    static let maxThreads = 64
    static let idleSeconds = 5.0

    /// Guards every stored property below.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var idle = 0
    private var threads = 0

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let waiting = jobs.count - head
        let spawn = waiting > idle && threads < Self.maxThreads
        if spawn { threads += 1 } else { condition.signal() }
        condition.unlock()
        if spawn {
            let thread = Thread { [self] in serve() }
            thread.name = "opsdeck-tests-pool"
            thread.start()
        }
    }

    private func serve() {
        condition.lock()
        while true {
            while head == jobs.count {
                idle += 1
                let woken = condition.wait(until: Date().addingTimeInterval(Self.idleSeconds))
                idle -= 1
                if !woken, head == jobs.count {
                    threads -= 1
                    condition.unlock()
                    return
                }
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job()
            condition.lock()
        }
    }
}
