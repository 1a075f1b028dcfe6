/// Why a store operation failed, worded for the one line an operator sees.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No such row in the caller's scope (another tenant's row is reported the same way).
    case notFound(String)
    /// The write would break a uniqueness rule (e.g. a tenant name already taken).
    case conflict(String)
    /// An envelope transition the lifecycle refuses.
    case transition(EnvelopeID, EnvelopeTransitionError)
    /// The input breaks a domain rule.
    case invalid(InvalidInput)
    /// The database's schema is not one this build can use (newer, foreign, or not migrated).
    case schema(String)
    /// The database cannot be used (missing, unreadable, not SQLite, locked too long).
    case unavailable(String)

    public var description: String {
        switch self {
        case .notFound(let what): "\(what) not found"
        case .conflict(let message): message
        case .transition(let id, let error): "envelope \(id): \(error)"
        case .invalid(let error): error.message
        case .schema(let message): message
        case .unavailable(let message): message
        }
    }
}
