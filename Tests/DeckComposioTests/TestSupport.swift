import DeckComposio
import DeckCore
import Foundation
import Testing

// Shared fixtures of the simulator tests: executions, options and scratch directories.

enum Fixture {
    static let tenant = TenantID(rawValue: "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f")
    static let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_123)

    /// One execution of envelope `id` at `attempt`, with a key derived from the id.
    static func execution(
        _ id: Int64, attempt: Int = 1, slug: String = "GMAIL_SEND_EMAIL", version: String? = "20251027_00",
        key: String? = nil
    ) -> ToolExecution {
        ToolExecution(
            envelopeID: EnvelopeID(id), tenantID: tenant, toolSlug: slug, toolkit: "gmail", version: version,
            arguments: JSONObjectText(["recipient_email": "a@example.com", "body": "hi"]), connectedAccountID: "ca_1",
            userID: "user-1", idempotencyKey: key ?? "key-\(id)", attempt: attempt)
    }

    /// Options with these rates and no latency; failing the test setup loudly if invalid.
    static func options(
        seed: UInt64 = 7, failure: Double = 0, rateLimit: Double = 0, permanent: Double = 0, latency: Double = 0,
        spread: Double = SimulatorOptions.defaultLatencySpread, ledger: String? = nil
    ) throws -> SimulatorOptions {
        try SimulatorOptions(
            seed: seed, latencyMilliseconds: latency, latencySpread: spread, failureRate: failure,
            rateLimitRate: rateLimit, permanentRate: permanent, ledgerPath: ledger)
    }

    /// Runs `execute`, turning its typed error into a `Result` for comparisons.
    static func run(_ provider: SimulatedProvider, _ execution: ToolExecution) async
        -> Result<ToolExecutionResult, ProviderError>
    {
        do {
            return .success(try await provider.execute(execution))
        } catch {
            return .failure(error)
        }
    }
}

/// A fresh directory under the system's temporary directory, removed by `cleanUp`.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a file in the directory (not created).
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// The ledger's lines (without their newline); empty when the file does not exist.
func ledgerLines(_ path: String) throws -> [String] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    guard !text.isEmpty else { return [] }
    #expect(text.hasSuffix("\n"), "the ledger ends with a whole line")
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
}
