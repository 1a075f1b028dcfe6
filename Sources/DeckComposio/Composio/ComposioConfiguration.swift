import DeckCore
import Foundation

/// Where and how `ComposioClient` talks to Composio: base URL, API key, timeouts, page size.
///
/// Every value is checked once, here, so the client never meets a key that cannot be a
/// header value or a URL it cannot reach. The API key is a `ComposioAPIKey`: `description`,
/// `debugDescription` and `dump` of a configuration show `<redacted>` in its place, so a
/// configuration can be printed at startup without leaking it.
public struct ComposioConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Composio's production server.
    public static let defaultBaseURL = "https://backend.composio.dev"
    /// The API version path every endpoint lives under (`/api/v3/` is still served; v3.1 is current).
    public static let apiPathPrefix = "/api/v3.1"
    /// How long one request may wait for the response head before it fails as retryable.
    public static let defaultRequestTimeout: Duration = .seconds(30)
    /// How long opening a connection may take.
    public static let defaultConnectTimeout: Duration = .seconds(10)
    /// Items asked for per listing page when the caller does not say.
    public static let defaultPageSize = 100
    /// The largest page Composio serves.
    public static let maximumPageSize = 1000
    /// The most pages `allTools` follows before deciding the server is looping.
    public static let defaultMaximumPages = 1000
    /// The largest response body read (larger ones fail as permanent).
    public static let defaultMaximumResponseBytes = 32 * 1024 * 1024

    /// Scheme, host, port and optional path of the server, without a trailing slash
    /// (`https://backend.composio.dev`); endpoints go under `apiPathPrefix` below it.
    public let baseURL: String
    /// The project API key, sent as `x-api-key` and printed nowhere.
    public let apiKey: ComposioAPIKey
    /// Deadline for each request's response head; the same value bounds idle reads of the body.
    public let requestTimeout: Duration
    /// Deadline for opening a connection.
    public let connectTimeout: Duration
    /// `limit` of toolkit and connected-account pages (the port's listings take no limit).
    public let pageSize: Int
    /// The most pages `allTools` follows before failing rather than loop forever.
    public let maximumPages: Int
    /// The largest response body accepted.
    public let maximumResponseBytes: Int

    /// A checked configuration; throws one line naming the first bad value.
    ///
    /// `apiKey` must be non-empty and free of whitespace and control characters (it is a
    /// header value); `baseURL` must be an `http` or `https` URL with a host and no user
    /// info, query or fragment; timeouts must be positive; `pageSize` within 1...1000.
    public init(
        apiKey: String, baseURL: String = defaultBaseURL, requestTimeout: Duration = defaultRequestTimeout,
        connectTimeout: Duration = defaultConnectTimeout, pageSize: Int = defaultPageSize,
        maximumPages: Int = defaultMaximumPages, maximumResponseBytes: Int = defaultMaximumResponseBytes
    ) throws(InvalidInput) {
        self.apiKey = try Self.checkedKey(apiKey, name: "the Composio API key")
        self.baseURL = try Self.checkedBaseURL(baseURL, name: "the Composio base URL")
        guard requestTimeout > .zero else { throw InvalidInput("the Composio request timeout must be positive") }
        guard connectTimeout > .zero else { throw InvalidInput("the Composio connect timeout must be positive") }
        guard (1...Self.maximumPageSize).contains(pageSize) else {
            throw InvalidInput("the Composio page size must be between 1 and \(Self.maximumPageSize), got \(pageSize)")
        }
        guard maximumPages >= 1 else { throw InvalidInput("the Composio page cap must be at least 1, got \(maximumPages)") }
        guard maximumResponseBytes >= 1024 else {
            throw InvalidInput("the Composio response size limit must be at least 1024 bytes, got \(maximumResponseBytes)")
        }
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.pageSize = pageSize
        self.maximumPages = maximumPages
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// One line with every setting and the key as `<redacted>`.
    public var description: String {
        "ComposioConfiguration(baseURL: \(baseURL)\(Self.apiPathPrefix), apiKey: \(apiKey), "
            + "requestTimeout: \(Self.seconds(requestTimeout)) s, connectTimeout: \(Self.seconds(connectTimeout)) s, "
            + "pageSize: \(pageSize), maximumPages: \(maximumPages))"
    }

    /// The same as `description`: the key stays redacted in debug output too.
    public var debugDescription: String { description }

    /// Reflection that shows the key as `<redacted>` (for `dump`).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "baseURL": baseURL, "apiKey": ComposioAPIKey.redacted, "requestTimeout": requestTimeout,
                "connectTimeout": connectTimeout, "pageSize": pageSize, "maximumPages": maximumPages,
                "maximumResponseBytes": maximumResponseBytes,
            ], displayStyle: .struct)
    }

    // MARK: - Checks

    /// The key, or a one-line refusal naming `name` (never the key's text).
    static func checkedKey(_ text: String, name: String) throws(InvalidInput) -> ComposioAPIKey {
        guard !text.isEmpty else { throw InvalidInput("\(name) is empty") }
        let usable = text.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F
        }
        guard usable else { throw InvalidInput("\(name) must be printable ASCII without spaces") }
        return ComposioAPIKey(text)
    }

    /// The base URL without a trailing slash, or a one-line refusal naming `name`.
    ///
    /// The refusal does not repeat the value: a URL pasted in the wrong variable may carry
    /// a secret.
    static func checkedBaseURL(_ text: String, name: String) throws(InvalidInput) -> String {
        let refusal = InvalidInput("\(name) must be an http(s) URL with a host, like \(defaultBaseURL)")
        guard let parts = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = parts.host, !host.isEmpty
        else { throw refusal }
        guard parts.user == nil, parts.password == nil else {
            throw InvalidInput("\(name) must not carry a user name or password")
        }
        guard parts.query == nil, parts.fragment == nil else {
            throw InvalidInput("\(name) must not have a query or fragment")
        }
        var path = parts.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        let hostText = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let port = parts.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(hostText)\(port)\(path)"
    }

    /// A duration as decimal seconds (`30`, `0.5`).
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
