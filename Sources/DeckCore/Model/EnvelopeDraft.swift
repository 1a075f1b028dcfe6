/// What an agent (or an operator) submits; the store assigns id, status and stamps.
public struct EnvelopeDraft: Sendable, Hashable {
    public var tenantID: TenantID
    public var toolSlug: String
    public var toolkit: String
    public var version: String?
    public var connectedAccountID: ConnectedAccountID?
    public var taskID: TaskID?
    public var arguments: JSONValue {
        didSet { argumentsText = arguments.canonicalText }
    }
    /// `arguments` as canonical JSON text: what the outbox stores, computed once per draft.
    public private(set) var argumentsText: String
    public var risk: RiskTier
    /// Deduplicates resubmissions per tenant; a fresh key is generated when none is given.
    public var idempotencyKey: String?
    /// Not before this instant; "now" when nil.
    public var runAt: Timestamp?

    /// A validated draft. Slugs are upper-cased; the toolkit defaults to the slug's first word.
    public init(
        tenantID: TenantID, toolSlug: String, toolkit: String? = nil, version: String? = nil,
        connectedAccountID: ConnectedAccountID? = nil, taskID: TaskID? = nil,
        arguments: JSONValue = .object([:]), risk: RiskTier? = nil,
        idempotencyKey: String? = nil, runAt: Timestamp? = nil
    ) throws(InvalidInput) {
        let slug = try ToolSlug.normalize(toolSlug)
        guard case .object = arguments else {
            throw InvalidInput("tool arguments must be a JSON object")
        }
        if let version, !ToolSlug.isVersion(version) {
            throw InvalidInput("invalid tool version '\(TerminalText.sanitize(version))' (expected YYYYMMDD_NN or 'latest')")
        }
        if let idempotencyKey, idempotencyKey.isEmpty || idempotencyKey.utf8.count > 200 {
            throw InvalidInput("idempotency key must be 1 to 200 bytes")
        }
        self.tenantID = tenantID
        self.toolSlug = slug
        self.toolkit = try toolkit.map(ToolSlug.normalizeToolkit) ?? ToolSlug.defaultToolkit(of: slug)
        self.version = version
        self.connectedAccountID = connectedAccountID
        self.taskID = taskID
        self.arguments = arguments
        self.argumentsText = arguments.canonicalText
        self.risk = risk ?? RiskClassifier.classify(slug: slug)
        self.idempotencyKey = idempotencyKey
        self.runAt = runAt
    }
}
