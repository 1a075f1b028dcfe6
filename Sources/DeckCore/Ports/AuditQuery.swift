/// A filtered, keyset-paginated audit listing (tail, history of one envelope, follow).
public struct AuditQuery: Sendable, Hashable {
    /// Only these categories; nil = any.
    public var categories: Set<AuditCategory>?
    /// Only rows about this envelope.
    public var envelopeID: EnvelopeID?
    public var order: ListOrder
    /// Continue after this id (exclusive), in `order`'s direction.
    public var after: AuditEventID?
    /// Rows per page, 1…10,000.
    public var limit: Int

    public init(
        categories: Set<AuditCategory>? = nil, envelopeID: EnvelopeID? = nil, order: ListOrder = .newestFirst,
        after: AuditEventID? = nil, limit: Int = 100
    ) {
        self.categories = categories
        self.envelopeID = envelopeID
        self.order = order
        self.after = after
        self.limit = min(max(limit, 1), 10_000)
    }

    /// True when `event` passes every filter (not the cursor).
    public func matches(_ event: AuditEvent) -> Bool {
        if let categories, !categories.contains(event.category) { return false }
        if let envelopeID, event.envelopeID != envelopeID { return false }
        return true
    }
}
