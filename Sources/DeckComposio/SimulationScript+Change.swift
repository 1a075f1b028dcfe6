import DeckCore

extension SimulationScript {
    /// What an event changes in the simulated world.
    ///
    /// Every change is idempotent (applying it twice equals applying it once) and a change
    /// naming an account or tool that does not exist at that moment does nothing, so a
    /// script applies cleanly over any base world — including one that `replaceCatalog`
    /// built from a world the script had already changed.
    public enum Change: Sendable, Hashable {
        /// The account with this id takes this status and reason (nil clears the reason),
        /// e.g. INITIATED → ACTIVE (a warm scan) or ACTIVE → EXPIRED.
        case setAccountStatus(ConnectedAccountID, AccountStatus, reason: String? = nil)
        /// A connected account appears at the end of the listing; one with the same id is
        /// replaced in place instead.
        case addAccount(ProviderAccount)
        /// The tool with this definition's slug (case-insensitive) is replaced by it, in
        /// place; nothing happens when no such tool exists.
        case replaceTool(ToolDefinition)
        /// The tool with this slug gets a new latest version (added to its available
        /// versions when new) and/or a new input schema; nil leaves that part unchanged.
        /// Nothing happens when no such tool exists.
        case updateTool(slug: String, version: String? = nil, inputSchema: JSONValue? = nil)
        /// A tool appears at the end of the catalog; one with the same slug is replaced in
        /// place instead. Its toolkit should be one of the catalog's toolkits to be counted.
        case addTool(ToolDefinition)
        /// The tool with this slug leaves the catalog: listings no longer show it, `tool`
        /// and `execute` answer 404.
        case removeTool(slug: String)
        /// The tool with this slug is marked deprecated; it is still listed and still runs.
        case deprecateTool(slug: String)

        /// Applies the change to `world`.
        func apply(to world: inout World) {
            switch self {
            case .setAccountStatus(let id, let status, let reason):
                for index in world.accounts.indices where world.accounts[index].id == id {
                    world.accounts[index].status = status
                    world.accounts[index].statusReason = reason
                }
            case .addAccount(let account):
                if let index = world.accounts.firstIndex(where: { $0.id == account.id }) {
                    world.accounts[index] = account
                } else {
                    world.accounts.append(account)
                }
            case .replaceTool(let tool):
                if world.catalog.tool(tool.slug) != nil {
                    world.catalog = world.catalog.replacing(tool)
                }
            case .updateTool(let slug, let version, let inputSchema):
                guard var tool = world.catalog.tool(slug) else { return }
                if let version {
                    tool.version = version
                    if !tool.availableVersions.contains(version) { tool.availableVersions.append(version) }
                }
                if let inputSchema { tool.inputSchema = inputSchema }
                world.catalog = world.catalog.replacing(tool)
            case .addTool(let tool):
                world.catalog = world.catalog.replacing(tool)
            case .removeTool(let slug):
                if world.catalog.tool(slug) != nil {
                    world.catalog = world.catalog.removing(slug: slug)
                }
            case .deprecateTool(let slug):
                guard var tool = world.catalog.tool(slug), !tool.isDeprecated else { return }
                tool.isDeprecated = true
                world.catalog = world.catalog.replacing(tool)
            }
        }
    }
}
