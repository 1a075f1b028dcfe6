/// A keyset-paginated listing of signals.
public struct SignalQuery: Sendable, Hashable {
    /// Only signals of this toolkit.
    public var toolkit: String?
    public var order: ListOrder
    public var after: SignalID?
    public var limit: Int

    public init(toolkit: String? = nil, order: ListOrder = .newestFirst, after: SignalID? = nil, limit: Int = 100) {
        self.toolkit = toolkit
        self.order = order
        self.after = after
        self.limit = min(max(limit, 1), 10_000)
    }
}
