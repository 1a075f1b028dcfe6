import ArgumentParser
import DeckComposio
import DeckConfig
import DeckCore
import DeckStore
import Logging

/// The tool provider choice and the simulator's options, shared by every command that
/// talks to a provider.
struct ProviderOptions: ParsableArguments {
    @Option(help: "Tool provider: simulated (default), or composio (reads COMPOSIO_API_KEY and COMPOSIO_BASE_URL).")
    var provider: String?
    @Option(help: "Simulator seed: the same seed replays the same outcomes.") var simSeed: String?
    @Option(help: "Simulator median latency per execution, in milliseconds (0: none).") var simLatencyMs: String?
    @Option(help: "Simulator share of retryable failures (HTTP 5xx), 0 to 1.") var simFailureRate: String?
    @Option(name: .customLong("sim-429-rate"), help: "Simulator share of rate limits (HTTP 429 with Retry-After), 0 to 1.")
    var sim429Rate: String?
    @Option(help: "Simulator share of permanent errors (HTTP 4xx, app refusals), 0 to 1.") var simPermanentRate: String?
    @Option(help: ArgumentHelp("Append one line per performed execution to this file.", valueName: "path")) var simLedger: String?
    @Option(help: """
        Simulator world: none (the catalog, no connected accounts), or demo (every tenant's Composio user gets \
        accounts that activate and expire, and a scripted schema change at 30 s, timed from this process's start).
        """)
    var simScript = "none"

    /// The provider, checked before any work starts: a bad ledger path, a missing API key or
    /// an unknown script is refused with one line.
    /// `scriptStart` is when the script's clock started (default: now, this process's start).
    func makeProvider(store: any ControlPlaneStore, settings: Settings, scriptStart: Timestamp? = nil) async throws -> any ToolProvider {
        let provider = settings.string("provider.name", flag: provider)
        switch provider {
        case "simulated":
            let options = try SimulatorOptions.fromCommandLine(
                seed: settings.string("provider.sim.seed", flag: simSeed),
                latencyMilliseconds: settings.string("provider.sim.latency_ms", flag: simLatencyMs),
                failureRate: settings.string("provider.sim.failure_rate", flag: simFailureRate),
                rateLimitRate: settings.string("provider.sim.rate_limit_rate", flag: sim429Rate),
                permanentRate: settings.string("provider.sim.permanent_rate", flag: simPermanentRate), ledgerPath: simLedger)
            let script: SimulationScript?
            switch simScript {
            case "none": script = nil
            case "demo": script = SimulationScript.demo(userIDs: try await store.tenants(in: .allTenants).map(\.composioUserID))
            default:
                throw CLIError(.badInput, "unknown --sim-script '\(TerminalText.sanitize(simScript))' (expected none or demo)")
            }
            let simulator = SimulatedProvider(options: options, script: script, scriptStart: scriptStart)
            try simulator.openLedger()
            return simulator
        case "composio":
            if simSeed != nil || simLatencyMs != nil || simFailureRate != nil || sim429Rate != nil || simPermanentRate != nil
                || simLedger != nil || simScript != "none" {
                throw CLIError(.badInput, "--sim-… options apply to --provider simulated only")
            }
            return ComposioClient(configuration: try ComposioConfiguration.fromEnvironment())
        default:
            throw CLIError(.badInput, "unknown provider '\(TerminalText.sanitize(provider))' (expected simulated or composio)")
        }
    }

    /// The demo's simulator, for options not given: some latency, a few retryable failures,
    /// rate limits and permanent errors, and the demo script (accounts, schema changes).
    mutating func useDemoDefaults(settings: Settings) {
        func demo(_ key: String, _ flag: String?, _ value: String) -> String? {
            settings.isDefault(key, flag: flag) ? value : flag
        }
        simLatencyMs = demo("provider.sim.latency_ms", simLatencyMs, "120")
        simFailureRate = demo("provider.sim.failure_rate", simFailureRate, "0.08")
        sim429Rate = demo("provider.sim.rate_limit_rate", sim429Rate, "0.02")
        simPermanentRate = demo("provider.sim.permanent_rate", simPermanentRate, "0.03")
        if simScript == "none" { simScript = "demo" }
    }

    /// The provider's settings as log metadata, for the start-up lines of the long-running
    /// commands (which values reached the simulator, or which Composio endpoint is used).
    static func metadata(_ provider: any ToolProvider) -> Logger.Metadata {
        if let simulator = provider as? SimulatedProvider {
            let options = simulator.options
            return [
                "provider": "simulated", "sim_seed": "\(options.seed)", "sim_latency_ms": "\(options.latencyMilliseconds)",
                "sim_failure_rate": "\(options.failureRate)", "sim_429_rate": "\(options.rateLimitRate)",
                "sim_permanent_rate": "\(options.permanentRate)", "sim_script": "\(simulator.script == nil ? "none" : "demo")",
                "sim_ledger": "\(options.ledgerPath ?? "none")",
            ]
        }
        if let client = provider as? ComposioClient {
            return ["provider": "composio", "composio_base_url": "\(client.configuration.baseURL)"]
        }
        return ["provider": "\(type(of: provider))"]
    }

    /// Releases what the provider holds (the Composio client's HTTP connections).
    static func release(_ provider: any ToolProvider) async {
        if let client = provider as? ComposioClient { await client.shutdown() }
    }
}
