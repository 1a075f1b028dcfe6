/// One tool action an agent wants to take for a tenant: a row of the outbox.
///
/// A value with copy-on-write storage: its fields live in one shared box, so copying an
/// envelope (into a claim, an outcome, a plan's steps, a report) costs one reference count
/// instead of one per text field, and a change copies the box only when it is shared. The
/// worker's claim thread passes every envelope through several such copies per transition.
public struct Envelope: Sendable, Hashable, Identifiable, Codable {
    private var storage: Storage

    public var id: EnvelopeID {
        get { storage.fields.id }
        set { unique().fields.id = newValue }
    }
    public var tenantID: TenantID {
        get { storage.fields.tenantID }
        set { unique().fields.tenantID = newValue }
    }
    /// The Composio tool, e.g. `GMAIL_SEND_EMAIL`.
    public var toolSlug: ToolSlug {
        get { storage.fields.toolSlug }
        set { unique().fields.toolSlug = newValue }
    }
    /// The toolkit the tool belongs to, e.g. `gmail`.
    public var toolkit: String {
        get { storage.fields.toolkit }
        set { unique().fields.toolkit = newValue }
    }
    /// The pinned tool version (`YYYYMMDD_NN`), when known.
    public var version: String? {
        get { storage.fields.version }
        set { unique().fields.version = newValue }
    }
    /// The Composio connected account to execute with, when chosen.
    public var connectedAccountID: ConnectedAccountID? {
        get { storage.fields.connectedAccountID }
        set { unique().fields.connectedAccountID = newValue }
    }
    /// The task this action serves, when any.
    public var taskID: TaskID? {
        get { storage.fields.taskID }
        set { unique().fields.taskID = newValue }
    }
    /// The tool's arguments as stored (the seed's `envelope` column), kept as text so
    /// reading an envelope does not parse them; `arguments` parses on demand.
    public var argumentsJSON: JSONObjectText {
        get { storage.fields.argumentsJSON }
        set { unique().fields.argumentsJSON = newValue }
    }
    /// The tool's arguments as a value.
    public var arguments: JSONValue { argumentsJSON.value }
    public var risk: RiskTier {
        get { storage.fields.risk }
        set { unique().fields.risk = newValue }
    }
    public var status: EnvelopeStatus {
        get { storage.fields.status }
        set { unique().fields.status = newValue }
    }
    /// Executions started so far (claims), reset when an operator retries a dead envelope.
    public var attempts: Int {
        get { storage.fields.attempts }
        set { unique().fields.attempts = newValue }
    }
    /// Not to be claimed before this instant.
    public var runAt: Timestamp {
        get { storage.fields.runAt }
        set { unique().fields.runAt = newValue }
    }
    public var leaseOwner: WorkerID? {
        get { storage.fields.leaseOwner }
        set { unique().fields.leaseOwner = newValue }
    }
    public var leaseExpiresAt: Timestamp? {
        get { storage.fields.leaseExpiresAt }
        set { unique().fields.leaseExpiresAt = newValue }
    }
    public var lastError: String? {
        get { storage.fields.lastError }
        set { unique().fields.lastError = newValue }
    }
    /// Why the envelope is where it is when a rule put it there (guardrail, quiet hours).
    public var statusReason: String? {
        get { storage.fields.statusReason }
        set { unique().fields.statusReason = newValue }
    }
    /// The provider's execution id (Composio `log_id`) once succeeded.
    public var externalID: String? {
        get { storage.fields.externalID }
        set { unique().fields.externalID = newValue }
    }
    /// The provider's answer, possibly truncated.
    public var result: String? {
        get { storage.fields.result }
        set { unique().fields.result = newValue }
    }
    public var resultTruncated: Bool {
        get { storage.fields.resultTruncated }
        set { unique().fields.resultTruncated = newValue }
    }
    /// Set when a lease expired on a tier that must not repeat: nobody knows if it ran.
    public var inDoubt: Bool {
        get { storage.fields.inDoubt }
        set { unique().fields.inDoubt = newValue }
    }
    /// The key the provider deduplicates on; unique per tenant.
    public var idempotencyKey: String {
        get { storage.fields.idempotencyKey }
        set { unique().fields.idempotencyKey = newValue }
    }
    /// The operator who approved it, which lets it pass the autonomy guardrail.
    public var approvedBy: String? {
        get { storage.fields.approvedBy }
        set { unique().fields.approvedBy = newValue }
    }
    /// The open breaking drift alert that holds it (its tool's schema changed): a held
    /// envelope stays `pending`, with `runAt` at `Timestamp.held`, until the alert is accepted.
    public var heldBy: DriftAlertID? {
        get { storage.fields.heldBy }
        set { unique().fields.heldBy = newValue }
    }
    public var createdAt: Timestamp {
        get { storage.fields.createdAt }
        set { unique().fields.createdAt = newValue }
    }
    public var updatedAt: Timestamp {
        get { storage.fields.updatedAt }
        set { unique().fields.updatedAt = newValue }
    }

    /// The box, copied first when another envelope shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        return storage
    }

    public static func == (lhs: Envelope, rhs: Envelope) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// The same keys as the fields' names.
    public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }

    public init(
        id: EnvelopeID, tenantID: TenantID, toolSlug: ToolSlug, toolkit: String, version: String? = nil,
        connectedAccountID: ConnectedAccountID? = nil, taskID: TaskID? = nil, argumentsJSON: JSONObjectText,
        risk: RiskTier, status: EnvelopeStatus, attempts: Int = 0, runAt: Timestamp,
        leaseOwner: WorkerID? = nil, leaseExpiresAt: Timestamp? = nil, lastError: String? = nil,
        statusReason: String? = nil, externalID: String? = nil, result: String? = nil,
        resultTruncated: Bool = false, inDoubt: Bool = false, idempotencyKey: String,
        approvedBy: String? = nil, heldBy: DriftAlertID? = nil, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        storage = Storage(Fields(
            id: id, tenantID: tenantID, toolSlug: toolSlug, toolkit: toolkit, version: version,
            connectedAccountID: connectedAccountID, taskID: taskID, argumentsJSON: argumentsJSON, risk: risk,
            status: status, attempts: attempts, runAt: runAt, leaseOwner: leaseOwner, leaseExpiresAt: leaseExpiresAt,
            lastError: lastError, statusReason: statusReason, externalID: externalID, result: result,
            resultTruncated: resultTruncated, inDoubt: inDoubt, idempotencyKey: idempotencyKey, approvedBy: approvedBy,
            heldBy: heldBy, createdAt: createdAt, updatedAt: updatedAt))
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
