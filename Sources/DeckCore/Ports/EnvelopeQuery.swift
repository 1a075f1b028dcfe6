/// A filtered, keyset-paginated outbox listing.
public struct EnvelopeQuery: Sendable, Hashable {
    /// Only these statuses; nil = any.
    public var statuses: Set<EnvelopeStatus>?
    /// Only this tool slug.
    public var toolSlug: String?
    /// Only these risk tiers; nil = any.
    public var risks: Set<RiskTier>?
    /// Only in-doubt (true) or only not-in-doubt (false) envelopes; nil = both.
    public var inDoubt: Bool?
    /// Only envelopes held by this drift alert.
    public var heldBy: DriftAlertID?
    public var order: ListOrder
    /// Continue after this id (exclusive), in `order`'s direction.
    public var after: EnvelopeID?
    /// Rows per page, 1…10,000.
    public var limit: Int

    public init(
        statuses: Set<EnvelopeStatus>? = nil, toolSlug: String? = nil, risks: Set<RiskTier>? = nil,
        inDoubt: Bool? = nil, heldBy: DriftAlertID? = nil, order: ListOrder = .newestFirst, after: EnvelopeID? = nil,
        limit: Int = 100
    ) {
        self.statuses = statuses
        self.toolSlug = toolSlug
        self.risks = risks
        self.inDoubt = inDoubt
        self.heldBy = heldBy
        self.order = order
        self.after = after
        self.limit = min(max(limit, 1), 10_000)
    }

    /// True when `envelope` passes every filter (not the cursor).
    public func matches(_ envelope: Envelope) -> Bool {
        if let statuses, !statuses.contains(envelope.status) { return false }
        if let toolSlug, envelope.toolSlug != toolSlug { return false }
        if let risks, !risks.contains(envelope.risk) { return false }
        if let inDoubt, envelope.inDoubt != inDoubt { return false }
        if let heldBy, envelope.heldBy != heldBy { return false }
        return true
    }
}
