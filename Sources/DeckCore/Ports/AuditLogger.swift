/// The append-only, hash-chained audit log (the seed's `AuditLogger`).
public protocol AuditLogger: Sendable {
    /// Appends one row; the tenant, when given, must be visible in `scope`.
    func append(_ entry: AuditEntry, in scope: TenantScope) async throws -> AuditEvent
    /// A page of rows visible in `scope`; rows of no tenant only in `allTenants`.
    func auditEvents(_ query: AuditQuery, in scope: TenantScope) async throws -> Page<AuditEvent>
    /// Walks the whole chain from the first row (operator-wide), holding it to `checkpoints`
    /// (whose signatures the caller has checked), then every submitted envelope's arguments
    /// to the digest its `submitted` row recorded.
    func verifyAuditChain(checkpoints: [AuditCheckpoint]) async throws -> AuditVerification
    /// The log's rows and head hash, checking only the rows from `checkpoint` on (all rows
    /// when nil): what signing a new checkpoint needs.
    func auditChainHead(resumingAt checkpoint: AuditCheckpoint?) async throws -> AuditVerification
}

extension AuditLogger {
    /// Walks the whole chain with no checkpoints.
    public func verifyAuditChain() async throws -> AuditVerification {
        try await verifyAuditChain(checkpoints: [])
    }
}
