import DeckCore

/// What an action will touch, read before the operator is asked: the exact rows, named.
///
/// A bulk action (`:approve all`) is previewed, confirmed and then performed on these rows
/// only — never on rows that matched the filter after the operator said yes.
public struct ActionPreview: Sendable, Hashable {
    /// One envelope as a confirmation names it.
    public struct Row: Sendable, Hashable {
        public var id: EnvelopeID
        /// The tenant's name.
        public var tenant: String
        public var tool: String
        public var risk: RiskTier
        public var status: EnvelopeStatus

        public init(id: EnvelopeID, tenant: String, tool: String, risk: RiskTier, status: EnvelopeStatus) {
            self.id = id
            self.tenant = tenant
            self.tool = tool
            self.risk = risk
            self.status = status
        }

        /// The row of `envelope`, its tenant named from `names`.
        public init(_ envelope: Envelope, names: [TenantID: String]) {
            self.init(
                id: envelope.id, tenant: names[envelope.tenantID] ?? envelope.tenantID.short, tool: envelope.toolSlug.rawValue,
                risk: envelope.risk, status: envelope.status)
        }
    }

    /// Every row the action will act on, oldest first.
    public var rows: [Row]
    /// Critical envelopes the filter matched but a bulk approval leaves out (its filter does
    /// not name `risk:critical`).
    public var leftOutCritical: Int

    public init(rows: [Row], leftOutCritical: Int = 0) {
        self.rows = rows
        self.leftOutCritical = leftOutCritical
    }

    public var ids: [EnvelopeID] { rows.map(\.id) }

    /// How many tenants the rows belong to.
    public var tenantCount: Int { Set(rows.map(\.tenant)).count }

    /// The lines a confirmation shows: each row for a few (id, tenant, tool, risk, status),
    /// else the counts by tenant, status and risk.
    public var lines: [String] {
        var lines: [String]
        if rows.count <= Self.rowsNamed {
            lines = rows.map { "#\($0.id.rawValue)  \($0.tenant)  \($0.tool)  \($0.risk.rawValue)  \($0.status.rawValue)" }
        } else {
            lines = [
                "tenants: " + Self.tally(rows.map(\.tenant), limit: 4),
                "status: " + Self.tally(rows.map(\.status.rawValue), limit: 6),
                "risk: " + Self.tally(rows.map(\.risk.rawValue), order: RiskTier.allCases.map(\.rawValue), limit: 4),
            ]
        }
        if leftOutCritical > 0 {
            lines.append("\(leftOutCritical) critical left out (filter risk:critical to approve them)")
        }
        return lines
    }

    /// Rows named one per line up to this many.
    public static let rowsNamed = 5

    /// "acme 120, globex 71, +3 more": counts, largest first (or in `order`).
    static func tally(_ values: [String], order: [String]? = nil, limit: Int) -> String {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        let sorted: [(String, Int)]
        if let order {
            sorted = order.compactMap { key in counts[key].map { (key, $0) } }
        } else {
            sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        var text = sorted.prefix(limit).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        if sorted.count > limit { text += ", +\(sorted.count - limit) more" }
        return text
    }
}
