/// A filtered, keyset-paginated outbox listing.
public struct EnvelopeQuery: Sendable, Hashable {
    /// Only these statuses; nil = any.
    public var statuses: Set<EnvelopeStatus>?
    /// Only this tool slug.
    public var toolSlug: ToolSlug?
    /// Only these risk tiers; nil = any.
    public var risks: Set<RiskTier>?
    /// Only in-doubt (true) or only not-in-doubt (false) envelopes; nil = both.
    public var inDoubt: Bool?
    /// Only envelopes held by this drift alert.
    public var heldBy: DriftAlertID?
    /// Words every one of which must appear, ignoring ASCII case, in the tool slug, the
    /// tenant's name or the last error (an operator's bare words in a filter).
    public var search: [String]
    public var order: ListOrder
    /// Continue after this id (exclusive), in `order`'s direction.
    public var after: EnvelopeID?
    /// Rows per page, 1…10,000.
    public var limit: Int

    public init(
        statuses: Set<EnvelopeStatus>? = nil, toolSlug: ToolSlug? = nil, risks: Set<RiskTier>? = nil,
        inDoubt: Bool? = nil, heldBy: DriftAlertID? = nil, search: [String] = [], order: ListOrder = .newestFirst,
        after: EnvelopeID? = nil, limit: Int = 100
    ) {
        self.search = search
        self.statuses = statuses
        self.toolSlug = toolSlug
        self.risks = risks
        self.inDoubt = inDoubt
        self.heldBy = heldBy
        self.order = order
        self.after = after
        self.limit = min(max(limit, 1), 10_000)
    }

    /// True when `envelope` passes every filter (not the cursor); `tenantName` is its tenant's
    /// name, for `search`.
    public func matches(_ envelope: Envelope, tenantName: String = "") -> Bool {
        if let statuses, !statuses.contains(envelope.status) { return false }
        if let toolSlug, envelope.toolSlug != toolSlug { return false }
        if let risks, !risks.contains(envelope.risk) { return false }
        if let inDoubt, envelope.inDoubt != inDoubt { return false }
        if let heldBy, envelope.heldBy != heldBy { return false }
        for word in search {
            guard Self.contains(envelope.toolSlug.rawValue, word) || Self.contains(tenantName, word)
                || Self.contains(envelope.lastError ?? "", word) else { return false }
        }
        return true
    }

    /// Whether `text` contains `word`, ignoring the case of ASCII letters only (as SQLite's
    /// `LIKE` does, so every store answers alike).
    public static func contains(_ text: String, _ word: String) -> Bool {
        guard !word.isEmpty else { return true }
        func folded(_ value: String) -> [UInt8] {
            value.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        }
        let haystack = folded(text), needle = folded(word)
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
