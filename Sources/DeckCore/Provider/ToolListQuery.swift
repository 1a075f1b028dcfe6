/// Which tools to list (Composio `GET /tools` query).
public struct ToolListQuery: Sendable, Hashable {
    /// Only this toolkit's tools.
    public var toolkit: String?
    /// Only these slugs.
    public var slugs: [String]?
    /// Ask for the latest version of every toolkit (drift checks must).
    public var latestVersions: Bool
    public var limit: Int
    public var cursor: String?

    public init(toolkit: String? = nil, slugs: [String]? = nil, latestVersions: Bool = true, limit: Int = 100, cursor: String? = nil) {
        self.toolkit = toolkit
        self.slugs = slugs
        self.latestVersions = latestVersions
        self.limit = limit
        self.cursor = cursor
    }
}
