/// The fields of an envelope and the box that shares them between copies (`Envelope`).
extension Envelope {
    /// The stored fields, as the envelope's public properties name them (and as its
    /// `Codable` form has always keyed them).
    struct Fields: Hashable, Codable {
        var id: EnvelopeID
        var tenantID: TenantID
        var toolSlug: ToolSlug
        var toolkit: String
        var version: String?
        var connectedAccountID: ConnectedAccountID?
        var taskID: TaskID?
        var argumentsJSON: JSONObjectText
        var risk: RiskTier
        var status: EnvelopeStatus
        var attempts: Int
        var runAt: Timestamp
        var leaseOwner: WorkerID?
        var leaseExpiresAt: Timestamp?
        var lastError: String?
        var statusReason: String?
        var externalID: String?
        var result: String?
        var resultTruncated: Bool
        var inDoubt: Bool
        var idempotencyKey: String
        var approvedBy: String?
        var heldBy: DriftAlertID?
        var createdAt: Timestamp
        var updatedAt: Timestamp
    }

    /// Shared by copies of one envelope; written only while a single envelope holds it
    /// (`Envelope.unique()`), which is what makes it safe to send.
    final class Storage: @unchecked Sendable {
        var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }
}
