/// What an attempt to sign a new audit checkpoint did.
public enum AuditCheckpointOutcome: Sendable, Hashable {
    /// A new checkpoint was appended to the file.
    case written(AuditCheckpoint)
    /// No row was added since this checkpoint (by the same key): nothing was written.
    case unchanged(AuditCheckpoint)
    /// The log no longer matches its last checkpoint, or its chain is broken: nothing was
    /// signed, since signing would vouch for a rewritten log.
    case broken(AuditVerification.Failure)
}
