/// One tool as cached for a tenant: its schema, pinned version and OpsDeck's risk.
public struct ToolCatalogEntry: Sendable, Hashable, Codable {
    public var tenantID: TenantID
    public var toolSlug: String
    public var toolkit: String
    /// The tool's `input_parameters` JSON Schema.
    public var jsonSchema: JSONValue
    /// Composio's version, `YYYYMMDD_NN`.
    public var version: String
    /// OpsDeck's classification from tags, scopes and the slug's verb (the seed's `risk`).
    public var classifiedRisk: RiskTier
    /// An operator's decision that beats classification; survives catalog refreshes.
    public var riskOverride: RiskTier?
    /// The tier envelopes of this tool get: the override when set, else the classification.
    public var risk: RiskTier { riskOverride ?? classifiedRisk }
    public var tags: [String]
    public var scopes: [String]
    public var fetchedAt: Timestamp

    public init(
        tenantID: TenantID, toolSlug: String, toolkit: String, jsonSchema: JSONValue, version: String,
        classifiedRisk: RiskTier, riskOverride: RiskTier? = nil, tags: [String] = [], scopes: [String] = [],
        fetchedAt: Timestamp
    ) {
        self.tenantID = tenantID
        self.toolSlug = toolSlug
        self.toolkit = toolkit
        self.jsonSchema = jsonSchema
        self.version = version
        self.classifiedRisk = classifiedRisk
        self.riskOverride = riskOverride
        self.tags = tags
        self.scopes = scopes
        self.fetchedAt = fetchedAt
    }
}
