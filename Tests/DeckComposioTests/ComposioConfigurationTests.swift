import DeckComposio
import DeckCore
import Testing

@Suite("ComposioConfiguration")
struct ComposioConfigurationTests {
    static let key = "ck_live_7Hq2SECRETkey9Zx"

    @Test("the environment's key alone gives the production defaults")
    func defaults() throws {
        let configuration = try ComposioConfiguration.fromEnvironment(["COMPOSIO_API_KEY": Self.key, "HOME": "/root"])
        #expect(configuration.baseURL == "https://backend.composio.dev")
        #expect(configuration.requestTimeout == .seconds(30))
        #expect(configuration.connectTimeout == .seconds(10))
        #expect(configuration.pageSize == 100)
        #expect(configuration.maximumPages == 1000)
        #expect(ComposioConfiguration.apiPathPrefix == "/api/v3.1")
    }

    @Test("COMPOSIO_BASE_URL overrides the server; trailing slashes go, a path prefix stays", arguments: [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("https://proxy.internal/composio/", "https://proxy.internal/composio"),
        ("HTTPS://backend.composio.dev/", "https://backend.composio.dev"),
        ("", "https://backend.composio.dev"),
    ])
    func baseURL(given: String, expected: String) throws {
        let configuration = try ComposioConfiguration.fromEnvironment(
            ["COMPOSIO_API_KEY": Self.key, "COMPOSIO_BASE_URL": given], requestTimeout: .milliseconds(500), pageSize: 7)
        #expect(configuration.baseURL == expected)
        #expect(configuration.requestTimeout == .milliseconds(500))
        #expect(configuration.pageSize == 7)
    }

    @Test("a missing or unusable key is refused with one line naming the variable", arguments: [
        ([String: String](), "COMPOSIO_API_KEY is not set: export the Composio project API key"),
        (["COMPOSIO_API_KEY": ""], "COMPOSIO_API_KEY is not set: export the Composio project API key"),
        (["COMPOSIO_API_KEY": "ck live key"], "COMPOSIO_API_KEY must be printable ASCII without spaces"),
        (["COMPOSIO_API_KEY": "ck_live\n"], "COMPOSIO_API_KEY must be printable ASCII without spaces"),
    ])
    func badKey(environment: [String: String], message: String) {
        #expect(throws: InvalidInput(message)) { try ComposioConfiguration.fromEnvironment(environment) }
    }

    @Test("a base URL that is not http(s) is refused without repeating it", arguments: [
        ("ftp://backend.composio.dev", "COMPOSIO_BASE_URL must be an http(s) URL with a host, like https://backend.composio.dev"),
        ("backend.composio.dev", "COMPOSIO_BASE_URL must be an http(s) URL with a host, like https://backend.composio.dev"),
        ("https://", "COMPOSIO_BASE_URL must be an http(s) URL with a host, like https://backend.composio.dev"),
        ("not a url at all", "COMPOSIO_BASE_URL must be an http(s) URL with a host, like https://backend.composio.dev"),
        ("https://me:hunter2@backend.composio.dev", "COMPOSIO_BASE_URL must not carry a user name or password"),
        ("https://backend.composio.dev/?api_key=x", "COMPOSIO_BASE_URL must not have a query or fragment"),
    ])
    func badURL(url: String, message: String) {
        let error = #expect(throws: InvalidInput.self) {
            try ComposioConfiguration.fromEnvironment(["COMPOSIO_API_KEY": Self.key, "COMPOSIO_BASE_URL": url])
        }
        #expect(error?.message == message)
        #expect(error?.message.contains(Self.key) == false)
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test("out-of-range settings are refused", arguments: [
        (Duration.zero, 100, "the Composio request timeout must be positive"),
        (.seconds(1), 0, "the Composio page size must be between 1 and 1000, got 0"),
        (.seconds(1), 1001, "the Composio page size must be between 1 and 1000, got 1001"),
    ])
    func badSettings(timeout: Duration, pageSize: Int, message: String) {
        #expect(throws: InvalidInput(message)) {
            try ComposioConfiguration(apiKey: Self.key, requestTimeout: timeout, pageSize: pageSize)
        }
    }

    @Test("the key never shows in description, debugDescription, interpolation or dump")
    func redaction() throws {
        let configuration = try ComposioConfiguration(
            apiKey: Self.key, baseURL: "http://127.0.0.1:9", requestTimeout: .milliseconds(500))
        #expect(
            configuration.description
                == "ComposioConfiguration(baseURL: http://127.0.0.1:9/api/v3.1, apiKey: <redacted>, requestTimeout: 0.5 s, "
                + "connectTimeout: 10 s, pageSize: 100, maximumPages: 1000)")
        var dumped = ""
        dump(configuration, to: &dumped)
        var dumpedKey = ""
        dump(configuration.apiKey, to: &dumpedKey)
        let texts = [
            configuration.description, configuration.debugDescription, "\(configuration)",
            String(reflecting: configuration), dumped, "\(configuration.apiKey)", String(reflecting: configuration.apiKey),
            dumpedKey, "\([configuration])",
        ]
        for text in texts {
            #expect(!text.contains(Self.key), "\(text)")
            #expect(!text.contains("SECRET"), "\(text)")
            #expect(text.contains("<redacted>"), "\(text)")
        }
    }
}
