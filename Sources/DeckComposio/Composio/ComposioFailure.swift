import DeckCore
import Foundation
import NIOCore
import NIOPosix
import AsyncHTTPClient

/// Turns what went wrong in a Composio call into a classified `ProviderError`.
///
/// **Statuses.** 408 and 409 are retryable, 429 is rate-limited (with `Retry-After` or
/// `retry-after-ms`), any other 4xx is permanent, 5xx is retryable; anything else that is
/// not 2xx (a 3xx: redirects are not followed, so the key never goes to another host) is
/// permanent. **Transport.** Timeouts, refused or reset connections and other network
/// failures are retryable. **Messages** come from the body — `error.message`, `error.slug`
/// and `error.request_id` of Composio's error shape, or `message` of its 429 shape — made
/// one line: the API key redacted, control characters escaped (`TerminalText.sanitize`),
/// cut to `maximumMessageLength`. They never hold the request's URL or query, only
/// `METHOD /path` where that helps.
enum ComposioFailure {
    /// The longest message kept from a response, in characters.
    static let maximumMessageLength = 300

    /// The error of a non-2xx response.
    static func http(
        status: Int, body: [UInt8], retryAfter: String?, retryAfterMilliseconds: String?, now: Timestamp,
        key: ComposioAPIKey
    ) -> ProviderError {
        let wait = ComposioRetryAfter.seconds(retryAfter: retryAfter, retryAfterMilliseconds: retryAfterMilliseconds, now: now)
        let kind = kind(status: status)
        var text = message(body: body, key: key)
        if (300..<400).contains(status) {
            text = "Composio redirected the request, and redirects are not followed" + (text.map { ": \($0)" } ?? "")
        }
        return ProviderError(
            kind, text ?? "Composio answered without an error message",
            retryAfter: kind == .permanent ? nil : wait, statusCode: status)
    }

    /// How the worker must treat an HTTP status.
    static func kind(status: Int) -> ProviderError.Kind {
        switch status {
        case 408, 409: return .retryable
        case 429: return .rateLimited
        case 400..<500: return .permanent
        case 500..<600: return .retryable
        default: return .permanent
        }
    }

    /// The body's error text, one line, or nil when the body says nothing usable (an HTML
    /// page from a proxy is not repeated).
    static func message(body: [UInt8], key: ComposioAPIKey) -> String? {
        guard let json = try? JSONValue(parsing: body), case .object(let members) = json else { return nil }
        var parts: [String] = []
        if case .object(let error)? = members["error"] {
            let text = error["message"]?.stringValue.flatMap(nonEmpty)
            let slug = error["slug"]?.stringValue.flatMap(nonEmpty)
            if let text { parts.append(text) }
            if let slug { parts.append(text == nil ? slug : "(\(slug))") }
            if let request = error["request_id"]?.stringValue.flatMap(nonEmpty) { parts.append("[request \(request)]") }
        } else if case .string(let text)? = members["error"], let text = nonEmpty(text) {
            parts.append(text)
        }
        if parts.isEmpty, let text = members["message"]?.stringValue.flatMap(nonEmpty) {
            parts.append(text)
        }
        guard !parts.isEmpty else { return nil }
        return oneLine(parts.joined(separator: " "), key: key)
    }

    /// `text` safe for a one-line message: the key redacted first (so a cut never leaves
    /// part of it), control characters escaped, whitespace runs collapsed, and cut to
    /// `maximumMessageLength` characters with `…`.
    static func oneLine(_ text: String, key: ComposioAPIKey) -> String {
        let safe = TerminalText.sanitize(key.redact(text))
        let words = safe.split(whereSeparator: { $0 == " " }).joined(separator: " ")
        guard words.count > maximumMessageLength else { return words }
        return String(words.prefix(maximumMessageLength - 1)) + "…"
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
    }

    // MARK: - Transport

    /// The error of a call that got no complete response. `request` is `METHOD /path`
    /// (no query), `timeout` the configured request timeout.
    static func transport(_ error: any Error, request: String, timeout: Duration, maximumBytes: Int) -> ProviderError {
        let waited = ComposioConfiguration.seconds(timeout)
        if error is CancellationError { return ProviderError(.retryable, "cancelled") }
        if error is NIOTooManyBytesError {
            return ProviderError(.permanent, "Composio sent more than \(maximumBytes) bytes for \(request)")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout,
                .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
                return ProviderError(.retryable, "Composio did not answer \(request) within \(waited) s")
            case .remoteConnectionClosed:
                return ProviderError(.retryable, "Composio closed the connection during \(request)")
            case .cancelled:
                return ProviderError(.retryable, "cancelled")
            case .alreadyShutdown:
                return ProviderError(.retryable, "the Composio client is shut down")
            default:
                return ProviderError(.retryable, "\(request) failed: \(TerminalText.sanitize(String(describing: error)))")
            }
        }
        if let error = error as? ChannelError {
            if case .connectTimeout = error {
                return ProviderError(.retryable, "could not connect to Composio within the connect timeout")
            }
            return ProviderError(.retryable, "\(request) failed: connection error (\(error))")
        }
        if let error = error as? NIOConnectionError {
            let reasons = error.connectionErrors.map { socketReason($0.error) }
            let reason = reasons.first ?? error.dnsAError.map { _ in "cannot resolve the host" } ?? "no address to connect to"
            return ProviderError(.retryable, "could not connect to Composio: \(reason)")
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH:
                return ProviderError(.retryable, "could not connect to Composio: \(socketReason(error))")
            default:
                return ProviderError(.retryable, "\(request) failed: \(socketReason(error))")
            }
        }
        return ProviderError(.retryable, "\(request) failed: \(String(describing: type(of: error)))")
    }

    /// A short reason for a socket-level error: refused, reset, unreachable, timed out.
    static func socketReason(_ error: any Error) -> String {
        guard let error = error as? IOError else {
            if let channel = error as? ChannelError, case .connectTimeout = channel { return "connect timed out" }
            return String(describing: type(of: error))
        }
        switch error.errnoCode {
        case ECONNREFUSED: return "connection refused"
        case ECONNRESET: return "connection reset"
        case EPIPE: return "connection closed"
        case ETIMEDOUT: return "connection timed out"
        case EHOSTUNREACH, ENETUNREACH: return "host unreachable"
        default: return "socket error \(error.errnoCode)"
        }
    }
}
