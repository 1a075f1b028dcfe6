import DeckCore

/// The toolkits and tools a `SimulatedProvider` lists, in listing order.
///
/// A value, so tests and drift scenarios can start from `standard`, change a schema or a
/// version, and hand the result to the provider (`replaceCatalog`).
public struct SimulatedCatalog: Sendable, Hashable {
    /// The toolkits, each with `toolsCount` matching the tools below.
    public private(set) var toolkits: [ToolkitInfo]
    /// The tools at their latest version, grouped by toolkit.
    public private(set) var tools: [ToolDefinition]

    /// A catalog of these toolkits and tools; each toolkit's `toolsCount` is recounted from `tools`.
    public init(toolkits: [ToolkitInfo], tools: [ToolDefinition]) {
        var counts: [String: Int] = [:]
        for tool in tools { counts[tool.toolkit.lowercased(), default: 0] += 1 }
        self.toolkits = toolkits.map { toolkit in
            var toolkit = toolkit
            toolkit.toolsCount = counts[toolkit.slug.lowercased(), default: 0]
            return toolkit
        }
        self.tools = tools
    }

    /// The tool with this slug (case-insensitive), or nil.
    public func tool(_ slug: String) -> ToolDefinition? {
        let wanted = slug.uppercased()
        return tools.first { $0.slug.uppercased() == wanted }
    }

    /// The same catalog with one tool replaced (matched by slug) or appended when new.
    public func replacing(_ tool: ToolDefinition) -> SimulatedCatalog {
        var tools = self.tools
        if let index = tools.firstIndex(where: { $0.slug.uppercased() == tool.slug.uppercased() }) {
            tools[index] = tool
        } else {
            tools.append(tool)
        }
        return SimulatedCatalog(toolkits: toolkits, tools: tools)
    }

    /// The same catalog without the tool of this slug.
    public func removing(slug: String) -> SimulatedCatalog {
        let unwanted = slug.uppercased()
        return SimulatedCatalog(toolkits: toolkits, tools: tools.filter { $0.slug.uppercased() != unwanted })
    }
}
