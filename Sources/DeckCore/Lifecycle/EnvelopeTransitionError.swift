/// Why a transition was refused. Never silently ignored: the caller decides what to do.
public enum EnvelopeTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The envelope's status does not allow the transition.
    case illegal(transition: String, from: EnvelopeStatus)
    /// A worker tried to act on an envelope whose lease it does not hold.
    case notLeaseOwner(worker: WorkerID, owner: WorkerID?)
    /// A lease was declared expired before its expiry.
    case leaseNotExpired(expiresAt: Timestamp)
    /// A claim came before the envelope's `run_at`.
    case notDue(runAt: Timestamp)
    /// A retry, deferral or lease was set to a time that is not after now.
    case notInFuture(Timestamp)
    /// A hold was asked for an envelope a drift alert already holds.
    case alreadyHeld(by: DriftAlertID)
    /// A release was asked for an envelope nothing holds.
    case notHeld
    /// "Run now" was asked for an envelope that is not waiting on a retry backoff.
    case notWaitingOnRetry(String)

    public var description: String {
        switch self {
        case .illegal(let transition, let from):
            "cannot \(transition) an envelope that is \(from.rawValue)"
        case .notLeaseOwner(let worker, let owner):
            "worker \(worker) does not hold the lease (owner: \(owner?.rawValue ?? "none"))"
        case .leaseNotExpired(let expiresAt):
            "lease is held until \(expiresAt)"
        case .notDue(let runAt):
            "envelope is not due before \(runAt)"
        case .notInFuture(let instant):
            "\(instant) is not in the future"
        case .alreadyHeld(let alert):
            "envelope is already held by drift alert \(alert)"
        case .notHeld:
            "envelope is not held by a drift alert"
        case .notWaitingOnRetry(let why):
            "envelope is not waiting on a retry backoff (\(why))"
        }
    }
}
