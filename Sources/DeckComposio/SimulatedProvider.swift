import DeckCore
import Synchronization

/// A deterministic stand-in for Composio: the tool provider of tests, demos and benchmarks.
///
/// **Determinism.** Whether an execution succeeds, which error it throws, its latency and
/// its `log_id` depend only on (seed, envelope id, attempt) — see `SimulatorDraws`. Call
/// order, concurrency and the process making the call play no part, so two runs with the
/// same seed see the same outcomes even with many workers executing at once.
///
/// **Ledger.** With a ledger path, every action the simulated external system *performs*
/// appends one line `<envelope id>\t<idempotency key>\t<attempt>\t<ISO-8601 time>\n`, written
/// with a single `write(2)` that has completed before `execute` returns. Only successful
/// executions are performed actions: a drawn failure (5xx, 429, 4xx, app-level
/// `successful: false`) is an answer given *without* doing anything, so it leaves no line.
/// A cancelled call leaves no line either. The simulator does not deduplicate on the
/// idempotency key — a second success for the same envelope is a second line — so
/// counting lines per envelope id detects double execution. A ledger that cannot be
/// opened fails executions as `.permanent` (a configuration error; `openLedger()` reports
/// it at startup); a failed write is `.retryable` and the action counts as not performed.
///
/// Listings (tools, toolkits, accounts) never fail and never sleep; only `execute` draws
/// latency and failures. `execute` does not consult the catalog: any tool slug runs.
public final class SimulatedProvider: ToolProvider {
    /// The options the simulator was made with.
    public let options: SimulatorOptions
    /// The pure draws behind every execution, for tests and benchmarks that predict a run.
    public let draws: SimulatorDraws
    /// How many toolkits or accounts one listing page holds.
    public let pageSize: Int

    let clock: any WallClock
    private let ledger: SimulatorLedger?
    private let world: Mutex<World>

    /// What the simulated system knows besides its options; replaceable while running.
    struct World: Sendable {
        var catalog: SimulatedCatalog
        var accounts: [ProviderAccount]
    }

    /// A simulator over `catalog` with these connected accounts; `clock` stamps ledger lines.
    ///
    /// Nothing is opened here: the ledger opens on the first performed action, or earlier
    /// through `openLedger()` so a bad path is reported at startup.
    public init(
        options: SimulatorOptions = .reliable(), catalog: SimulatedCatalog = .standard,
        accounts: [ProviderAccount] = [], clock: any WallClock = SystemClock(), pageSize: Int = 20
    ) {
        self.options = options
        self.draws = SimulatorDraws(options: options)
        self.pageSize = min(max(pageSize, 1), ListingCursor.maximumLimit)
        self.clock = clock
        self.ledger = options.ledgerPath.map(SimulatorLedger.init(path:))
        self.world = Mutex(World(catalog: catalog, accounts: accounts))
    }

    /// Opens (creating when missing) the ledger file now, so the CLI can refuse a bad
    /// `--sim-ledger` path with one line before any work starts. Does nothing without a ledger.
    public func openLedger() throws(InvalidInput) {
        try ledger?.open()
    }

    /// Runs a tool: waits the drawn latency, then performs the action or throws the drawn error.
    ///
    /// A cancelled task gets a retryable `cancelled` error and no action is performed.
    /// Success data echoes the call: `tool`, `toolkit`, `version` (`"unpinned"` when nil),
    /// `envelope_id`, `attempt`, `id` (a deterministic `sim_…` id) and `simulated: true`.
    public func execute(_ execution: ToolExecution) async throws(ProviderError) -> ToolExecutionResult {
        if Task.isCancelled { throw Self.cancelled }
        let latency = draws.latencyMilliseconds(envelopeID: execution.envelopeID, attempt: execution.attempt)
        if latency > 0 {
            do {
                try await Task.sleep(for: .nanoseconds(Int64((latency * 1_000_000).rounded())))
            } catch {
                throw Self.cancelled
            }
        }
        if case .failure(let error) = draws.outcome(envelopeID: execution.envelopeID, attempt: execution.attempt) {
            throw error
        }
        try ledger?.append(
            envelopeID: execution.envelopeID, idempotencyKey: execution.idempotencyKey, attempt: execution.attempt,
            at: clock.now())
        return ToolExecutionResult(
            logID: draws.logID(envelopeID: execution.envelopeID, attempt: execution.attempt),
            data: .object([
                "tool": .string(execution.toolSlug),
                "toolkit": .string(execution.toolkit),
                "version": .string(execution.version ?? "unpinned"),
                "envelope_id": .integer(execution.envelopeID.rawValue),
                "attempt": .integer(Int64(execution.attempt)),
                "id": .string(draws.resultID(envelopeID: execution.envelopeID, attempt: execution.attempt)),
                "simulated": .bool(true),
            ]))
    }

    /// The error of a call whose task was cancelled before the action happened.
    static let cancelled = ProviderError(.retryable, "cancelled")

    // MARK: - World

    /// The catalog the simulator currently lists.
    public var catalog: SimulatedCatalog {
        world.withLock { $0.catalog }
    }

    /// Swaps the catalog (a schema change, a version bump, a removed tool) for drift scenarios.
    public func replaceCatalog(_ catalog: SimulatedCatalog) {
        world.withLock { $0.catalog = catalog }
    }

    /// Swaps the connected accounts (an account becoming ACTIVE or REVOKED).
    public func replaceAccounts(_ accounts: [ProviderAccount]) {
        world.withLock { $0.accounts = accounts }
    }

    func snapshot() -> World {
        world.withLock { $0 }
    }
}
