/// The append-only, hash-chained audit log (the seed's `AuditLogger`).
public protocol AuditLogger: Sendable {
    /// Appends one row; the tenant, when given, must be visible in `scope`.
    func append(_ entry: AuditEntry, in scope: TenantScope) async throws -> AuditEvent
    /// A page of rows visible in `scope`; rows of no tenant only in `allTenants`.
    func auditEvents(_ query: AuditQuery, in scope: TenantScope) async throws -> Page<AuditEvent>
    /// Walks the whole chain from the first row (operator-wide).
    func verifyAuditChain() async throws -> AuditVerification
}
