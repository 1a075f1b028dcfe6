/// A row of the append-only, hash-chained audit log.
public struct AuditEvent: Sendable, Hashable, Identifiable, Codable {
    public var id: AuditEventID
    public var tenantID: TenantID?
    public var category: AuditCategory
    public var action: String
    public var envelopeID: EnvelopeID?
    public var actor: String
    public var payload: JSONValue
    public var createdAt: Timestamp
    /// The previous row's `hash` (64 zeros for the first row).
    public var prevHash: String
    /// SHA-256 (hex) of this row's canonical encoding, `prevHash` included.
    public var hash: String

    public init(
        id: AuditEventID, tenantID: TenantID?, category: AuditCategory, action: String, envelopeID: EnvelopeID?,
        actor: String, payload: JSONValue, createdAt: Timestamp, prevHash: String, hash: String
    ) {
        self.id = id
        self.tenantID = tenantID
        self.category = category
        self.action = action
        self.envelopeID = envelopeID
        self.actor = actor
        self.payload = payload
        self.createdAt = createdAt
        self.prevHash = prevHash
        self.hash = hash
    }
}
