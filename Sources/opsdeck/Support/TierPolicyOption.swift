import DeckCore

/// Parses `--tier-policy TIER:ATTEMPTS:BASE:MAX[:unsafe|:safe]` values into a retry policy.
enum TierPolicyOption {
    /// `base` (the configuration's, else the standard policy) with each given tier replaced.
    static func policy(from values: [String], base starting: RetryPolicy = .standard) throws(InvalidInput) -> RetryPolicy {
        var tiers = starting.tiers
        for value in values {
            let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (4...5).contains(parts.count), let attempts = Int(parts[1]), let base = Double(parts[2]),
                  let max = Double(parts[3])
            else {
                throw InvalidInput(
                    "--tier-policy '\(TerminalText.sanitize(value))' does not parse (expected TIER:ATTEMPTS:BASE_SECONDS:MAX_SECONDS[:safe|unsafe], e.g. high:3:2:600)")
            }
            let tier = try RiskTier.parse(parts[0])
            var safe = starting.policy(for: tier).safeToRepeat
            if parts.count == 5 {
                switch parts[4] {
                case "safe": safe = true
                case "unsafe": safe = false
                default: throw InvalidInput("--tier-policy '\(TerminalText.sanitize(value))': the last part must be safe or unsafe")
                }
            }
            tiers[tier] = try RiskTierPolicy(maxAttempts: attempts, baseDelay: base, maxDelay: max, safeToRepeat: safe)
        }
        return RetryPolicy(tiers: tiers)
    }
}
