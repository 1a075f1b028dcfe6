/// One page of a keyset-paginated listing.
public struct Page<Item: Identifiable & Sendable>: Sendable where Item.ID: Sendable {
    /// The rows of this page, in the query's order.
    public var items: [Item]
    /// Pass as the query's `after` to get the next page; nil on the last page.
    public var nextCursor: Item.ID?

    public init(items: [Item], nextCursor: Item.ID?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Item: Equatable, Item.ID: Equatable {}
