/// One keyset page's bounds, planned once for every store: which ids follow the cursor, in
/// which order, how many rows to read to know whether another page follows, and the page
/// made from them. SQL stores put `keyComparison` between their id column and the cursor and
/// sort by `sortDirection`; the in-memory store scans with `page(scanning:)`.
public struct KeysetWindow<ID: Comparable & Sendable>: Sendable {
    public var order: ListOrder
    /// The last id of the previous page; nil for the first page.
    public var cursor: ID?
    /// Rows per page.
    public var limit: Int

    public init(order: ListOrder, after cursor: ID?, limit: Int) {
        self.order = order
        self.cursor = cursor
        self.limit = limit
    }

    /// Rows to read: one more than the page, which only says another page follows.
    public var fetchLimit: Int { limit + 1 }

    /// How a row's id compares with the cursor when it comes after it: `<` newest first,
    /// `>` oldest first; nil on the first page.
    public var keyComparison: String? {
        cursor == nil ? nil : (order == .newestFirst ? "<" : ">")
    }

    /// The order of ids: `DESC` newest first, `ASC` oldest first.
    public var sortDirection: String { order == .newestFirst ? "DESC" : "ASC" }

    /// Whether a row with this id comes after the cursor.
    public func admits(_ id: ID) -> Bool {
        guard let cursor else { return true }
        return order == .newestFirst ? id < cursor : id > cursor
    }

    /// The page from rows read in this window's order (up to `fetchLimit`).
    public func page<Item: Identifiable & Sendable>(_ fetched: [Item]) -> Page<Item> where Item.ID == ID {
        Page(fetched: fetched, limit: limit)
    }

    /// The page from all rows in ascending id order, scanned from the right end.
    public func page<Rows: BidirectionalCollection>(scanning rows: Rows) -> Page<Rows.Element>
    where Rows.Element: Identifiable & Sendable, Rows.Element.ID == ID {
        var items: [Rows.Element] = []
        items.reserveCapacity(Swift.min(fetchLimit, 1024))
        func take(_ row: Rows.Element) -> Bool {
            guard admits(row.id) else { return true }
            items.append(row)
            return items.count < fetchLimit
        }
        switch order {
        case .newestFirst:
            for row in rows.reversed() where !take(row) { break }
        case .oldestFirst:
            for row in rows where !take(row) { break }
        }
        return page(items)
    }
}
