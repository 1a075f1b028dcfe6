import DeckCore

/// Cuts simulator listings into pages with opaque cursors, the way Composio's lists do.
///
/// A cursor is `sim_` and the offset of the page's first item; callers treat it as opaque.
/// A cursor past the end (the listing shrank between pages) gives an empty last page.
enum ListingCursor {
    /// The largest page Composio serves.
    static let maximumLimit = 1000

    /// The page of `items` starting at `cursor` (nil for the first), at most `limit` long.
    static func page<Item>(_ items: [Item], cursor: String?, limit: Int) throws(ProviderError) -> ProviderPage<Item> {
        guard (1...maximumLimit).contains(limit) else {
            throw ProviderError(.permanent, "limit must be between 1 and \(maximumLimit), got \(limit)", statusCode: 400)
        }
        let start = try offset(cursor)
        guard start < items.count else { return ProviderPage(items: [], nextCursor: nil) }
        let end = start + min(limit, items.count - start)
        return ProviderPage(items: Array(items[start..<end]), nextCursor: end < items.count ? token(end) : nil)
    }

    static func token(_ offset: Int) -> String { "sim_\(offset)" }

    private static func offset(_ cursor: String?) throws(ProviderError) -> Int {
        guard let cursor else { return 0 }
        guard cursor.hasPrefix("sim_"), let offset = Int(cursor.dropFirst(4)), offset >= 0 else {
            throw ProviderError(.permanent, "invalid cursor", statusCode: 400)
        }
        return offset
    }
}
