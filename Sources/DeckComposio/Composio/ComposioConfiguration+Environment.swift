import DeckCore
import Foundation

extension ComposioConfiguration {
    /// The variable holding the project API key.
    public static let apiKeyVariable = "COMPOSIO_API_KEY"
    /// The variable overriding the base URL (a proxy or a staging server).
    public static let baseURLVariable = "COMPOSIO_BASE_URL"

    /// A configuration from `COMPOSIO_API_KEY` and `COMPOSIO_BASE_URL` (the default server
    /// when unset or empty), with the other settings as given.
    ///
    /// Throws one line naming the variable when the key is missing or empty, or when the
    /// URL is not http(s); the message never repeats either value.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        requestTimeout: Duration = defaultRequestTimeout, connectTimeout: Duration = defaultConnectTimeout,
        pageSize: Int = defaultPageSize
    ) throws(InvalidInput) -> ComposioConfiguration {
        guard let key = environment[apiKeyVariable], !key.isEmpty else {
            throw InvalidInput("\(apiKeyVariable) is not set: export the Composio project API key")
        }
        _ = try checkedKey(key, name: apiKeyVariable)
        var baseURL = defaultBaseURL
        if let given = environment[baseURLVariable], !given.isEmpty {
            baseURL = try checkedBaseURL(given, name: baseURLVariable)
        }
        return try ComposioConfiguration(
            apiKey: key, baseURL: baseURL, requestTimeout: requestTimeout, connectTimeout: connectTimeout,
            pageSize: pageSize)
    }
}
