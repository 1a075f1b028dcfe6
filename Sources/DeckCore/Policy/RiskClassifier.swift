/// OpsDeck's own view of how risky a tool is, from the verb in its slug.
///
/// Reads are low, ordinary writes medium, destructive verbs high, money and mass actions
/// critical. The catalog refines this with tags and scopes; operators override per tool.
public enum RiskClassifier {
    /// The tier for a tool slug such as `GMAIL_SEND_EMAIL` (words after the toolkit).
    public static func classify(slug: String) -> RiskTier {
        let words = slug.uppercased().split(separator: "_").dropFirst()
        var tier = RiskTier.medium
        for word in words {
            let text = String(word)
            if criticalWords.contains(text) { return .critical }
            if highWords.contains(text) { tier = .high }
        }
        if tier == .medium, let verb = words.first, readVerbs.contains(String(verb)) { return .low }
        return tier
    }

    /// The tier for a catalog tool: the slug's verb, refined by Composio's hints and scopes.
    ///
    /// `destructiveHint` raises the tier to at least high; `readOnlyHint` lowers an ordinary
    /// tier to low; a scope that grants sending, deleting or admin rights keeps a tool at
    /// medium or above. Money and mass verbs stay critical whatever the hints say.
    public static func classify(slug: String, tags: [String], scopes: [String]) -> RiskTier {
        let verb = classify(slug: slug)
        if verb == .critical { return .critical }
        let hints = Set(tags.map { $0.lowercased() })
        if hints.contains("destructivehint") { return max(verb, .high) }
        let powerful = scopes.contains { scope in
            let lowered = scope.lowercased()
            return ["send", "delete", "admin", "write", "modify", "compose"].contains { lowered.contains($0) }
        }
        if hints.contains("readonlyhint"), verb <= .medium, !powerful || verb == .low { return .low }
        return verb
    }

    /// True when a tool only reads: Composio's `readOnlyHint`, or a read verb without hints
    /// saying otherwise. Warm scans and trickle refreshes run only these.
    public static func isReadOnly(slug: String, tags: [String]) -> Bool {
        let hints = Set(tags.map { $0.lowercased() })
        if hints.contains("destructivehint") { return false }
        if hints.contains("readonlyhint") { return true }
        return classify(slug: slug) == .low
    }

    static let readVerbs: Set<String> = [
        "GET", "LIST", "FETCH", "SEARCH", "FIND", "READ", "QUERY", "LOOKUP", "DESCRIBE", "COUNT", "VIEW", "RETRIEVE",
    ]
    static let highWords: Set<String> = [
        "DELETE", "REMOVE", "DESTROY", "PURGE", "ARCHIVE", "REVOKE", "BAN", "KICK", "TRUNCATE", "OVERWRITE", "BULK",
    ]
    static let criticalWords: Set<String> = [
        "PAY", "PAYMENT", "CHARGE", "REFUND", "TRANSFER", "PAYOUT", "INVOICE", "BROADCAST", "MASS", "WIRE",
    ]
}
