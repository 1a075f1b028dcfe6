import DeckCore
import Foundation

/// The effective configuration: a flag, else the configuration file, else the default — and
/// where each value came from.
public struct Settings: Sendable {
    /// Where a value came from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case defaultValue
        case file(path: String, line: Int)
        case flag

        public var description: String {
            switch self {
            case .defaultValue: "default"
            case .file(let path, let line): "\(path):\(line)"
            case .flag: "command line"
            }
        }
    }

    /// The file read, if any.
    public var file: ConfigFile?

    /// The configuration file's path: `--config`, else `$OPSDECK_CONFIG`, else
    /// `$XDG_CONFIG_HOME/opsdeck/config.yaml` (or `~/.config/…`) when that exists.
    public static func locate(explicit: String?) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let path = ProcessInfo.processInfo.environment["OPSDECK_CONFIG"], !path.isEmpty { return path }
        guard let directory = opsdeckConfigDirectory else { return nil }
        let path = directory + "/config.yaml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// `$XDG_CONFIG_HOME/opsdeck`, else `~/.config/opsdeck`: the configuration file and themes.
    public static var opsdeckConfigDirectory: String? {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["HOME"].map { $0 + "/.config" }
        return base.map { $0 + "/opsdeck" }
    }

    /// Loads the configuration `--config` or the environment names (none is fine).
    public static func load(explicit: String?) throws(InvalidInput) -> Settings {
        guard let path = locate(explicit: explicit) else { return Settings(file: nil) }
        return Settings(file: try ConfigFile.load(path: path))
    }

    /// True when neither `flag` nor the file sets `key`: a caller may pick its own default
    /// (the demo does).
    public func isDefault<Value>(_ key: String, flag: Value?) -> Bool {
        flag == nil && file?.values[key] == nil
    }

    /// The value of `key` as text and its source, with `flag` winning when given.
    public func text(_ key: String, flag: String? = nil) -> (value: String, source: Source) {
        if let flag { return (flag, .flag) }
        if let file, let entry = file.values[key] { return (entry.text, .file(path: file.path, line: entry.line)) }
        return (ConfigKey.byName[key]?.defaultValue ?? "", .defaultValue)
    }

    public func double(_ key: String, flag: Double? = nil) -> Double {
        flag ?? Double(text(key).value) ?? 0
    }

    public func int(_ key: String, flag: Int? = nil) -> Int {
        flag ?? Int(text(key).value) ?? 0
    }

    public func string(_ key: String, flag: String? = nil) -> String { text(key, flag: flag).value }

    /// The retry policy of every tier from the file over the standard one.
    public func retryPolicy() throws(InvalidInput) -> RetryPolicy {
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
