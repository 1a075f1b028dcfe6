/// Where an envelope is in its lifecycle; the raw values are the stored names.
public enum EnvelopeStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Held until an operator approves it (risk above the tenant's autonomy threshold).
    case awaitingApproval = "awaiting_approval"
    /// Waiting for a worker once `run_at` has passed.
    case pending
    /// Claimed by a worker under a lease.
    case running
    /// Executed; `external_id` and `result` are set.
    case succeeded
    /// In the dead-letter queue: out of attempts, permanent error, guardrail, or in doubt.
    case dead
    /// Discarded by an operator.
    case cancelled

    public var description: String { rawValue }

    /// No transition leaves this status (`dead` is not final: operators may retry it).
    public var isFinal: Bool { self == .succeeded || self == .cancelled }

    /// Parses a stored or typed status name; the error lists the valid names.
    public static func parse(_ text: String) throws(InvalidInput) -> EnvelopeStatus {
        guard let status = EnvelopeStatus(rawValue: text.lowercased()) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw InvalidInput("unknown status '\(TerminalText.sanitize(text))' (expected one of: \(names))")
        }
        return status
    }
}
