/// The envelope state machine: pure, with time passed in.
///
/// Every store applies transitions through `apply`, so the rules live in one place and an
/// illegal transition is always a typed error.
public enum EnvelopeLifecycle {
    /// The status of every freshly submitted envelope (guardrails decide at claim time).
    public static let submittedStatus = EnvelopeStatus.pending
    /// The attempts of every freshly submitted envelope.
    public static let submittedAttempts = 0

    /// A freshly submitted envelope: `submittedStatus`, due at the draft's `run_at` or now.
    /// (Bulk submission writes the same fields without building it: `SQLiteStore.submit`.)
    public static func submit(_ draft: EnvelopeDraft, id: EnvelopeID, idempotencyKey: String, at now: Timestamp) -> Envelope {
        Envelope(
            id: id, tenantID: draft.tenantID, toolSlug: draft.toolSlug, toolkit: draft.toolkit,
            version: draft.version, connectedAccountID: draft.connectedAccountID, taskID: draft.taskID,
            argumentsJSON: draft.argumentsJSON, risk: draft.risk, status: submittedStatus, attempts: submittedAttempts,
            runAt: draft.runAt ?? now, idempotencyKey: idempotencyKey, createdAt: now, updatedAt: now)
    }

    /// `envelope` after `transition` by `actor` (operator name or worker id) at `now`, or
    /// the reason it cannot happen.
    public static func apply(
        _ transition: EnvelopeTransition, to envelope: Envelope, at now: Timestamp, by actor: String
    ) throws(EnvelopeTransitionError) -> Envelope {
        guard transition.allows(from: envelope.status) else {
            throw .illegal(transition: transition.name, from: envelope.status)
        }
        var next = envelope
        next.updatedAt = now
        switch transition {
        case .approve:
            next.status = .pending
            next.approvedBy = actor
            next.statusReason = nil

        case .discard:
            next.status = .cancelled
            next.leaseOwner = nil
            next.leaseExpiresAt = nil
            if envelope.heldBy != nil {
                // No longer held by anything: its time is the moment it was discarded.
                next.heldBy = nil
                next.runAt = now
            }

        case .retry:
            next.status = .pending
            next.attempts = 0
            next.runAt = now
            next.inDoubt = false
            next.statusReason = nil

        case .claim(let worker, let leaseExpiresAt):
            guard envelope.runAt <= now else { throw .notDue(runAt: envelope.runAt) }
            guard leaseExpiresAt > now else { throw .notInFuture(leaseExpiresAt) }
            next.status = .running
            next.attempts += 1
            next.leaseOwner = worker
            next.leaseExpiresAt = leaseExpiresAt
            next.statusReason = nil

        case .renewLease(let worker, let leaseExpiresAt):
            try requireOwner(worker, of: envelope)
            guard leaseExpiresAt > now else { throw .notInFuture(leaseExpiresAt) }
            next.leaseExpiresAt = leaseExpiresAt

        case .succeed(let worker, let externalID, let result, let truncated):
            try requireOwner(worker, of: envelope)
            next.status = .succeeded
            next.externalID = externalID
            next.result = result
            next.resultTruncated = truncated
            next.lastError = nil
            clearLease(&next)

        case .scheduleRetry(let worker, let runAt, let error):
            try requireOwner(worker, of: envelope)
            // The worker decided the time when the attempt failed; written a little later,
            // a retry due already is simply due now.
            next.status = .pending
            next.runAt = max(runAt, now)
            next.lastError = error
            clearLease(&next)

        case .fail(let worker, let error):
            try requireOwner(worker, of: envelope)
            next.status = .dead
            next.lastError = error
            clearLease(&next)

        case .release(let worker):
            try requireOwner(worker, of: envelope)
            next.status = .pending
            next.attempts = max(0, envelope.attempts - 1)
            clearLease(&next)

        case .expireLease(let retryAt):
            try requireExpired(envelope, at: now)
            next.status = .pending
            next.runAt = max(retryAt, now)
            next.lastError = "lease expired (worker \(envelope.leaseOwner?.rawValue ?? "unknown") stopped answering)"
            clearLease(&next)

        case .expireLeaseInDoubt:
            try requireExpired(envelope, at: now)
            next.status = .dead
            next.inDoubt = true
            next.lastError = "lease expired while running (worker \(envelope.leaseOwner?.rawValue ?? "unknown")); outcome unknown"
            clearLease(&next)

        case .holdForApproval(let reason):
            next.status = .awaitingApproval
            next.statusReason = reason

        case .deferRun(let until, let reason):
            guard until > now else { throw .notInFuture(until) }
            next.runAt = until
            next.statusReason = reason

        case .reject(let reason):
            next.status = .dead
            next.statusReason = reason
            next.lastError = reason

        case .holdForDrift(let alert, let reason):
            guard envelope.heldBy == nil else { throw .alreadyHeld(by: envelope.heldBy!) }
            next.heldBy = alert
            next.runAt = .held
            next.statusReason = reason

        case .releaseHold:
            guard envelope.heldBy != nil else { throw .notHeld }
            next.heldBy = nil
            next.runAt = now
            next.statusReason = nil

        case .runNow:
            if let reason = retryBackoffRefusal(envelope, at: now) { throw .notWaitingOnRetry(reason) }
            next.runAt = now
        }
        return next
    }

    /// Why `envelope` is not waiting on a retry backoff at `now` (nil when it is): a retry
    /// backoff is a pending envelope, tried before and failed (`attempts` > 0 with an error),
    /// not due yet, and held by nothing else — no drift alert, no guardrail deferral (whose
    /// reason is kept in `status_reason`).
    public static func retryBackoffRefusal(_ envelope: Envelope, at now: Timestamp) -> String? {
        if envelope.status != .pending { return "it is \(envelope.status.rawValue)" }
        if let alert = envelope.heldBy { return "held by drift alert \(alert.rawValue); accept the alert to release it" }
        if envelope.runAt <= now { return "it is due already" }
        if let reason = envelope.statusReason { return "deferred: \(reason)" }
        if envelope.attempts == 0 || envelope.lastError == nil { return "it has not failed yet; its agent scheduled it" }
        return nil
    }

    private static func requireOwner(_ worker: WorkerID, of envelope: Envelope) throws(EnvelopeTransitionError) {
        guard envelope.leaseOwner == worker else { throw .notLeaseOwner(worker: worker, owner: envelope.leaseOwner) }
    }

    private static func requireExpired(_ envelope: Envelope, at now: Timestamp) throws(EnvelopeTransitionError) {
        if let expiresAt = envelope.leaseExpiresAt, expiresAt > now { throw .leaseNotExpired(expiresAt: expiresAt) }
    }

    private static func clearLease(_ envelope: inout Envelope) {
        envelope.leaseOwner = nil
        envelope.leaseExpiresAt = nil
    }
}
