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
