import DeckCore
import Synchronization

/// What the worker's tasks share: finished outcomes waiting to be written, the stop flag
/// and the doorbell.
final class WorkerState: Sendable {
    private struct Shared {
        var completions: [ExecutionOutcome] = []
        var stopping = false
        var finished = false
    }

    private let shared = Mutex(Shared())
    let doorbell = Doorbell()
    /// The store's change feed, when it has one: notifications ring the doorbell.
    let changes = ChangeWatch()

    /// Graceful shutdown began: claim nothing more.
    var isStopping: Bool { shared.withLock { $0.stopping } }

    /// The main loop ended: background loops stop.
    var isFinished: Bool { shared.withLock { $0.finished } }

    func requestStop() {
        shared.withLock { $0.stopping = true }
        doorbell.ring()
    }

    func markFinished() {
        shared.withLock { $0.finished = true }
    }

    /// An execution's outcome, to be written with the next batch.
    func complete(_ outcome: ExecutionOutcome) {
        shared.withLock { $0.completions.append(outcome) }
        doorbell.ring()
    }

    /// Outcomes that could not be written yet, back to the front of the queue.
    func requeue(_ outcomes: [ExecutionOutcome]) {
        shared.withLock { $0.completions.insert(contentsOf: outcomes, at: 0) }
    }

    func takeCompletions() -> [ExecutionOutcome] {
        shared.withLock { state in
            defer { state.completions.removeAll(keepingCapacity: true) }
            return state.completions
        }
    }
}
