import DeckCore
import Foundation

/// The effective configuration: a flag, else the configuration file, else the default — and
/// where each value came from.
struct Settings: Sendable {
    /// Where a value came from.
    enum Source: Sendable, Hashable, CustomStringConvertible {
        case defaultValue
        case file(path: String, line: Int)
        case flag

        var description: String {
            switch self {
            case .defaultValue: "default"
            case .file(let path, let line): "\(path):\(line)"
            case .flag: "command line"
            }
        }
    }

    /// The file read, if any.
    var file: ConfigFile?

    /// The configuration file's path: `--config`, else `$OPSDECK_CONFIG`, else
    /// `$XDG_CONFIG_HOME/opsdeck/config.yaml` (or `~/.config/…`) when that exists.
    static func locate(explicit: String?) -> (path: String, required: Bool)? {
        if let explicit, !explicit.isEmpty { return (explicit, true) }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["OPSDECK_CONFIG"], !path.isEmpty { return (path, true) }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["HOME"].map { $0 + "/.config" }
        guard let base else { return nil }
        let path = base + "/opsdeck/config.yaml"
        return FileManager.default.fileExists(atPath: path) ? (path, false) : nil
    }

    /// Loads the configuration `--config` or the environment names (none is fine).
    static func load(explicit: String?) throws(CLIError) -> Settings {
        guard let (path, _) = locate(explicit: explicit) else { return Settings(file: nil) }
        return Settings(file: try ConfigFile.load(path: path))
    }

    /// The value of `key` as text and its source, with `flag` winning when given.
    func text(_ key: String, flag: String? = nil) -> (value: String, source: Source) {
        if let flag { return (flag, .flag) }
        if let file, let entry = file.values[key] { return (entry.text, .file(path: file.path, line: entry.line)) }
        return (ConfigKey.byName[key]?.defaultValue ?? "", .defaultValue)
    }

    func double(_ key: String, flag: Double? = nil) -> Double {
        flag ?? Double(text(key).value) ?? 0
    }

    func int(_ key: String, flag: Int? = nil) -> Int {
        flag ?? Int(text(key).value) ?? 0
    }

    func string(_ key: String, flag: String? = nil) -> String { text(key, flag: flag).value }

    /// The retry policy of every tier from the file over the standard one.
    func retryPolicy() throws(InvalidInput) -> RetryPolicy {
        var tiers = RetryPolicy.standard.tiers
        for tier in RiskTier.allCases {
            let prefix = "risk_tiers.\(tier.rawValue)."
            tiers[tier] = try RiskTierPolicy(
                maxAttempts: int(prefix + "attempts"), baseDelay: double(prefix + "base_seconds"),
                maxDelay: double(prefix + "max_seconds"), safeToRepeat: string(prefix + "safe") == "true")
        }
        return RetryPolicy(tiers: tiers)
    }
}
