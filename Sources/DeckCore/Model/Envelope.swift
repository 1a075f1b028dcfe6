/// One tool action an agent wants to take for a tenant: a row of the outbox.
public struct Envelope: Sendable, Hashable, Identifiable, Codable {
    public var id: EnvelopeID
    public var tenantID: TenantID
    /// The Composio tool, e.g. `GMAIL_SEND_EMAIL`.
    public var toolSlug: ToolSlug
    /// The toolkit the tool belongs to, e.g. `gmail`.
    public var toolkit: String
    /// The pinned tool version (`YYYYMMDD_NN`), when known.
    public var version: String?
    /// The Composio connected account to execute with, when chosen.
    public var connectedAccountID: ConnectedAccountID?
    /// The task this action serves, when any.
    public var taskID: TaskID?
    /// The tool's arguments as stored (the seed's `envelope` column), kept as text so
    /// reading an envelope does not parse them; `arguments` parses on demand.
    public var argumentsJSON: JSONObjectText
    /// The tool's arguments as a value.
    public var arguments: JSONValue { argumentsJSON.value }
    public var risk: RiskTier
    public var status: EnvelopeStatus
    /// Executions started so far (claims), reset when an operator retries a dead envelope.
    public var attempts: Int
    /// Not to be claimed before this instant.
    public var runAt: Timestamp
    public var leaseOwner: WorkerID?
    public var leaseExpiresAt: Timestamp?
    public var lastError: String?
    /// Why the envelope is where it is when a rule put it there (guardrail, quiet hours).
    public var statusReason: String?
    /// The provider's execution id (Composio `log_id`) once succeeded.
    public var externalID: String?
    /// The provider's answer, possibly truncated.
    public var result: String?
    public var resultTruncated: Bool
    /// Set when a lease expired on a tier that must not repeat: nobody knows if it ran.
    public var inDoubt: Bool
    /// The key the provider deduplicates on; unique per tenant.
    public var idempotencyKey: String
    /// The operator who approved it, which lets it pass the autonomy guardrail.
    public var approvedBy: String?
    /// The open breaking drift alert that holds it (its tool's schema changed): a held
    /// envelope stays `pending`, with `runAt` at `Timestamp.held`, until the alert is accepted.
    public var heldBy: DriftAlertID?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: EnvelopeID, tenantID: TenantID, toolSlug: ToolSlug, toolkit: String, version: String? = nil,
        connectedAccountID: ConnectedAccountID? = nil, taskID: TaskID? = nil, argumentsJSON: JSONObjectText,
        risk: RiskTier, status: EnvelopeStatus, attempts: Int = 0, runAt: Timestamp,
        leaseOwner: WorkerID? = nil, leaseExpiresAt: Timestamp? = nil, lastError: String? = nil,
        statusReason: String? = nil, externalID: String? = nil, result: String? = nil,
        resultTruncated: Bool = false, inDoubt: Bool = false, idempotencyKey: String,
        approvedBy: String? = nil, heldBy: DriftAlertID? = nil, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.tenantID = tenantID
        self.toolSlug = toolSlug
        self.toolkit = toolkit
        self.version = version
        self.connectedAccountID = connectedAccountID
        self.taskID = taskID
        self.argumentsJSON = argumentsJSON
        self.risk = risk
        self.status = status
        self.attempts = attempts
        self.runAt = runAt
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.lastError = lastError
        self.statusReason = statusReason
        self.externalID = externalID
        self.result = result
        self.resultTruncated = resultTruncated
        self.inDoubt = inDoubt
        self.idempotencyKey = idempotencyKey
        self.approvedBy = approvedBy
        self.heldBy = heldBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// An envelope whose arguments are given as a value (stored as its canonical text).
    public init(
        id: EnvelopeID, tenantID: TenantID, toolSlug: ToolSlug, toolkit: String, version: String? = nil,
        connectedAccountID: ConnectedAccountID? = nil, taskID: TaskID? = nil, arguments: JSONValue,
        risk: RiskTier, status: EnvelopeStatus, attempts: Int = 0, runAt: Timestamp,
        leaseOwner: WorkerID? = nil, leaseExpiresAt: Timestamp? = nil, lastError: String? = nil,
        statusReason: String? = nil, externalID: String? = nil, result: String? = nil,
        resultTruncated: Bool = false, inDoubt: Bool = false, idempotencyKey: String,
        approvedBy: String? = nil, heldBy: DriftAlertID? = nil, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.init(
            id: id, tenantID: tenantID, toolSlug: toolSlug, toolkit: toolkit, version: version,
            connectedAccountID: connectedAccountID, taskID: taskID,
            argumentsJSON: JSONObjectText(arguments.objectValue ?? [:]), risk: risk, status: status, attempts: attempts,
            runAt: runAt, leaseOwner: leaseOwner, leaseExpiresAt: leaseExpiresAt, lastError: lastError,
            statusReason: statusReason, externalID: externalID, result: result, resultTruncated: resultTruncated,
            inDoubt: inDoubt, idempotencyKey: idempotencyKey, approvedBy: approvedBy, heldBy: heldBy, createdAt: createdAt,
            updatedAt: updatedAt)
    }
}
