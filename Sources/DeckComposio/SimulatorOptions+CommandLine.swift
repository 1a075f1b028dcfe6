import DeckCore

extension SimulatorOptions {
    /// Options from the raw text of the `--sim-…` flags; nil (flag absent) means the default.
    ///
    /// The seed accepts decimal or `0x` hexadecimal; latency and rates accept decimals.
    /// Throws one line naming the flag, ready for stderr.
    public static func fromCommandLine(
        seed: String? = nil, latencyMilliseconds: String? = nil, failureRate: String? = nil,
        rateLimitRate: String? = nil, permanentRate: String? = nil, ledgerPath: String? = nil
    ) throws(InvalidInput) -> SimulatorOptions {
        try SimulatorOptions(
            seed: parseSeed(seed),
            latencyMilliseconds: parseNumber(latencyMilliseconds, flag: "--sim-latency-ms"),
            failureRate: parseNumber(failureRate, flag: "--sim-failure-rate"),
            rateLimitRate: parseNumber(rateLimitRate, flag: "--sim-429-rate"),
            permanentRate: parseNumber(permanentRate, flag: "--sim-permanent-rate"),
            ledgerPath: ledgerPath)
    }

    private static func parseSeed(_ text: String?) throws(InvalidInput) -> UInt64 {
        guard let text else { return 0 }
        let trimmed = text.trimmingSpaces
        let value: UInt64?
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            value = UInt64(trimmed.dropFirst(2), radix: 16)
        } else {
            value = UInt64(trimmed)
        }
        guard let value else {
            throw InvalidInput("--sim-seed must be an unsigned 64-bit integer, got \(quoted(text))")
        }
        return value
    }

    private static func parseNumber(_ text: String?, flag: String) throws(InvalidInput) -> Double {
        guard let text else { return 0 }
        guard let value = Double(text.trimmingSpaces), value.isFinite else {
            throw InvalidInput("\(flag) must be a number, got \(quoted(text))")
        }
        return value
    }

    /// The text in quotes with control characters escaped, so the error stays one safe line.
    private static func quoted(_ text: String) -> String {
        "'" + TerminalText.sanitize(String(text.prefix(64))) + "'"
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
