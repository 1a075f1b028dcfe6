/// Everything that can happen to an envelope after it is submitted.
///
/// Worker transitions carry the worker's id (a worker can only finish what it holds the
/// lease on); guardrail transitions carry a reason. Who acts is passed beside the transition.
public enum EnvelopeTransition: Sendable, Hashable {
    /// `awaiting_approval` → `pending`; lets it pass the autonomy guardrail.
    case approve
    /// `awaiting_approval` | `pending` | `dead` → `cancelled`.
    case discard
    /// `dead` → `pending`, due now, with a fresh attempt budget.
    case retry
    /// `pending` (due) → `running` under a lease; counts an attempt.
    case claim(worker: WorkerID, leaseExpiresAt: Timestamp)
    /// `running` → `running` with a later lease expiry.
    case renewLease(worker: WorkerID, leaseExpiresAt: Timestamp)
    /// `running` → `succeeded` with the provider's id and answer.
    case succeed(worker: WorkerID, externalID: String?, result: String?, resultTruncated: Bool)
    /// `running` → `pending` at `run_at` (retry scheduled; a time already past means now).
    case scheduleRetry(worker: WorkerID, runAt: Timestamp, error: String)
    /// `running` → `dead`: permanent error or out of attempts.
    case fail(worker: WorkerID, error: String)
    /// `running` → `pending`, not executed (graceful shutdown): the attempt is given back.
    case release(worker: WorkerID)
    /// `running` with an expired lease → `pending` at `retryAt`; the attempt stays counted.
    case expireLease(retryAt: Timestamp)
    /// `running` with an expired lease → `dead`, in doubt: the tier must not repeat blindly.
    case expireLeaseInDoubt
    /// `pending` → `awaiting_approval`: risk above the tenant's autonomy threshold.
    case holdForApproval(reason: String)
    /// `pending` → `pending` at a later `run_at` (quiet hours, drift hold).
    case deferRun(until: Timestamp, reason: String)
    /// `pending` → `dead` by a guardrail (toolkit not allowed); never retried by itself.
    case reject(reason: String)
    /// `pending` → `pending`, held by an open breaking drift alert on its tool: not due again
    /// (`run_at` = `Timestamp.held`) until the alert is accepted. Audited once.
    case holdForDrift(alert: DriftAlertID, reason: String)
    /// `pending` held by a drift alert → `pending`, due now: the alert was accepted.
    case releaseHold
    /// `pending` waiting on a retry backoff → `pending`, due now (an operator's "run now").
    /// Never for an envelope deferred by quiet hours, held by drift or scheduled by its agent:
    /// the guardrails still decide when it is claimed.
    case runNow

    /// The transition's name, as used in errors.
    public var name: String {
        switch self {
        case .approve: "approve"
        case .discard: "discard"
        case .retry: "retry"
        case .claim: "claim"
        case .renewLease: "renew lease"
        case .succeed: "succeed"
        case .scheduleRetry: "schedule retry"
        case .fail: "fail"
        case .release: "release"
        case .expireLease: "expire lease"
        case .expireLeaseInDoubt: "expire lease (in doubt)"
        case .holdForApproval: "hold for approval"
        case .deferRun: "defer"
        case .reject: "reject"
        case .holdForDrift: "hold for drift"
        case .releaseHold: "release hold"
        case .runNow: "run now"
        }
    }

    /// The audit action written with this transition; nil for lease renewal (no state change).
    public var auditAction: String? {
        switch self {
        case .approve: "approved"
        case .discard: "discarded"
        case .retry: "retried"
        case .claim: "claimed"
        case .renewLease: nil
        case .succeed: "succeeded"
        case .scheduleRetry: "retry_scheduled"
        case .fail: "failed"
        case .release: "released"
        case .expireLease: "lease_expired"
        case .expireLeaseInDoubt: "in_doubt"
        case .holdForApproval: "held_for_approval"
        case .deferRun: "deferred"
        case .reject: "rejected"
        case .holdForDrift: "held_for_drift"
        case .releaseHold: "hold_released"
        case .runNow: "run_now"
        }
    }

    /// Whether the transition may start from `status`: the one rule of which statuses each
    /// transition leaves (the lifecycle asks it for every envelope a claim writes).
    public func allows(from status: EnvelopeStatus) -> Bool {
        switch self {
        case .approve: status == .awaitingApproval
        case .discard: status == .awaitingApproval || status == .pending || status == .dead
        case .retry: status == .dead
        case .claim, .holdForApproval, .deferRun, .reject, .holdForDrift, .releaseHold, .runNow: status == .pending
        case .renewLease, .succeed, .scheduleRetry, .fail, .release, .expireLease, .expireLeaseInDoubt: status == .running
        }
    }

    /// The statuses this transition may start from (from `allows(from:)`).
    public var allowedSources: Set<EnvelopeStatus> { Set(EnvelopeStatus.allCases.filter(allows(from:))) }
}
