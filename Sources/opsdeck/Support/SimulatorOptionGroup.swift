import ArgumentParser
import DeckComposio
import DeckCore

/// The tool provider choice and the simulator's options, shared by every command that
/// talks to a provider.
struct ProviderOptions: ParsableArguments {
    @Option(help: "Tool provider: simulated (composio arrives with the Composio client).") var provider = "simulated"
    @Option(help: "Simulator seed: the same seed replays the same outcomes.") var simSeed: String?
    @Option(help: "Simulator median latency per execution, in milliseconds (0: none).") var simLatencyMs: String?
    @Option(help: "Simulator share of retryable failures (HTTP 5xx), 0 to 1.") var simFailureRate: String?
    @Option(name: .customLong("sim-429-rate"), help: "Simulator share of rate limits (HTTP 429 with Retry-After), 0 to 1.")
    var sim429Rate: String?
    @Option(help: "Simulator share of permanent errors (HTTP 4xx, app refusals), 0 to 1.") var simPermanentRate: String?
    @Option(help: ArgumentHelp("Append one line per performed execution to this file.", valueName: "path")) var simLedger: String?

    /// The provider, its ledger opened so a bad path is refused before any work starts.
    func makeProvider() throws -> any ToolProvider {
        guard provider == "simulated" else {
            throw CLIError(.badInput, "unknown provider '\(TerminalText.sanitize(provider))' (available: simulated)")
        }
        let options = try SimulatorOptions.fromCommandLine(
            seed: simSeed, latencyMilliseconds: simLatencyMs, failureRate: simFailureRate, rateLimitRate: sim429Rate,
            permanentRate: simPermanentRate, ledgerPath: simLedger)
        let simulator = SimulatedProvider(options: options)
        try simulator.openLedger()
        return simulator
    }
}
