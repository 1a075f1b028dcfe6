/// A toolkit as the provider lists it (Composio's toolkit item).
public struct ToolkitInfo: Sendable, Hashable {
    /// A toolkit category (`meta.categories[]`).
    public struct Category: Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var slug: String
    public var name: String
    public var categories: [Category]
    public var toolsCount: Int

    public init(slug: String, name: String, categories: [Category] = [], toolsCount: Int = 0) {
        self.slug = slug
        self.name = name
        self.categories = categories
        self.toolsCount = toolsCount
    }
}
