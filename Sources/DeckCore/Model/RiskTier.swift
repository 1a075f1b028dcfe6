/// How much harm an action can do if it goes wrong; decides approval, retries and repeats.
public enum RiskTier: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Reads and harmless writes.
    case low
    /// Ordinary writes (send a message, create a record).
    case medium
    /// Writes that are hard to undo (delete, bulk change).
    case high
    /// Actions that must never run twice by accident (payments, mass mail).
    case critical

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: RiskTier, rhs: RiskTier) -> Bool { lhs.rank < rhs.rank }
    public var description: String { rawValue }

    /// Parses a tier name; the error lists the valid names.
    public static func parse(_ text: String) throws(InvalidInput) -> RiskTier {
        guard let tier = RiskTier(rawValue: text.lowercased()) else {
            throw InvalidInput("unknown risk tier '\(TerminalText.sanitize(text))' (expected one of: low, medium, high, critical)")
        }
        return tier
    }
}
