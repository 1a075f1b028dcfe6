/// One tool as the drift monitor compares it: identity, pinned version and input schema.
///
/// The same shape serves the tenant's cached catalog and the provider's latest listing, so
/// `CatalogDrift` stays independent of where either came from.
public struct CatalogTool: Sendable, Hashable, Codable {
    /// The tool's slug, e.g. `GMAIL_SEND_EMAIL`; tools are matched by it.
    public var slug: String
    /// The toolkit's slug, e.g. `gmail`.
    public var toolkit: String
    /// Composio's version, `YYYYMMDD_NN`.
    public var version: String
    /// The tool's `input_parameters` JSON Schema.
    public var schema: JSONValue

    /// A tool with these fields.
    public init(slug: String, toolkit: String, version: String, schema: JSONValue) {
        self.slug = slug
        self.toolkit = toolkit
        self.version = version
        self.schema = schema
    }

    /// The tool as cached for a tenant.
    public init(_ entry: ToolCatalogEntry) {
        self.init(slug: entry.toolSlug, toolkit: entry.toolkit, version: entry.version, schema: entry.jsonSchema)
    }
}
