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
/// **Evolving world.** The catalog and accounts given at init are the *base world*; an
/// optional `SimulationScript` changes it over time (accounts activating or expiring, tool
/// versions and schemas changing). Every call sees `world(at: clock.now())`: the base world
/// with every event at or before now applied — a pure function of (base world, script,
/// now), so the same instant always shows the same world and moving a `ManualClock`
/// back shows the earlier world again. The computed world is cached by how many events
/// it applies, so calls between two events cost one binary search.
///
/// **Catalog on execute.** With a script, or with a non-empty catalog (the default
/// `standard` one), `execute` of a slug that is not in the current catalog fails at once,
/// before any latency or draw, with a permanent HTTP 404 (`tool <slug> not found`) and no
/// ledger line. Only a provider with an empty catalog and no script runs any slug, for
/// callers that exercise the worker without caring about tools. Deprecated tools still run.
///
/// **Data.** A read-only tool (tagged `readOnlyHint`, not `destructiveHint`) answers with
/// realistic data shaped like its output schema — a few messages, channels, contacts,
/// deals or issues — whose ids derive from (seed, user id, connected account, tool), so the
/// same account reads the same items in every run (warm scans store them as signals).
/// Other tools answer with an echo of the call (see `execute`).
///
/// Listings (tools, toolkits, accounts) never fail and never sleep; only `execute` draws
/// latency and failures.
public final class SimulatedProvider: ToolProvider {
    /// The options the simulator was made with.
    public let options: SimulatorOptions
    /// The pure draws behind every execution, for tests and benchmarks that predict a run.
    public let draws: SimulatorDraws
    /// How many toolkits or accounts one listing page holds.
    public let pageSize: Int

    /// The timeline that evolves the world, or nil for a world that only changes through
    /// `replaceCatalog` and `replaceAccounts`.
    public let script: SimulationScript?
    /// The instant the script's offsets count from.
    public let scriptStart: Timestamp

    let clock: any WallClock
    private let ledger: SimulatorLedger?
    private let state: Mutex<State>
    /// Per envelope that failed here: the attempts it failed in this generation, and the
    /// generation. An attempt number seen again (an operator retried the envelope from the
    /// DLQ, which resets attempts) starts a new generation, drawn afresh — else a retried
    /// envelope would replay the very failures that killed it. Forgotten on success.
    private let generations = Mutex<[EnvelopeID: (failed: Set<Int>, generation: Int)]>([:])

    /// The attempt number the draws use: the attempt itself in the first generation (so a
    /// seed's outcomes are as they always were, in any call order), offset by 1,000 per
    /// later generation.
    func drawnAttempt(_ execution: ToolExecution) -> Int {
        generations.withLock { known in
            guard var entry = known[execution.envelopeID] else { return execution.attempt }
            if entry.failed.contains(execution.attempt) {
                entry.generation += 1
                entry.failed = []
                known[execution.envelopeID] = entry
            }
            return execution.attempt + entry.generation * 1_000
        }
    }

    /// Remembers how an attempt ended, for `drawnAttempt`.
    private func noteOutcome(_ execution: ToolExecution, failed: Bool) {
        generations.withLock { known in
            if failed {
                known[execution.envelopeID, default: ([], 0)].failed.insert(execution.attempt)
            } else {
                known[execution.envelopeID] = nil
            }
        }
    }

    /// The base world and the world last computed from it, with its tools by slug.
    private struct State: Sendable {
        var base: SimulationScript.World
        var current: Snapshot
    }

    /// The world after the first `applied` events of the script, with a slug index.
    struct Snapshot: Sendable {
        var applied: Int
        var world: SimulationScript.World
        /// The current tools by uppercased slug, for `execute`'s catalog check.
        var tools: [String: ToolDefinition]

        init(applied: Int, world: SimulationScript.World) {
            self.applied = applied
            self.world = world
            tools = Dictionary(world.catalog.tools.map { ($0.slug.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// A simulator over `catalog` with these connected accounts, evolved by `script` from
    /// `scriptStart` (the clock's now when nil); `clock` also stamps ledger lines.
    ///
    /// Nothing is opened here: the ledger opens on the first performed action, or earlier
    /// through `openLedger()` so a bad path is reported at startup.
    public init(
        options: SimulatorOptions = .reliable(), catalog: SimulatedCatalog = .standard,
        accounts: [ProviderAccount] = [], script: SimulationScript? = nil, scriptStart: Timestamp? = nil,
        clock: any WallClock = SystemClock(), pageSize: Int = 20
    ) {
        self.options = options
        self.draws = SimulatorDraws(options: options)
        self.pageSize = min(max(pageSize, 1), ListingCursor.maximumLimit)
        self.clock = clock
        self.ledger = options.ledgerPath.map(SimulatorLedger.init(path:))
        self.script = script
        self.scriptStart = scriptStart ?? clock.now()
        let base = SimulationScript.World(catalog: catalog, accounts: accounts)
        self.state = Mutex(State(base: base, current: Snapshot(applied: 0, world: base)))
    }

    /// Opens (creating when missing) the ledger file now, so the CLI can refuse a bad
    /// `--sim-ledger` path with one line before any work starts. Does nothing without a ledger.
    public func openLedger() throws(InvalidInput) {
        try ledger?.open()
    }

    /// Runs a tool: waits the drawn latency, then performs the action or throws the drawn error.
    ///
    /// A cancelled task gets a retryable `cancelled` error and no action is performed. A
    /// slug missing from the current catalog is a permanent 404 at once (unless the catalog
    /// is empty and there is no script; see the type's notes). A read-only tool's data is
    /// realistic and deterministic per (seed, user id, connected account, tool); any other
    /// tool's data echoes the call: `tool`, `toolkit`, `version` (`"unpinned"` when nil),
    /// `envelope_id`, `attempt`, `id` (a deterministic `sim_…` id) and `simulated: true`.
    public func execute(_ execution: ToolExecution) async throws(ProviderError) -> ToolExecutionResult {
        if Task.isCancelled { throw Self.cancelled }
        let current = snapshot()
        let tool = current.tools[execution.toolSlug.uppercased()]
        if tool == nil, script != nil || !current.world.catalog.tools.isEmpty {
            throw ProviderError(.permanent, "tool \(execution.toolSlug) not found", statusCode: 404)
        }
        let attempt = drawnAttempt(execution)
        let latency = draws.latencyMilliseconds(envelopeID: execution.envelopeID, attempt: attempt)
        if latency > 0 {
            do {
                try await Task.sleep(for: .nanoseconds(Int64((latency * 1_000_000).rounded())))
            } catch {
                throw Self.cancelled
            }
        }
        if case .failure(let error) = draws.outcome(envelopeID: execution.envelopeID, attempt: attempt) {
            noteOutcome(execution, failed: true)
            throw error
        }
        noteOutcome(execution, failed: false)
        try ledger?.append(
            envelopeID: execution.envelopeID, idempotencyKey: execution.idempotencyKey, attempt: execution.attempt,
            at: clock.now())
        let logID = draws.logID(envelopeID: execution.envelopeID, attempt: attempt)
        if let tool, Self.isReadOnly(tool) {
            return ToolExecutionResult(
                logID: logID,
                data: SimulatedCatalog.sampleAnswer(
                    tool: tool, arguments: execution.arguments.value, seed: options.seed, userID: execution.userID,
                    connectedAccountID: execution.connectedAccountID))
        }
        return ToolExecutionResult(
            logID: logID,
            data: .object([
                "tool": .string(execution.toolSlug),
                "toolkit": .string(execution.toolkit),
                "version": .string(execution.version ?? "unpinned"),
                "envelope_id": .integer(execution.envelopeID.rawValue),
                "attempt": .integer(Int64(execution.attempt)),
                "id": .string(draws.resultID(envelopeID: execution.envelopeID, attempt: attempt)),
                "simulated": .bool(true),
            ]))
    }

    /// The error of a call whose task was cancelled before the action happened.
    static let cancelled = ProviderError(.retryable, "cancelled")

    /// Whether a tool only reads: tagged `readOnlyHint` and not `destructiveHint`.
    static func isReadOnly(_ tool: ToolDefinition) -> Bool {
        let tags = Set(tool.tags.map { $0.lowercased() })
        return tags.contains("readonlyhint") && !tags.contains("destructivehint")
    }

    // MARK: - World

    /// The world as of `instant`: the base world with every script event at or before it applied.
    public func world(at instant: Timestamp) -> SimulationScript.World {
        snapshot(at: instant).world
    }

    /// The catalog the simulator lists now (the script applied up to the clock's now).
    public var catalog: SimulatedCatalog {
        snapshot().world.catalog
    }

    /// The connected accounts the simulator reports now (the script applied up to now).
    public var accounts: [ProviderAccount] {
        snapshot().world.accounts
    }

    /// The world before any script event: what `replaceCatalog` and `replaceAccounts` set.
    public var baseWorld: SimulationScript.World {
        state.withLock { $0.base }
    }

    /// Swaps the base catalog (a schema change, a version bump, a removed tool) for drift
    /// scenarios; the script's events still apply on top of it.
    public func replaceCatalog(_ catalog: SimulatedCatalog) {
        state.withLock { state in
            state.base.catalog = catalog
            state.current = Snapshot(applied: 0, world: state.base)
        }
    }

    /// Swaps the base connected accounts (an account becoming ACTIVE or REVOKED); the
    /// script's events still apply on top of them.
    public func replaceAccounts(_ accounts: [ProviderAccount]) {
        state.withLock { state in
            state.base.accounts = accounts
            state.current = Snapshot(applied: 0, world: state.base)
        }
    }

    /// The world as of the clock's now.
    func snapshot() -> Snapshot {
        snapshot(at: clock.now())
    }

    /// The world as of `instant`, from the cache when it applies the same events; moving
    /// forward applies only the new events, moving back recomputes from the base world.
    func snapshot(at instant: Timestamp) -> Snapshot {
        guard let script else { return state.withLock { $0.current } }
        let count = script.appliedCount(start: scriptStart, now: instant)
        return state.withLock { state in
            if state.current.applied != count {
                let forward = state.current.applied < count
                var world = forward ? state.current.world : state.base
                for event in script.events[(forward ? state.current.applied : 0)..<count] {
                    event.change.apply(to: &world)
                }
                state.current = Snapshot(applied: count, world: world)
            }
            return state.current
        }
    }
}
