import DeckCore

extension SimulatedProvider {
    /// The base version Composio reports when a listing does not ask for the latest ones.
    public static let baseVersion = "00000000_00"

    /// A page of the current catalog's tools (the world as of the clock's now), in catalog
    /// order, filtered by toolkit (case-insensitive) and slugs.
    ///
    /// An empty `slugs` array filters nothing, like an absent one. Without
    /// `latestVersions` every tool reports the base version `00000000_00`, as Composio does,
    /// so a drift check that forgets to ask for the latest versions is caught in tests.
    public func listTools(_ query: ToolListQuery) async throws(ProviderError) -> ProviderPage<ToolDefinition> {
        var tools = snapshot().world.catalog.tools
        if let toolkit = query.toolkit?.lowercased() {
            tools = tools.filter { $0.toolkit.lowercased() == toolkit }
        }
        if let slugs = query.slugs, !slugs.isEmpty {
            let wanted = Set(slugs.map { $0.uppercased() })
            tools = tools.filter { wanted.contains($0.slug.uppercased()) }
        }
        if !query.latestVersions {
            tools = tools.map { tool in
                var tool = tool
                tool.version = Self.baseVersion
                return tool
            }
        }
        return try ListingCursor.page(tools, cursor: query.cursor, limit: query.limit)
    }

    /// One tool of the current catalog at its latest version, or at `version` when that is
    /// one of its available versions; an unknown tool or version is a permanent HTTP 404.
    public func tool(_ slug: String, version: String?) async throws(ProviderError) -> ToolDefinition {
        guard var tool = snapshot().tools[slug.uppercased()] else {
            throw ProviderError(.permanent, "tool \(slug) not found", statusCode: 404)
        }
        if let version, version != tool.version {
            guard tool.availableVersions.contains(version) else {
                throw ProviderError(.permanent, "tool \(tool.slug) has no version \(version)", statusCode: 404)
            }
            tool.version = version
        }
        return tool
    }

    /// A page of the current catalog's toolkits (`pageSize` long) in catalog order.
    public func listToolkits(cursor: String?) async throws(ProviderError) -> ProviderPage<ToolkitInfo> {
        try ListingCursor.page(snapshot().world.catalog.toolkits, cursor: cursor, limit: pageSize)
    }

    /// Every category of the catalog's toolkits, by id, each once.
    public func listToolkitCategories() async throws(ProviderError) -> [ToolkitInfo.Category] {
        var seen = Set<String>()
        return snapshot().world.catalog.toolkits.flatMap(\.categories).filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
    }

    /// A page of the connected accounts as of the clock's now (`pageSize` long) of the given
    /// users, all when empty.
    public func listConnectedAccounts(userIDs: [String], cursor: String?) async throws(ProviderError)
        -> ProviderPage<ProviderAccount>
    {
        var accounts = snapshot().world.accounts
        if !userIDs.isEmpty {
            let wanted = Set(userIDs)
            accounts = accounts.filter { wanted.contains($0.userID) }
        }
        return try ListingCursor.page(accounts, cursor: cursor, limit: pageSize)
    }
}
