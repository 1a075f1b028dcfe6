import DeckCore

/// The outbox filter an operator types after `/`: `status:dead tool:GMAIL_SEND_EMAIL risk:high`.
///
/// Tokens are `key:value` with keys `status`, `tool` (the exact slug), `risk`, `doubt`
/// (yes/no) and `held` (a drift alert id: the envelopes it holds); values may be
/// comma-separated lists (`status:pending,running`). A bare word is searched for, ignoring
/// case, in the tool slug, the tenant's name and the last error; every word must match.
public struct EnvelopeFilter: Sendable, Hashable {
    public var statuses: Set<EnvelopeStatus>?
    public var tool: String?
    public var risks: Set<RiskTier>?
    public var inDoubt: Bool?
    /// Only the envelopes this drift alert holds.
    public var heldBy: DriftAlertID?
    /// Bare words: each found in the tool slug, tenant name or last error.
    public var words: [String] = []

    public init(
        statuses: Set<EnvelopeStatus>? = nil, tool: String? = nil, risks: Set<RiskTier>? = nil, inDoubt: Bool? = nil,
        heldBy: DriftAlertID? = nil
    ) {
        self.statuses = statuses
        self.tool = tool
        self.risks = risks
        self.inDoubt = inDoubt
        self.heldBy = heldBy
    }

    /// True when nothing is filtered.
    public var isEmpty: Bool { statuses == nil && tool == nil && risks == nil && inDoubt == nil && heldBy == nil && words.isEmpty }

    /// True when it narrows more than by status (the title can then not count from status totals).
    public var narrowsBeyondStatus: Bool { tool != nil || risks != nil || inDoubt != nil || heldBy != nil || !words.isEmpty }

    /// Parses filter text; throws `InvalidInput` naming the bad token.
    public static func parse(_ text: String) throws -> EnvelopeFilter {
        var filter = EnvelopeFilter()
        for token in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            guard let colon = token.firstIndex(of: ":") else {
                filter.words.append(token)
                continue
            }
            let key = token[..<colon].lowercased()
            let values = token[token.index(after: colon)...].split(separator: ",").map { $0.lowercased() }
            guard !values.isEmpty else { throw InvalidInput("filter '\(token)' has no value") }
            switch key {
            case "status", "s":
                var set = Set<EnvelopeStatus>()
                for value in values {
                    let normalized = value == "awaiting" || value == "approval" ? "awaiting_approval" : value
                    guard let status = EnvelopeStatus(rawValue: normalized) else {
                        throw InvalidInput("unknown status '\(value)' (pending, running, awaiting_approval, succeeded, dead, cancelled)")
                    }
                    set.insert(status)
                }
                filter.statuses = set
            case "tool", "t":
                filter.tool = values[0].uppercased()
            case "risk", "r":
                var set = Set<RiskTier>()
                for value in values {
                    guard let risk = RiskTier(rawValue: value) else {
                        throw InvalidInput("unknown risk '\(value)' (low, medium, high, critical)")
                    }
                    set.insert(risk)
                }
                filter.risks = set
            case "doubt", "indoubt", "in_doubt":
                switch values[0] {
                case "yes", "true", "1": filter.inDoubt = true
                case "no", "false", "0": filter.inDoubt = false
                default: throw InvalidInput("doubt takes yes or no, not '\(values[0])'")
                }
            case "held":
                guard let id = Int64(values[0]), id > 0 else { throw InvalidInput("held takes a drift alert id, not '\(values[0])'") }
                filter.heldBy = DriftAlertID(id)
            default:
                throw InvalidInput("unknown filter key '\(key)' (status, tool, risk, doubt, held)")
            }
        }
        return filter
    }

    /// The filter as text that `parse` reads back.
    public var text: String {
        var parts: [String] = []
        if let statuses { parts.append("status:" + statuses.map(\.rawValue).sorted().joined(separator: ",")) }
        if let tool { parts.append("tool:" + tool) }
        if let risks { parts.append("risk:" + risks.sorted().map(\.rawValue).joined(separator: ",")) }
        if let inDoubt { parts.append("doubt:" + (inDoubt ? "yes" : "no")) }
        if let heldBy { parts.append("held:\(heldBy.rawValue)") }
        parts += words
        return parts.joined(separator: " ")
    }

    /// This filter narrowed to what a view shows: the DLQ is dead or in-doubt envelopes.
    public func query(for view: ConsoleViewKind, order: ListOrder, after: EnvelopeID?, limit: Int) -> EnvelopeQuery {
        var statuses = self.statuses
        if view == .dlq {
            statuses = (statuses ?? [.dead]).intersection([.dead])
        }
        return EnvelopeQuery(
            statuses: statuses, toolSlug: tool.map(ToolSlug.init(rawValue:)), risks: risks, inDoubt: inDoubt, heldBy: heldBy, search: words, order: order,
            after: after, limit: limit)
    }
}
