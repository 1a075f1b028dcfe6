/// A tool provider's failure, classified the way the worker acts on it.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the worker should do about it.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Transient (HTTP 5xx, 408, 409, timeouts, connection errors): retry with backoff.
        case retryable
        /// HTTP 429: retry no sooner than `retryAfter`.
        case rateLimited = "rate_limited"
        /// Will fail again (HTTP 4xx, the app refused the call): no retry, dead at once.
        case permanent
    }

    public var kind: Kind
    /// One line, without secrets.
    public var message: String
    /// Seconds to wait before the next attempt, when the provider said (`Retry-After`).
    public var retryAfter: Double?
    /// The HTTP status, when there was one.
    public var statusCode: Int?

    public init(_ kind: Kind, _ message: String, retryAfter: Double? = nil, statusCode: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
        self.statusCode = statusCode
    }

    /// True when another attempt may succeed.
    public var isRetryable: Bool { kind != .permanent }

    public var description: String {
        var text = statusCode.map { "HTTP \($0): " } ?? ""
        text += message
        if let retryAfter { text += " (retry after \(retryAfter) s)" }
        return text
    }
}
