import DeckComposio
import DeckCore
import Testing

@Suite("SimulatorOptions")
struct SimulatorOptionsTests {
    @Test("reliable options never fail, never wait and keep no ledger")
    func reliable() {
        let options = SimulatorOptions.reliable(seed: 3)
        #expect(options.seed == 3)
        #expect(options.latencyMilliseconds == 0)
        #expect(options.failureRate == 0 && options.rateLimitRate == 0 && options.permanentRate == 0)
        #expect(options.ledgerPath == nil)
    }

    @Test("the command line's raw values become options")
    func commandLine() throws {
        let options = try SimulatorOptions.fromCommandLine(
            seed: "42", latencyMilliseconds: "12.5", failureRate: "0.1", rateLimitRate: " 0.05 ", permanentRate: "0",
            ledgerPath: "/tmp/ledger.tsv")
        #expect(options.seed == 42)
        #expect(options.latencyMilliseconds == 12.5)
        #expect(options.latencySpread == SimulatorOptions.defaultLatencySpread)
        #expect(options.failureRate == 0.1)
        #expect(options.rateLimitRate == 0.05)
        #expect(options.permanentRate == 0)
        #expect(options.ledgerPath == "/tmp/ledger.tsv")
    }

    @Test("absent flags take the defaults; seeds may be hexadecimal")
    func defaults() throws {
        #expect(try SimulatorOptions.fromCommandLine() == .reliable())
        #expect(try SimulatorOptions.fromCommandLine(seed: "0xFF").seed == 255)
        #expect(try SimulatorOptions.fromCommandLine(seed: "18446744073709551615").seed == .max)
    }

    @Test("rates adding up to exactly 1 are accepted despite rounding")
    func sumOfOne() throws {
        let options = try SimulatorOptions(seed: 1, failureRate: 0.1, rateLimitRate: 0.2, permanentRate: 0.7)
        #expect(options.permanentRate == 0.7)
        _ = try SimulatorOptions(seed: 1, failureRate: 1)
    }

    @Test("invalid values are refused with one line naming the flag", arguments: [
        (["failure": "1.5"], "--sim-failure-rate must be between 0 and 1, got 1.5"),
        (["rateLimit": "-0.1"], "--sim-429-rate must be between 0 and 1, got -0.1"),
        (["permanent": "2"], "--sim-permanent-rate must be between 0 and 1, got 2.0"),
        (["failure": "abc"], "--sim-failure-rate must be a number, got 'abc'"),
        (["failure": "nan"], "--sim-failure-rate must be a number, got 'nan'"),
        (
            ["failure": "0.5", "rateLimit": "0.4", "permanent": "0.2"],
            "--sim-failure-rate, --sim-429-rate and --sim-permanent-rate add up to 1.1; their sum must be at most 1"
        ),
        (["latency": "-1"], "--sim-latency-ms must be between 0 and 600000, got -1.0"),
        (["latency": "1e9"], "--sim-latency-ms must be between 0 and 600000, got 1000000000.0"),
        (["latency": "fast"], "--sim-latency-ms must be a number, got 'fast'"),
        (["seed": "-3"], "--sim-seed must be an unsigned 64-bit integer, got '-3'"),
        (["seed": "1\u{1B}[2J"], "--sim-seed must be an unsigned 64-bit integer, got '1\\x1b[2J'"),
        (["ledger": ""], "--sim-ledger needs a file path, got an empty one"),
    ])
    func refused(values: [String: String], message: String) {
        #expect(throws: InvalidInput(message)) {
            try SimulatorOptions.fromCommandLine(
                seed: values["seed"], latencyMilliseconds: values["latency"], failureRate: values["failure"],
                rateLimitRate: values["rateLimit"], permanentRate: values["permanent"], ledgerPath: values["ledger"])
        }
    }

    @Test("a spread outside its range is refused")
    func spread() {
        #expect(throws: InvalidInput("the simulator's latency spread must be between 0 and 4.0, got -1.0")) {
            try SimulatorOptions(seed: 1, latencySpread: -1)
        }
        #expect(throws: InvalidInput.self) { try SimulatorOptions(seed: 1, latencySpread: .infinity) }
    }
}
