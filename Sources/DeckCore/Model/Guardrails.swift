/// A tenant's rules for what the worker may do on its own.
///
/// Evaluated at claim time: a toolkit outside `allowedToolkits` kills the envelope, quiet
/// hours defer it, and risk above `autonomy` waits for an operator's approval.
public struct Guardrails: Sendable, Hashable, Codable {
    /// No envelope runs inside this local-time window (the tenant's time zone); nil = never quiet.
    public var quietHours: QuietHours?
    /// Toolkits the agent may use; nil = every toolkit.
    public var allowedToolkits: [String]?
    /// How the agent should write for this tenant (free text, read by the agent).
    public var tone: String?
    /// The highest risk tier that runs without an operator's approval.
    public var autonomy: RiskTier

    /// The rules a new tenant starts with: never quiet, every toolkit, up to medium on its own.
    public static let `default` = Guardrails()

    public init(
        quietHours: QuietHours? = nil, allowedToolkits: [String]? = nil, tone: String? = nil,
        autonomy: RiskTier = .medium
    ) {
        self.quietHours = quietHours
        self.allowedToolkits = allowedToolkits.map { Array(Set($0)).sorted() }
        self.tone = tone
        self.autonomy = autonomy
    }

    /// True when `toolkit` is allowed.
    public func allows(toolkit: String) -> Bool {
        allowedToolkits.map { $0.contains(toolkit) } ?? true
    }

    /// True when an envelope of `risk` needs an operator's approval first.
    public func requiresApproval(_ risk: RiskTier) -> Bool { risk > autonomy }

    enum CodingKeys: String, CodingKey {
        case quietHours = "quiet_hours"
        case allowedToolkits = "allowed_toolkits"
        case tone
        case autonomy
    }
}
