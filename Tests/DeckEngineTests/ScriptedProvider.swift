import DeckCore
import Synchronization

/// A tool provider for worker tests: answers from a script, remembers every call, and
/// measures how many executions of each tenant overlapped.
final class ScriptedProvider: ToolProvider {
    struct Call: Sendable, Hashable {
        var envelopeID: EnvelopeID
        var attempt: Int
        var tenantID: TenantID
    }

    private struct State {
        var calls: [Call] = []
        var running: [TenantID: Int] = [:]
        var maxRunning: [TenantID: Int] = [:]
    }

    private let state = Mutex(State())
    private let latency: Duration
    private let gate: Gate?
    private let script: @Sendable (ToolExecution) -> Result<JSONValue, ProviderError>

    /// `gate`: every execution waits until it opens (instead of, or after, `latency`).
    init(
        latency: Duration = .zero, gate: Gate? = nil,
        script: @escaping @Sendable (ToolExecution) -> Result<JSONValue, ProviderError> = { _ in .success(["ok": true]) }
    ) {
        self.latency = latency
        self.gate = gate
        self.script = script
    }

    var calls: [Call] { state.withLock { $0.calls } }
    var maxConcurrentPerTenant: [TenantID: Int] { state.withLock { $0.maxRunning } }

    func execute(_ execution: ToolExecution) async throws(ProviderError) -> ToolExecutionResult {
        state.withLock { state in
            state.calls.append(Call(envelopeID: execution.envelopeID, attempt: execution.attempt, tenantID: execution.tenantID))
            state.running[execution.tenantID, default: 0] += 1
            state.maxRunning[execution.tenantID] = max(state.maxRunning[execution.tenantID] ?? 0, state.running[execution.tenantID]!)
        }
        if latency > .zero { try? await Task.sleep(for: latency) }
        if let gate { await gate.wait() }
        state.withLock { $0.running[execution.tenantID, default: 1] -= 1 }
        switch script(execution) {
        case .success(let data): return ToolExecutionResult(logID: "log_\(execution.envelopeID)_\(execution.attempt)", data: data)
        case .failure(let error): throw error
        }
    }

    func listTools(_ query: ToolListQuery) async throws(ProviderError) -> ProviderPage<ToolDefinition> {
        ProviderPage(items: [], nextCursor: nil)
    }

    func tool(_ slug: String, version: String?) async throws(ProviderError) -> ToolDefinition {
        throw ProviderError(.permanent, "no such tool", statusCode: 404)
    }

    func listToolkits(cursor: String?) async throws(ProviderError) -> ProviderPage<ToolkitInfo> {
        ProviderPage(items: [], nextCursor: nil)
    }

    func listToolkitCategories() async throws(ProviderError) -> [ToolkitInfo.Category] { [] }

    func listConnectedAccounts(userIDs: [String], cursor: String?) async throws(ProviderError) -> ProviderPage<ProviderAccount> {
        ProviderPage(items: [], nextCursor: nil)
    }
}

/// A latch executions wait on until the test opens it: an execution that lasts exactly as
/// long as the test needs, whatever the machine's load. Waiters poll every millisecond and
/// give up after `limit`, so a test that never opens it fails instead of hanging.
final class Gate: Sendable {
    private let isOpen = Mutex(false)
    private let limit: Duration

    init(limit: Duration = .seconds(60)) { self.limit = limit }

    func open() { isOpen.withLock { $0 = true } }

    func wait() async {
        let deadline = ContinuousClock.now + limit
        while !isOpen.withLock({ $0 }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}
