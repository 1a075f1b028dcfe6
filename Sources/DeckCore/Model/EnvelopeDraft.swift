/// What an agent (or an operator) submits; the store assigns id, status and stamps.
public struct EnvelopeDraft: Sendable, Hashable {
    public var tenantID: TenantID
    public var toolSlug: ToolSlug
    public var toolkit: String
    public var version: String?
    public var connectedAccountID: ConnectedAccountID?
    public var taskID: TaskID?
    /// The tool's arguments as JSON object text: what the outbox stores (the seed's
    /// `envelope`), as submitted.
    public var argumentsJSON: JSONObjectText
    /// The arguments as a value (parsed from `argumentsJSON`).
    public var arguments: JSONValue { argumentsJSON.value }
    public var risk: RiskTier
    /// True when the submitter named the tier; otherwise the store may replace the slug's
    /// classification with the tenant's catalog risk (classification or operator override).
    public var riskIsExplicit: Bool
    /// Deduplicates resubmissions per tenant; a fresh key is generated when none is given.
    public var idempotencyKey: String?
    /// Not before this instant; "now" when nil.
    public var runAt: Timestamp?

    /// The most argument text one envelope may carry (1 MiB): tool calls are requests to an
    /// API, and a file of them is read into memory whole.
    public static let maxArgumentBytes = 1 << 20

    /// A validated draft. Slugs are upper-cased; the toolkit defaults to the slug's first word.
    public init(
        tenantID: TenantID, toolSlug: String, toolkit: String? = nil, version: String? = nil,
        connectedAccountID: ConnectedAccountID? = nil, taskID: TaskID? = nil,
        arguments: JSONValue = .object([:]), risk: RiskTier? = nil,
        idempotencyKey: String? = nil, runAt: Timestamp? = nil
    ) throws(InvalidInput) {
        guard case .object(let members) = arguments else {
            throw InvalidInput("tool arguments must be a JSON object")
        }
        try self.init(
            tenantID: tenantID, toolSlug: toolSlug, toolkit: toolkit, version: version,
            connectedAccountID: connectedAccountID, taskID: taskID, argumentsJSON: JSONObjectText(members), risk: risk,
            idempotencyKey: idempotencyKey, runAt: runAt)
    }

    /// A validated draft whose arguments are already-checked JSON object text (kept as is).
    public init(
        tenantID: TenantID, toolSlug: String, toolkit: String? = nil, version: String? = nil,
        connectedAccountID: ConnectedAccountID? = nil, taskID: TaskID? = nil,
        argumentsJSON: JSONObjectText, risk: RiskTier? = nil,
        idempotencyKey: String? = nil, runAt: Timestamp? = nil
    ) throws(InvalidInput) {
        let slug = try ToolSlug(parsing: toolSlug)
        if let version, !ToolkitSlug.isVersion(version) {
            throw InvalidInput("invalid tool version '\(TerminalText.sanitize(version))' (expected YYYYMMDD_NN or 'latest')")
        }
        if let idempotencyKey, idempotencyKey.isEmpty || idempotencyKey.utf8.count > 200 {
            throw InvalidInput("idempotency key must be 1 to 200 bytes")
        }
        self.tenantID = tenantID
        self.toolSlug = slug
        self.toolkit = try toolkit.map(ToolkitSlug.normalize) ?? slug.defaultToolkit
        self.version = version
        self.connectedAccountID = connectedAccountID
        self.taskID = taskID
        guard argumentsJSON.text.utf8.count <= Self.maxArgumentBytes else {
            throw InvalidInput(
                "tool arguments are \(argumentsJSON.text.utf8.count / 1024) KiB; at most \(Self.maxArgumentBytes / 1024) KiB are accepted")
        }
        self.argumentsJSON = argumentsJSON
        self.risk = risk ?? RiskClassifier.classify(slug: slug.rawValue)
        self.riskIsExplicit = risk != nil
        self.idempotencyKey = idempotencyKey
        self.runAt = runAt
    }
}
