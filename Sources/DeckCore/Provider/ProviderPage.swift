/// One page of a provider listing; pass `nextCursor` back until it is nil.
public struct ProviderPage<Item: Sendable & Hashable>: Sendable, Hashable {
    public var items: [Item]
    /// Opaque cursor of the next page; nil on the last page.
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
