/// One tool as the provider describes it (Composio's tool item).
public struct ToolDefinition: Sendable, Hashable {
    public var slug: String
    public var name: String
    public var description: String
    public var toolkit: String
    /// `YYYYMMDD_NN`.
    public var version: String
    public var availableVersions: [String]
    /// `input_parameters`: a JSON Schema object.
    public var inputSchema: JSONValue
    /// `output_parameters`: a JSON Schema object.
    public var outputSchema: JSONValue
    public var tags: [String]
    public var scopes: [String]
    public var isDeprecated: Bool
    public var noAuth: Bool

    public init(
        slug: String, name: String, description: String = "", toolkit: String, version: String,
        availableVersions: [String] = [], inputSchema: JSONValue, outputSchema: JSONValue = .object([:]),
        tags: [String] = [], scopes: [String] = [], isDeprecated: Bool = false, noAuth: Bool = false
    ) {
        self.slug = slug
        self.name = name
        self.description = description
        self.toolkit = toolkit
        self.version = version
        self.availableVersions = availableVersions
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.tags = tags
        self.scopes = scopes
        self.isDeprecated = isDeprecated
        self.noAuth = noAuth
    }
}
