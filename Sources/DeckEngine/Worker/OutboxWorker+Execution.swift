import DeckCore
import Foundation

extension OutboxWorker {
    /// Executes one leased envelope and queues its outcome: succeeded, a retry at the
    /// policy's time, or dead. Never throws: every ending is an outcome.
    func execute(_ claimed: ClaimedEnvelope, _ state: WorkerState) async {
        let envelope = claimed.envelope
        let worker = configuration.id
        if state.isStopping {
            state.complete(ExecutionOutcome(envelope, .release(worker: worker)))
            return
        }
        let claimedAt = ContinuousClock.now
        let startedAt = clock.now()
        let dueAt = max(envelope.runAt, envelope.createdAt)
        metrics.enqueueToStart.recordNanoseconds(max(0, startedAt.milliseconds(since: dueAt)) * 1_000_000)
        metrics.attempts.increment()
        let execution = ToolExecution(
            envelopeID: envelope.id, tenantID: envelope.tenantID, toolSlug: envelope.toolSlug.rawValue, toolkit: envelope.toolkit,
            version: claimed.pinnedVersion, arguments: envelope.argumentsJSON,
            connectedAccountID: envelope.connectedAccountID, userID: claimed.userID,
            idempotencyKey: envelope.idempotencyKey, attempt: envelope.attempts)
        let transition: EnvelopeTransition
        let callStarted = ContinuousClock.now
        do {
            let result = try await provider.execute(execution)
            metrics.providerLatency.recordNanoseconds(Self.nanoseconds(since: callStarted))
            let (text, truncated) = ResultText.truncate(result.data.canonicalText, limit: configuration.resultLimitBytes)
            transition = .succeed(worker: worker, externalID: result.logID, result: text, resultTruncated: truncated)
            metrics.succeeded.increment()
            metrics.finished.increment()
        } catch {
            metrics.providerLatency.recordNanoseconds(Self.nanoseconds(since: callStarted))
            metrics.failed(error.kind)
            let decision = random.withLock { random in
                configuration.retryPolicy.decide(
                    after: error, attempts: envelope.attempts, tier: envelope.risk, at: clock.now(), using: &random)
            }
            switch decision {
            case .retry(let at):
                transition = .scheduleRetry(worker: worker, runAt: at, error: error.description)
            case .giveUp(let reason):
                transition = .fail(worker: worker, error: reason)
                metrics.dead.increment()
                metrics.finished.increment()
            }
        }
        metrics.claimToFinish.recordNanoseconds(Self.nanoseconds(since: claimedAt))
        state.complete(ExecutionOutcome(envelope, transition))
    }

    static func nanoseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
    }
}
