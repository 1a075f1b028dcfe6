import DeckCore

/// Keyset pagination over rows already in ascending id order.
enum KeysetPage {
    static func page<Rows: BidirectionalCollection>(
        _ rows: Rows, order: ListOrder, after cursor: Rows.Element.ID?, limit: Int
    ) -> Page<Rows.Element> where Rows.Element: Identifiable & Sendable, Rows.Element.ID: Comparable & Sendable {
        var items: [Rows.Element] = []
        items.reserveCapacity(min(limit + 1, 1024))
        func take(_ row: Rows.Element) -> Bool {
            if let cursor {
                guard order == .newestFirst ? row.id < cursor : row.id > cursor else { return true }
            }
            items.append(row)
            return items.count <= limit
        }
        switch order {
        case .newestFirst:
            for row in rows.reversed() where !take(row) { break }
        case .oldestFirst:
            for row in rows where !take(row) { break }
        }
        return Page(fetched: items, limit: limit)
    }
}
