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

    /// A page from up to `limit + 1` fetched rows: the extra row, when present, only says
    /// another page follows, after the last row kept.
    public init(fetched rows: [Item], limit: Int) {
        guard rows.count > limit else {
            self.init(items: rows, nextCursor: nil)
            return
        }
        let kept = Array(rows.prefix(limit))
        self.init(items: kept, nextCursor: kept.last?.id)
    }
}

extension Page: Equatable where Item: Equatable, Item.ID: Equatable {}
