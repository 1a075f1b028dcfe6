/// Direction of a keyset-paginated listing, by id.
public enum ListOrder: String, Sendable, Hashable, CaseIterable {
    /// Highest id first; a cursor continues with lower ids.
    case newestFirst = "newest"
    /// Lowest id first; a cursor continues with higher ids.
    case oldestFirst = "oldest"
}
