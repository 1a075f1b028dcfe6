import DeckCore

extension ToolProvider {
    /// The most pages any listing follows, so a provider repeating a cursor cannot loop us.
    static var pageLimit: Int { 1_000 }

    /// Every tool of `toolkit` (all toolkits when nil), latest versions, across all pages.
    func allTools(toolkit: String?) async throws(ProviderError) -> [ToolDefinition] {
        var tools: [ToolDefinition] = []
        var cursor: String?
        for _ in 0..<Self.pageLimit {
            let page = try await listTools(ToolListQuery(toolkit: toolkit, latestVersions: true, cursor: cursor))
            tools += page.items
            guard let next = page.nextCursor, next != cursor else { return tools }
            cursor = next
        }
        return tools
    }

    /// Every toolkit, across all pages.
    func allToolkits() async throws(ProviderError) -> [ToolkitInfo] {
        var toolkits: [ToolkitInfo] = []
        var cursor: String?
        for _ in 0..<Self.pageLimit {
            let page = try await listToolkits(cursor: cursor)
            toolkits += page.items
            guard let next = page.nextCursor, next != cursor else { return toolkits }
            cursor = next
        }
        return toolkits
    }

    /// Every connected account of `userIDs`, across all pages.
    func allAccounts(userIDs: [String]) async throws(ProviderError) -> [ProviderAccount] {
        var accounts: [ProviderAccount] = []
        var cursor: String?
        for _ in 0..<Self.pageLimit {
            let page = try await listConnectedAccounts(userIDs: userIDs, cursor: cursor)
            accounts += page.items
            guard let next = page.nextCursor, next != cursor else { return accounts }
            cursor = next
        }
        return accounts
    }
}
