import DeckComposio
import DeckCore
import Foundation
import OpsDeckTestSupport

/// Runs a test against a fresh `ComposioStub` and a `ComposioClient` pointed at it, and
/// always stops both, whether the test body returns or throws.
enum ComposioHarness {
    /// The instant `ManualClock`s of the 429 tests start at: 2026-01-01T00:00:00Z, a Thursday.
    static let newYear = Timestamp(millisecondsSinceEpoch: 1_767_225_600_000)

    ///
    /// The test's side runs on threads of its own (`DedicatedExecutor`), like the stub: suites
    /// that wait for child processes can hold the whole cooperative pool for seconds, and the
    /// client's response body is read by the awaiting task, so a starved test would see its
    /// own request time out.
    static func run<T>(
        key: String = ComposioStub.apiKey, timeout: Duration = .seconds(30), pageSize: Int = 2, maximumPages: Int = 50,
        clock: any WallClock = SystemClock(), _ body: (ComposioStub, ComposioClient) async throws -> T
    ) async throws -> T {
        try await withTaskExecutorPreference(DedicatedExecutor()) {
            try await onOwnThreads(key: key, timeout: timeout, pageSize: pageSize, maximumPages: maximumPages, clock: clock, body)
        }
    }

    private static func onOwnThreads<T>(
        key: String, timeout: Duration, pageSize: Int, maximumPages: Int, clock: any WallClock,
        _ body: (ComposioStub, ComposioClient) async throws -> T
    ) async throws -> T {
        let stub = try await ComposioStub.start()
        let client: ComposioClient
        do {
            let configuration = try await stub.configuration(
                key: key, timeout: timeout, pageSize: pageSize, maximumPages: maximumPages)
            client = ComposioClient(configuration: configuration, clock: clock)
        } catch {
            await stub.stop()
            throw error
        }
        do {
            let result = try await body(stub, client)
            await client.shutdown()
            await stub.stop()
            return result
        } catch {
            await client.shutdown()
            await stub.stop()
            throw error
        }
    }

    /// The `ProviderError` `body` throws, or nil when it returns.
    static func failure<T>(_ body: () async throws(ProviderError) -> T) async -> ProviderError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }

    /// An execution of `slug` with the arguments the execute tests send.
    static func execution(
        slug: String = "GMAIL_SEND_EMAIL", version: String? = "20251027_00", account: ConnectedAccountID? = "ca_active",
        arguments: String = #"{"recipient_email": "a@example.com", "subject": "Hi", "cc": [], "priority": 2}"#
    ) throws -> ToolExecution {
        ToolExecution(
            envelopeID: 42, tenantID: TenantID(rawValue: "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"), toolSlug: slug,
            toolkit: "gmail", version: version, arguments: try JSONObjectText(validating: arguments),
            connectedAccountID: account, userID: "user-1", idempotencyKey: "key-42", attempt: 1)
    }
}
