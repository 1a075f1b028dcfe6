import DeckCore

/// One setting the configuration file may hold: its dotted name, what values it takes, its
/// default and what it means.
public struct ConfigKey: Sendable {
    public enum Kind: Sendable {
        /// A number in a closed range.
        case number(ClosedRange<Double>)
        /// A whole number in a closed range.
        case integer(ClosedRange<Int>)
        case bool
        /// One of these words.
        case choice([String])
        /// A non-empty line of text.
        case text
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: String
    public var help: String

    /// Every key, in the order `config show` prints them.
    public static let all: [ConfigKey] = {
        var keys: [ConfigKey] = [
            ConfigKey(name: "theme", kind: .text, defaultValue: "dark", help: "console theme"),
            ConfigKey(
                name: "bulk_confirm_threshold", kind: .integer(1...1_000_000), defaultValue: "20",
                help: "console: a bulk action over this many rows asks for the count typed"),
            ConfigKey(name: "provider.name", kind: .choice(["simulated", "composio"]), defaultValue: "simulated", help: "tool provider"),
            ConfigKey(name: "provider.sim.seed", kind: .integer(0...Int.max), defaultValue: "0", help: "simulator seed"),
            ConfigKey(name: "provider.sim.latency_ms", kind: .number(0...600_000), defaultValue: "0", help: "simulator median latency"),
            ConfigKey(name: "provider.sim.failure_rate", kind: .number(0...1), defaultValue: "0", help: "simulator retryable failures"),
            ConfigKey(name: "provider.sim.rate_limit_rate", kind: .number(0...1), defaultValue: "0", help: "simulator 429s"),
            ConfigKey(name: "provider.sim.permanent_rate", kind: .number(0...1), defaultValue: "0", help: "simulator permanent errors"),
            ConfigKey(name: "tenants.max_running", kind: .integer(1...10_000), defaultValue: "1", help: "cap of a new tenant (tenant add)"),
            ConfigKey(name: "scheduler.account_sync_seconds", kind: .number(0.001...86_400), defaultValue: "30", help: "account sync interval"),
            ConfigKey(name: "scheduler.drift_check_seconds", kind: .number(0.001...604_800), defaultValue: "300", help: "drift check interval"),
            ConfigKey(name: "scheduler.trickle_min_minutes", kind: .number(0.001...10_080), defaultValue: "30", help: "trickle refresh, shortest interval"),
            ConfigKey(name: "scheduler.trickle_max_minutes", kind: .number(0.001...10_080), defaultValue: "60", help: "trickle refresh, longest interval"),
            ConfigKey(name: "scheduler.tick_seconds", kind: .number(0.001...3_600), defaultValue: "1", help: "scheduler pass interval"),
            ConfigKey(name: "rate_buckets.capacity", kind: .number(1...1_000_000), defaultValue: "10", help: "per-toolkit burst"),
            ConfigKey(name: "rate_buckets.refill_per_second", kind: .number(0.000_001...1_000_000), defaultValue: "1", help: "per-toolkit refill"),
        ]
        for tier in RiskTier.allCases {
            let policy = RetryPolicy.standard.policy(for: tier)
            keys += [
                ConfigKey(name: "risk_tiers.\(tier.rawValue).attempts", kind: .integer(1...100), defaultValue: String(policy.maxAttempts),
                          help: "\(tier.rawValue): most attempts"),
                ConfigKey(name: "risk_tiers.\(tier.rawValue).base_seconds", kind: .number(0...86_400), defaultValue: format(policy.baseDelay),
                          help: "\(tier.rawValue): first backoff"),
                ConfigKey(name: "risk_tiers.\(tier.rawValue).max_seconds", kind: .number(0...604_800), defaultValue: format(policy.maxDelay),
                          help: "\(tier.rawValue): longest backoff"),
                ConfigKey(name: "risk_tiers.\(tier.rawValue).safe", kind: .bool, defaultValue: policy.safeToRepeat ? "true" : "false",
                          help: "\(tier.rawValue): may run again after a lost lease"),
            ]
        }
        keys += [
            ConfigKey(name: "demo.rate", kind: .number(0.001...1_000), defaultValue: "2", help: "demo agent envelopes per second"),
            ConfigKey(name: "demo.seed", kind: .integer(0...Int.max), defaultValue: "1", help: "demo world seed"),
        ]
        return keys
    }()

    public static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// `text` checked against the kind; the reason when it does not fit.
    public func check(_ text: String) -> String? {
        switch kind {
        case .number(let range):
            guard let value = Double(text), value.isFinite else { return "expected a number, got '\(text)'" }
            guard range.contains(value) else { return "\(text) is out of range (\(ConfigKey.format(range.lowerBound)) to \(ConfigKey.format(range.upperBound)))" }
        case .integer(let range):
            guard let value = Int(text) else { return "expected a whole number, got '\(text)'" }
            guard range.contains(value) else { return "\(text) is out of range (\(range.lowerBound) to \(range.upperBound))" }
        case .bool:
            guard text == "true" || text == "false" else { return "expected true or false, got '\(text)'" }
        case .choice(let words):
            guard words.contains(text) else { return "expected one of \(words.joined(separator: ", ")), got '\(text)'" }
        case .text:
            guard !text.isEmpty, text.count <= 200 else { return "expected 1 to 200 characters" }
        }
        return nil
    }
}
